-- One relay at a time per node database: two instances of a node share the outbox, and the one holding the lease
-- publishes, in order, while the other waits. A holder that dies loses the lease when it expires.
create table relay_lease (
    name        varchar(50) primary key,
    holder      varchar(100),
    expires_at  timestamp with time zone not null
);
insert into relay_lease (name, holder, expires_at) values ('outbox', null, timestamp with time zone '1970-01-01 00:00:00+00');
