-- The providers this practice admitted to a referral for care delivery: each after the addressed municipality confirmed
-- that it assigned the case resting on the referral to that provider (issue 16). They are involved in the referral from
-- then on, so a correction or a withdrawal reaches them from the practice, the referral's source.
create table assigned_provider (
    referral_id  uuid                     not null references referral (id),
    provider     varchar(100)             not null,
    basis_owner  varchar(100)             not null,
    basis_id     varchar(64)              not null,
    admitted_at  timestamp with time zone not null,
    primary key (referral_id, provider)
);
