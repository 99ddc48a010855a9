-- Youth care (issue 18): the law a referral is made under, and who gave a consent. Every referral before was a Wmo
-- referral and every consent the citizen's own, so existing rows need no giver rows (read as the citizen's).
alter table referral add column legal_framework varchar(20) default 'WMO' not null;

create table consent_giver (
    consent_id  uuid         not null references consent_record (id),
    position    integer      not null,
    role        varchar(30)  not null,
    name        varchar(200),
    primary key (consent_id, position)
);
