-- Withdrawal of a referral; feedback from every object that handles a referral (the municipality's case, a provider's
-- assignment), kept as pulled copies (pulled_copy) linked to the referral, and milestones with a short detail.
alter table referral add column withdrawn_at timestamp with time zone;

drop table referral_case;
create table followed_object (
    owner          varchar(100)             not null,
    object_type    varchar(50)              not null,
    object_id      varchar(64)              not null,
    referral_id    uuid                     not null references referral (id),
    first_seen_at  timestamp with time zone not null,
    primary key (owner, object_type, object_id)
);
create index followed_object_referral on followed_object (referral_id);

alter table referral_milestone add column detail varchar(500);
