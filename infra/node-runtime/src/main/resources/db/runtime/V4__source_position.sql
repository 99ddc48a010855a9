-- How far this node has accounted for each source's notifications (ce_sequence is contiguous per source): everything
-- up to confirmed_through was received or confirmed by the source's history; a higher sequence seen means a gap that
-- the node fetches from the source after a short grace (records of one source arrive over several partitions).
create table source_position (
    source             varchar(100) primary key,
    confirmed_through  bigint                   not null,
    highest_seen       bigint                   not null,
    gap_seen_at        timestamp with time zone,
    caught_up_at       timestamp with time zone
);
