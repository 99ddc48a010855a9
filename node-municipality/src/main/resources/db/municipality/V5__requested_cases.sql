-- A case can answer a youth-care provider's request for an assignment (verzoek om toewijzing, issue 18): the provider
-- and its request, by reference; the pulled request is kept by the runtime in pulled_copy. Null for a case on a
-- referral addressed to us.
alter table intake_case add column request_provider varchar(100);
alter table intake_case add column request_id varchar(64);
