-- The provider's requests for an assignment (verzoek om toewijzing, cf. iJw 315) on a youth referral the GP gave it
-- directly (issue 18). A request refers to its assignment, the GP's referral and the municipality's answering case; the
-- pulled objects themselves are kept by the runtime in pulled_copy.

create table assignment_request (
    id                 uuid primary key,
    version            integer                  not null,
    status             varchar(20)              not null,
    assignment_id      uuid                     not null references assignment (id),
    referral_owner     varchar(100)             not null,
    referral_id        varchar(64)              not null,
    municipality       varchar(100)             not null,
    product_category   varchar(100)             not null,
    requested_at       timestamp with time zone not null,
    answer_owner       varchar(100),
    answer_id          varchar(64),
    answered_at        timestamp with time zone,
    adult_on           date,
    updated_at         timestamp with time zone not null,
    -- one request per assignment: a refused one is answered, not asked again of another municipality here
    constraint assignment_request_assignment unique (assignment_id)
);
