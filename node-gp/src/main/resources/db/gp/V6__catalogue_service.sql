-- The service of the addressed municipality's catalogue a referral names (issue 18), by reference: the municipality
-- (owner) and the service's id. Both null when the referral names none, as every referral recorded before did.
alter table referral add column catalogue_service_owner varchar(100);
alter table referral add column catalogue_service_id varchar(36);
