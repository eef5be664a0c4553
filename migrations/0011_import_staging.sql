-- Imports of any size, all or nothing (api.md "Operating"): a file's rows are staged under
-- its import id (in parts, each checked on arrival), checked across the parts, and applied in
-- one D1 batch of a few INSERT … SELECT statements, which also removes them. Nothing but the
-- import reads these tables; an import left unfinished is removed a day later.

CREATE TABLE IF NOT EXISTS import_runs (
  id         TEXT PRIMARY KEY,                    -- imp_…
  created_at TEXT NOT NULL,                       -- ISO 8601 UTC
  actor      TEXT NOT NULL,                       -- admin:<name>
  rejected   INTEGER NOT NULL DEFAULT 0           -- rows of parts that were refused
);
CREATE INDEX IF NOT EXISTS import_runs_created ON import_runs(created_at);

-- One row of a file, with the columns as the customers, installations, sma_coverage and
-- legacy_contracts tables keep them, and the ids a new customer or installation gets.
CREATE TABLE IF NOT EXISTS import_rows (
  import_id         TEXT NOT NULL,
  row               INTEGER NOT NULL,             -- the file's row (the header is row 1)
  customer_id       TEXT NOT NULL,
  customer_ref      TEXT NOT NULL,
  customer_name     TEXT NOT NULL,
  country           TEXT NOT NULL,
  vat_id            TEXT,
  contact_email     TEXT NOT NULL,
  installation_id   TEXT NOT NULL,
  licence_number    TEXT NOT NULL,
  name              TEXT NOT NULL,
  edition           TEXT NOT NULL,
  cameras           INTEGER NOT NULL,
  modules           TEXT NOT NULL,
  licence_date      TEXT NOT NULL,
  installed_version TEXT,                         -- NULL: keep what is stored
  initial_value     TEXT NOT NULL,
  coverage          TEXT NOT NULL CHECK (coverage IN ('sma', 'legacy', 'none')),
  sma_start         TEXT,
  term_years        INTEGER,
  renews_on         TEXT,
  auto_renew        INTEGER,
  cancelled_on      TEXT,
  ends_on           TEXT,
  lapsed            INTEGER,
  legacy_start      TEXT,
  fee_basis         TEXT,
  legacy_terms      INTEGER,
  legacy_closed     TEXT,
  changed           INTEGER NOT NULL DEFAULT 0,   -- set when applied: differs from the store
  customer_changed  INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (import_id, row)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS import_rows_licence ON import_rows(import_id, licence_number, row);
CREATE INDEX IF NOT EXISTS import_rows_customer ON import_rows(import_id, customer_ref, row);
