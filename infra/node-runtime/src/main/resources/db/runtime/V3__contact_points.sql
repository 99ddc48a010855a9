-- This node's own function-level contact points (a desk, a team; never a person's own number), each a shared object
-- with its own version and thin notifications. The details are a schedule: each entry takes effect at its moment, so a
-- change can be announced ahead. Others' contact points are pulled copies (pulled_copy), not kept here.
create table contact_point (
    id          uuid                     primary key,
    version     integer                  not null,
    created_at  timestamp with time zone not null,
    updated_at  timestamp with time zone not null
);

-- The schedule, oldest first (seq 1..n); effective_from strictly increases with seq.
create table contact_point_entry (
    contact_point_id  uuid                     not null references contact_point (id),
    seq               integer                  not null,
    name              varchar(200)             not null,
    phone             varchar(20),
    email             varchar(200),
    effective_from    timestamp with time zone not null,
    primary key (contact_point_id, seq)
);
