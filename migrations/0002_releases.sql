-- Release information, imported from releases/*.md by the project's setup (idempotent).
CREATE TABLE IF NOT EXISTS releases (
  version       TEXT PRIMARY KEY,
  sort_key      TEXT NOT NULL UNIQUE,       -- orders like semver (5.10.0 after 5.9.2)
  date          TEXT NOT NULL,              -- YYYY-MM-DD
  channel       TEXT NOT NULL CHECK (channel IN ('stable', 'lts', 'beta')),
  title         TEXT NOT NULL,
  summary       TEXT NOT NULL,
  highlights    TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
  compatibility TEXT NOT NULL DEFAULT '{}'  -- JSON object (os, virus_scanners, driver_pack, ...)
);

CREATE TABLE IF NOT EXISTS release_notes (
  id        INTEGER PRIMARY KEY,
  version   TEXT NOT NULL REFERENCES releases(version) ON DELETE CASCADE,
  position  INTEGER NOT NULL,
  category  TEXT NOT NULL CHECK (category IN ('added', 'changed', 'fixed', 'security', 'deprecated', 'removed')),
  text      TEXT NOT NULL,
  modules   TEXT NOT NULL DEFAULT '[]',     -- JSON array of module SKUs
  areas     TEXT NOT NULL DEFAULT '[]',     -- JSON array of area tags
  breaking  INTEGER NOT NULL DEFAULT 0,
  os_change INTEGER NOT NULL DEFAULT 0,
  UNIQUE (version, position)
);
CREATE INDEX IF NOT EXISTS release_notes_version ON release_notes(version);

CREATE TABLE IF NOT EXISTS artifacts (
  id       TEXT PRIMARY KEY,
  version  TEXT NOT NULL REFERENCES releases(version) ON DELETE CASCADE,
  name     TEXT NOT NULL,
  platform TEXT NOT NULL,
  kind     TEXT NOT NULL,
  size     INTEGER NOT NULL CHECK (size >= 0),
  sha256   TEXT NOT NULL,
  r2_key   TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS artifacts_version ON artifacts(version);

-- Full-text search over release titles, summaries and notes (one row per release).
CREATE VIRTUAL TABLE IF NOT EXISTS release_search USING fts5(
  version UNINDEXED, title, summary, notes, tokenize = 'unicode61 remove_diacritics 2'
);
