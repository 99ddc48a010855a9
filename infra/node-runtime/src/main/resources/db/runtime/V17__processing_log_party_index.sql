-- A privacy officer reads the processing log by party and time range (issue 19, "Reading the log"). Without an index
-- on the party, PostgreSQL walks audit_record_recorded over the whole range and reads every record in it to find the
-- party's: over 10 million records (docs/benchmark.md, "The processing log") a month of a rare party's records took
-- seconds. With (caller, recorded_at) the page is read in time order from the party's own entries.
create index audit_record_caller on audit_record (caller, recorded_at);
