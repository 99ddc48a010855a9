-- Involvements of municipalities' wijkteams with this practice's patients that the municipalities told the practice
-- of (issue 18). What each holds is the pulled copy (pulled_copy); this says which the practice knows, for its list.
create table known_involvement (
    owner           varchar(100)             not null,
    involvement_id  varchar(64)              not null,
    first_seen_at   timestamp with time zone not null,
    primary key (owner, involvement_id)
);
