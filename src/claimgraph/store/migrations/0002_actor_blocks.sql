-- 0002: blocking keys, so that resolving a new actor compares it with the few actors sharing a word,
-- an acronym or an alias-table entry, not with every actor of the corpus. Filled in by
-- claimgraph.store.actors.backfill_blocks (a Python step run right after this script).
CREATE TABLE actor_blocks (
    actor_id INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    block    TEXT NOT NULL,
    PRIMARY KEY (block, actor_id)
);
CREATE INDEX actor_blocks_actor ON actor_blocks(actor_id);
