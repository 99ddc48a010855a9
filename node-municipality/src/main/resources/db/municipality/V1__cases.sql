-- The municipality's source registration: its cases (meldingen), each referring to the referral it came from, and
-- the referral as pulled for intake, kept apart and marked with where, when and for what it was pulled.

create table pulled_referral (
    referral_owner    varchar(100)             not null,
    referral_id       varchar(64)              not null,
    version           integer                  not null,
    purpose           varchar(50)              not null,
    pulled_at         timestamp with time zone not null,
    consent_purposes  varchar(300)             not null,
    consent_status    varchar(20)              not null,
    content           varchar(20000)           not null,
    primary key (referral_owner, referral_id)
);

create table intake_case (
    id                   uuid primary key,
    version              integer                  not null,
    status               varchar(30)              not null,
    referral_owner       varchar(100)             not null,
    referral_id          varchar(64)              not null,
    received_at          timestamp with time zone not null,
    picked_up_at         timestamp with time zone,
    contact_point_name   varchar(200),
    contact_point_phone  varchar(20),
    contact_point_email  varchar(200),
    updated_at           timestamp with time zone not null,
    constraint intake_case_referral unique (referral_owner, referral_id),
    constraint intake_case_pulled_referral foreign key (referral_owner, referral_id)
        references pulled_referral (referral_owner, referral_id)
);
