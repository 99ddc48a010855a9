-- A gap that the source's own history does not confirm (a record claimed a sequence number the source never reached:
-- forged, or from a source that lost its registration) is asked about a bounded number of times, with back-off, and
-- then settled: the claim is kept here for the operator, and the position goes back to what the source confirmed.
-- Kept in the table, not in memory, so a restart does not turn a settled or backed-off gap into a hot loop again.
alter table source_position add column gap_tries integer default 0 not null;
alter table source_position add column gap_retry_at timestamp with time zone;
alter table source_position add column unconfirmed_claim bigint;
alter table source_position add column unconfirmed_settled_at timestamp with time zone;
