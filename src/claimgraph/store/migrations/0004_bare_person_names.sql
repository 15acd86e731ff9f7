-- 0004: person actors known only by the same one-word name ("Obama" in many documents) are one actor;
-- stores written before kept one per document, each a merge candidate for all the others. The work is
-- a Python step (claimgraph.store.actors:fold_bare_names): no schema change.
SELECT 1;
