-- Customer accounts, sessions and installations with their SMA coverage.

CREATE TABLE IF NOT EXISTS customers (
  id      TEXT PRIMARY KEY,
  name    TEXT NOT NULL,
  country TEXT NOT NULL CHECK (length(country) = 2 AND country = upper(country)), -- ISO 3166-1 alpha-2
  vat_id  TEXT
);

CREATE TABLE IF NOT EXISTS users (
  id            TEXT PRIMARY KEY,
  customer_id   TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL -- pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>
);
CREATE INDEX IF NOT EXISTS users_customer ON users(customer_id);

-- Only the SHA-256 (hex) of a session token is stored; times are ISO 8601 UTC.
CREATE TABLE IF NOT EXISTS sessions (
  token_hash TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_user ON sessions(user_id);
CREATE INDEX IF NOT EXISTS sessions_expires ON sessions(expires_at);

-- Failed sign-ins per email (lower-cased), for the 5-in-15-minutes limit.
CREATE TABLE IF NOT EXISTS login_failures (
  email TEXT NOT NULL,
  at    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS login_failures_email_at ON login_failures(email, at);

CREATE TABLE IF NOT EXISTS installations (
  id                TEXT PRIMARY KEY,
  customer_id       TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  name              TEXT NOT NULL,
  edition           TEXT NOT NULL,
  cameras           INTEGER NOT NULL CHECK (cameras >= 0),
  modules           TEXT NOT NULL DEFAULT '[]', -- JSON [{"sku", "qty"}]
  licence_date      TEXT NOT NULL,              -- YYYY-MM-DD
  installed_version TEXT,
  initial_value     TEXT NOT NULL               -- decimal: the licence total on the licence date
);
CREATE INDEX IF NOT EXISTS installations_customer ON installations(customer_id);

-- The SMA of an installation: uninterrupted coverage from `start` (S). `ends_on` is the
-- anniversary at which a cancelled or lapsed SMA ends (its first uncovered day).
CREATE TABLE IF NOT EXISTS sma_coverage (
  installation_id TEXT PRIMARY KEY REFERENCES installations(id) ON DELETE CASCADE,
  start           TEXT NOT NULL,
  term_years      INTEGER NOT NULL DEFAULT 1 CHECK (term_years IN (1, 3)),
  auto_renew      INTEGER NOT NULL DEFAULT 1 CHECK (auto_renew IN (0, 1)),
  cancelled_on    TEXT,
  ends_on         TEXT,
  lapsed          INTEGER NOT NULL DEFAULT 0 CHECK (lapsed IN (0, 1))
);

CREATE TABLE IF NOT EXISTS audit_log (
  id      INTEGER PRIMARY KEY,
  at      TEXT NOT NULL,
  actor   TEXT NOT NULL,
  action  TEXT NOT NULL,
  subject TEXT NOT NULL,
  before  TEXT, -- JSON
  after   TEXT  -- JSON
);
CREATE INDEX IF NOT EXISTS audit_log_subject ON audit_log(subject, at);

CREATE TABLE IF NOT EXISTS email_outbox (
  id       INTEGER PRIMARY KEY,
  at       TEXT NOT NULL,
  to_email TEXT NOT NULL,
  subject  TEXT NOT NULL,
  body     TEXT NOT NULL
);
