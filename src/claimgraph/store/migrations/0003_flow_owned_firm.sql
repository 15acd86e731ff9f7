-- 0003: a flow whose end is a state read from a firm it owns ("Venezuela's state-run PDVSA sold ...")
-- keeps the firm's entity id and which end is the state, so that readers can tell claimgraph's
-- reading from the article's words.
ALTER TABLE flows ADD COLUMN owned_firm TEXT;
ALTER TABLE flows ADD COLUMN owner_end TEXT;
