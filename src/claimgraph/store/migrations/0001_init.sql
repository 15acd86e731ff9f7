-- 0001: documents, their records, corpus actors, candidate merges, full-text search.
-- Record tables are keyed by (doc_id, id): ids such as "c3" are only unique inside a document.

CREATE TABLE documents (
    id          TEXT PRIMARY KEY,          -- sha256 of the input bytes
    path        TEXT,
    title       TEXT,
    byline      TEXT,
    published   TEXT,                      -- YYYY-MM-DD
    republished TEXT,
    media_type  TEXT NOT NULL,
    text        TEXT NOT NULL,             -- cleaned text every offset points into
    profile     TEXT NOT NULL,             -- sourcing profile, JSON {evidence: count}
    n_claims    INTEGER NOT NULL,
    analysis    TEXT NOT NULL,             -- the full analysis JSON
    ingested_at TEXT NOT NULL
);

CREATE TABLE actors (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL,
    type    TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]'     -- JSON list of other names
);

-- normalised names and aliases of each actor, for exact look-ups
CREATE TABLE actor_keys (
    actor_id INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    key      TEXT NOT NULL,
    PRIMARY KEY (key, actor_id)
);

CREATE TABLE entities (
    doc_id   TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    id       TEXT NOT NULL,
    name     TEXT NOT NULL,
    type     TEXT NOT NULL,
    aliases  TEXT NOT NULL DEFAULT '[]',
    actor_id INTEGER REFERENCES actors(id),
    PRIMARY KEY (doc_id, id)
);
CREATE INDEX entities_actor ON entities(actor_id);

CREATE TABLE mentions (
    doc_id    TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    entity_id TEXT NOT NULL,
    start     INTEGER NOT NULL,
    "end"     INTEGER NOT NULL,
    text      TEXT NOT NULL
);
CREATE INDEX mentions_entity ON mentions(doc_id, entity_id);

CREATE TABLE attributions (
    doc_id        TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    id            TEXT NOT NULL,
    source_text   TEXT,
    source_start  INTEGER,
    source_end    INTEGER,
    source_kind   TEXT,
    source_entity TEXT,
    cue_text      TEXT,
    cue_start     INTEGER,
    cue_end       INTEGER,
    content_text  TEXT NOT NULL,
    content_start INTEGER NOT NULL,
    content_end   INTEGER NOT NULL,
    quote         TEXT NOT NULL,
    rule          TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (doc_id, id)
);
CREATE INDEX attributions_entity ON attributions(doc_id, source_entity);

CREATE TABLE claims (
    doc_id      TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    id          TEXT NOT NULL,
    text        TEXT NOT NULL,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    attribution TEXT,
    evidence    TEXT NOT NULL,
    source_text TEXT,
    marker_text TEXT,
    hedged      INTEGER NOT NULL DEFAULT 0,
    denied      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (doc_id, id)
);
CREATE INDEX claims_evidence ON claims(evidence);

CREATE TABLE flows (
    doc_id        TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    id            TEXT NOT NULL,
    kind          TEXT NOT NULL,
    source_entity TEXT NOT NULL,
    target_entity TEXT NOT NULL,
    claim         TEXT,
    trigger_text  TEXT NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end   INTEGER NOT NULL,
    item_text     TEXT,
    evidence      TEXT,
    claimed_by    TEXT,
    hedged        INTEGER NOT NULL DEFAULT 0,
    denied        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (doc_id, id)
);

-- open proposals to merge two actors: shown, never applied until a user confirms
CREATE TABLE actor_candidates (
    id         INTEGER PRIMARY KEY,
    actor_a    INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    actor_b    INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    score      REAL NOT NULL,
    reason     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (actor_a, actor_b)
);

-- a user's decisions, keyed by normalised names so that they outlive actor ids (re-ingest, merges)
CREATE TABLE actor_decisions (
    key_a      TEXT NOT NULL,
    key_b      TEXT NOT NULL,
    decision   TEXT NOT NULL CHECK (decision IN ('merge', 'reject')),
    name_a     TEXT NOT NULL,
    name_b     TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    PRIMARY KEY (key_a, key_b)
);

CREATE VIRTUAL TABLE documents_fts USING fts5(doc_id UNINDEXED, title, text, tokenize = 'unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE claims_fts USING fts5(doc_id UNINDEXED, claim_id UNINDEXED, text, tokenize = 'unicode61 remove_diacritics 2');
