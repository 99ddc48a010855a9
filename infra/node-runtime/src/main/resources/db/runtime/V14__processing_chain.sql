-- The head of the processing log's hash chain: the last sealed record's seq and hash (seq 0 and the genesis hash, 64
-- zeros, before the first). The sealer locks this row (select ... for update) for each batch it seals, so two instances
-- of a node on one database seal one after the other, each continuing from the head the other left; retention locks it
-- too, so it never removes records while a batch is being sealed. It also lets a verification see records removed from
-- the end of the chain, or one sealed beyond the end by someone else.
create table audit_chain_head (
    id          integer     primary key,
    chain_seq   bigint      not null,
    chain_hash  varchar(64) not null
);
insert into audit_chain_head (id, chain_seq, chain_hash) values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
-- Retention removes a sealed prefix of the chain in seq order and the oldest pulled copies; the latest checkpoint is the
-- one a verification starts from.
create index audit_chain_checkpoint_seq on audit_chain_checkpoint (chain_seq);
create index pulled_copy_pulled on pulled_copy (pulled_at);
