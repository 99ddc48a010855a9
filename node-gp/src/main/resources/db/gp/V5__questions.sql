-- Targeted questions (gerichte vragen, issue 18). A municipality's question is its object: the practice keeps the
-- pulled copy (pulled_copy) and here only which referral it is about and the day it is wanted by, to list and judge it.
create table incoming_question (
    question_id     varchar(64)              primary key,
    question_owner  varchar(100)             not null,
    referral_id     uuid                     not null references referral (id),
    answer_by       date                     not null,
    received_at     timestamp with time zone not null
);

-- The practice's own answer to a question, or its refusal with a reason: one per question.
create table answer (
    id              uuid primary key,
    version         integer                  not null,
    status          varchar(20)              not null,
    question_owner  varchar(100)             not null,
    question_id     varchar(64)              not null unique references incoming_question (question_id),
    referral_id     uuid                     not null references referral (id),
    purpose         varchar(50)              not null,
    answer          varchar(4000),
    refusal_reason  varchar(1000),
    answered_at     timestamp with time zone not null
);
