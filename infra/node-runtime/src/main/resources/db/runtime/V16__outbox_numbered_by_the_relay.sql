-- Numbering off the write path (issue 21): a change inserts its outbox rows without numbers, and the relay numbers
-- the committed rows (source_sequence, and recipient_sequence for an addressed row) in one short transaction of its
-- own under the node's sequence row, before it publishes them. A change that took the number itself held that row's
-- lock until it committed, so no two changes of a node could share a commit: on PostgreSQL with synchronous_commit=on,
-- one change per WAL flush. Until the relay has numbered it, a row has neither number (recipient_sequence was nullable
-- already, for generic notifications); both unique indexes allow any number of nulls, and the one on source_sequence
-- is how the relay finds the unnumbered rows.
alter table outbox_entry alter column source_sequence drop not null;
