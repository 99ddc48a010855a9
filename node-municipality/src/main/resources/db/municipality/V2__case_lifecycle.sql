-- The whole case lifecycle: decision, assignment, conclusion, return, closing without a decision. The wijkteam's
-- contact point becomes a reference to the municipality's published contact point, so a change to it reaches
-- everyone who follows the case. Pulled referrals move to the runtime's pulled_copy, like every pulled object.

insert into pulled_copy (owner, object_type, object_id, version, purpose, pulled_at, content)
    select referral_owner, 'referral', referral_id, version, purpose, pulled_at, content from pulled_referral;
alter table intake_case drop constraint intake_case_pulled_referral;
drop table pulled_referral;

alter table intake_case drop column contact_point_name;
alter table intake_case drop column contact_point_phone;
alter table intake_case drop column contact_point_email;
alter table intake_case add column contact_point_id uuid;
alter table intake_case add column decision_outcome varchar(20);
alter table intake_case add column decision_product_category varchar(100);
alter table intake_case add column decision_reason varchar(500);
alter table intake_case add column decision_general_provision varchar(200);
alter table intake_case add column decided_at timestamp with time zone;
alter table intake_case add column assigned_provider varchar(100);
alter table intake_case add column assigned_at timestamp with time zone;
alter table intake_case add column conclusion varchar(500);
alter table intake_case add column concluded_at timestamp with time zone;
alter table intake_case add column returned_to varchar(100);
alter table intake_case add column return_reason varchar(500);
alter table intake_case add column returned_at timestamp with time zone;
alter table intake_case add column close_reason varchar(500);
alter table intake_case add column closed_at timestamp with time zone;

-- Assignments at providers that carry out this municipality's cases: which case each belongs to. What the provider
-- reported is the pulled copy of the assignment (pulled_copy).
create table followed_assignment (
    provider       varchar(100)             not null,
    assignment_id  varchar(64)              not null,
    case_id        uuid                     not null references intake_case (id),
    first_seen_at  timestamp with time zone not null,
    primary key (provider, assignment_id)
);
create index followed_assignment_case on followed_assignment (case_id);
