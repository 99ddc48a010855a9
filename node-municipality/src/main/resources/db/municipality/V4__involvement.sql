-- The wijkteam's involvement with a citizen, told to the citizen's GP practice with the citizen's consent (issue 18).
-- The purposes are joined by commas, as at the GP: ten codes of at most 29 characters and nine commas make 299.
create table involvement (
    id                    uuid                     not null primary key,
    version               integer                  not null,
    status                varchar(20)              not null,
    bsn                   varchar(9)               not null,
    citizen_name          varchar(200)             not null,
    birth_date            date                     not null,
    since_date            date                     not null,
    until_date            date,
    contact_point_id      uuid                     not null,
    gp_practice           varchar(100)             not null,
    consent_given_at      timestamp with time zone not null,
    consent_form          varchar(10)              not null,
    consent_purposes      varchar(300)             not null,
    consent_status        varchar(20)              not null,
    consent_withdrawn_at  timestamp with time zone,
    started_at            timestamp with time zone not null,
    ended_at              timestamp with time zone,
    updated_at            timestamp with time zone not null
);
