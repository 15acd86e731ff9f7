-- 0005: more blocking keys, so that spellings of one name meet across documents: the consonants of a
-- person's name words ("Laden" / "Ladin", "Gaddafi" / "Qaddafi") and a group's name in the singular
-- ("Muslims" / "Muslim"). Filled in by claimgraph.store.actors.backfill_blocks; no schema change.
-- Actors stored before are not merged by this step: `claimgraph rebuild-actors` re-resolves them.
SELECT 1;
