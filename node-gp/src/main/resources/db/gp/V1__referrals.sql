-- The GP practice's source registration: referrals and the consent each rests on, and what the practice learned
-- about them from the municipality (kept apart, with where and when it was pulled).

create table consent_record (
    id                  uuid primary key,
    given_at            timestamp with time zone not null,
    form                varchar(10)              not null,
    document_reference  varchar(100),
    purposes            varchar(300)             not null,
    status              varchar(20)              not null,
    withdrawn_at        timestamp with time zone,
    recorded_at         timestamp with time zone not null
);

create table referral (
    id                       uuid primary key,
    version                  integer                  not null,
    status                   varchar(20)              not null,
    addressee                varchar(100)             not null,
    recorded_at              timestamp with time zone not null,
    updated_at               timestamp with time zone not null,
    citizen_bsn              char(9)                  not null,
    citizen_name             varchar(200)             not null,
    citizen_birth_date       date                     not null,
    address_street           varchar(200)             not null,
    address_house_number     varchar(20)              not null,
    address_postal_code      varchar(10)              not null,
    address_city             varchar(100)             not null,
    citizen_phone            varchar(20),
    contact_person_name      varchar(200),
    contact_person_relation  varchar(100),
    contact_person_phone     varchar(20),
    requested_support        varchar(500)             not null,
    problem_analysis         varchar(2000)            not null,
    urgency                  varchar(20)              not null,
    contact_point_name       varchar(200)             not null,
    contact_point_phone      varchar(20),
    contact_point_email      varchar(200),
    consent_id               uuid                     not null references consent_record (id)
);
create index referral_recorded on referral (recorded_at);

-- Feedback (terugkoppeling): the latest pulled feedback view of the case that handles a referral.
create table referral_case (
    referral_id          uuid primary key references referral (id),
    case_owner           varchar(100)             not null,
    case_id              varchar(64)              not null,
    case_version         integer                  not null,
    status               varchar(30)              not null,
    contact_point_name   varchar(200),
    contact_point_phone  varchar(20),
    contact_point_email  varchar(200),
    pulled_at            timestamp with time zone not null
);

-- The milestones GPs ask for, each with when it happened and the object it was learned from.
create table referral_milestone (
    referral_id         uuid                     not null references referral (id),
    milestone           varchar(30)              not null,
    occurred_at         timestamp with time zone not null,
    source_owner        varchar(100)             not null,
    source_object_type  varchar(30)              not null,
    source_object_id    varchar(64)              not null,
    source_version      integer                  not null,
    primary key (referral_id, milestone)
);
