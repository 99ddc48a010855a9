-- Addressed delivery (issue 16): a change becomes one outbox row per participant the owner's policy addresses, on that
-- participant's inbox topic, numbered in a sequence of its own, so a recipient's ce_sequence counts only what it is
-- sent (every gap is real, and the source's volume towards others stays hidden). source_sequence stays the node-wide
-- commit order the relay publishes in and checkpoints by; it never leaves the node. A generic notification (a contact
-- point) has no recipient and no recipient sequence: its topic is compacted, the latest per object always there.
alter table outbox_entry add column recipient varchar(100);
alter table outbox_entry add column recipient_sequence bigint;
create unique index outbox_entry_recipient_sequence on outbox_entry (recipient, recipient_sequence);

create table recipient_sequence (
    recipient   varchar(100) primary key,
    last_value  bigint not null
);
