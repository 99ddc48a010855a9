-- A municipality's catalogue (sociale kaart): its own services, each a shared object with its own version and thin
-- notifications on the generic topic. Only a municipality's node writes here; every node keeps the others' services as
-- pulled copies (pulled_copy), not here.
create table catalogue_service (
    id              uuid                     primary key,
    version         integer                  not null,
    name            varchar(200)             not null,
    kind            varchar(40)              not null,
    description     varchar(1000),
    -- participant URNs joined by commas (a URN has none): at most 20 of at most 100 characters, checked against the
    -- participant list when written; the list is read and written whole, never queried by provider
    providers       varchar(2100)            not null,
    waiting_weeks   integer,
    effective_from  date                     not null,
    -- exclusive: the first day the service is no longer offered
    effective_until date,
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null
);
