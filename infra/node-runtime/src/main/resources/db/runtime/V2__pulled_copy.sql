-- Pulled copies: other participants' objects as this node pulled them, one current copy per object, with where
-- (owner, type, id, version), when and for which purpose they were pulled, and whether they were withdrawn since.
create table pulled_copy (
    owner         varchar(100)             not null,
    object_type   varchar(50)              not null,
    object_id     varchar(64)              not null,
    version       integer                  not null,
    purpose       varchar(50)              not null,
    pulled_at     timestamp with time zone not null,
    content       varchar(30000)           not null,
    withdrawal    varchar(30),
    withdrawn_at  timestamp with time zone,
    primary key (owner, object_type, object_id)
);
