-- The provider's source registration: its assignments (toewijzingen). An assignment refers to what it rests on — the
-- municipality's case, or the GP's referral when the GP referred directly — and to the GP's referral, by owner, type
-- and id; the pulled objects themselves are kept by the runtime in pulled_copy, with their provenance.

create table assignment (
    id                 uuid primary key,
    version            integer                  not null,
    status             varchar(20)              not null,
    basis_owner        varchar(100)             not null,
    basis_type         varchar(50)              not null,
    basis_id           varchar(64)              not null,
    referral_owner     varchar(100)             not null,
    referral_type      varchar(50)              not null,
    referral_id        varchar(64)              not null,
    product_category   varchar(100),
    offered_at         timestamp with time zone not null,
    accepted_at        timestamp with time zone,
    declined_at        timestamp with time zone,
    decline_reason     varchar(500),
    care_started_at    timestamp with time zone,
    care_ended_at      timestamp with time zone,
    care_end_reason    varchar(500),
    updated_at         timestamp with time zone not null,
    -- one assignment per case or direct referral, however often it is notified or replayed
    constraint assignment_basis unique (basis_owner, basis_type, basis_id)
);

create index assignment_offered_at on assignment (offered_at);
