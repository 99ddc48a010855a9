-- The municipalities this practice admitted to a youth referral it addressed to a provider directly: each after that
-- provider confirmed it asked the municipality for an assignment on the referral (issue 18). Involved from then on, so
-- a correction or a withdrawal reaches them from the practice, the referral's source.
create table requesting_municipality (
    referral_id   uuid                     not null references referral (id),
    municipality  varchar(100)             not null,
    request_owner varchar(100)             not null,
    request_id    varchar(64)              not null,
    admitted_at   timestamp with time zone not null,
    primary key (referral_id, municipality)
);
