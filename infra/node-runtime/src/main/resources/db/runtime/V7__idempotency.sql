-- Idempotency-Key (draft-ietf-httpapi-idempotency-key-header): the first answer to a creating staff request, per caller
-- and key, so that a client repeating the request gets that answer again instead of a second object. The row is
-- inserted before the work and committed with it, in one transaction: a concurrent repeat waits on the primary key and
-- then finds the answer, also on another instance of the node sharing this database. Rows go after the retention.
create table idempotency_key (
    caller           char(64)                 not null,  -- SHA-256 of the staff member's subject
    idempotency_key  varchar(255)             not null,
    fingerprint      char(64)                 not null,  -- SHA-256 of the method, path and body
    status           integer,                            -- null only inside the transaction doing the work
    content_type     varchar(255),
    location         varchar(2000),
    body             varchar(1000000),
    created_at       timestamp with time zone not null,
    primary key (caller, idempotency_key)
);
create index idempotency_key_created on idempotency_key (created_at);
