-- Targeted questions (gerichte vragen, issue 18): the municipality's own question to the GP practice whose referral one
-- of its cases rests on. The GP's answer is a pulled copy (pulled_copy); the question names it once it was pulled.
create table question (
    id              uuid primary key,
    version         integer                  not null,
    status          varchar(20)              not null,
    case_id         uuid                     not null references intake_case (id),
    referral_owner  varchar(100)             not null,
    referral_id     varchar(64)              not null,
    purpose         varchar(50)              not null,
    question        varchar(2000)            not null,
    answer_by       date                     not null,
    asked_at        timestamp with time zone not null,
    answer_owner    varchar(100),
    answer_id       varchar(64),
    settled_at      timestamp with time zone,
    withdrawn_at    timestamp with time zone,
    updated_at      timestamp with time zone not null
);
create index question_case on question (case_id);
