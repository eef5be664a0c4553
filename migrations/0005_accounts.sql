-- Real customers (issue 12): licence numbers, the registered contact, roles and languages,
-- one-time tokens, requests for access, notification preferences, the rate-limit counters, and
-- the e-mail outbox with its delivery states (drained by the mail queue).

-- The vendor's licence number of an installation (`SMA-XXXX-XXXX-C`, display form); NULL until
-- known. Unique: a number names one installation.
ALTER TABLE installations ADD COLUMN licence_number TEXT;
CREATE UNIQUE INDEX IF NOT EXISTS installations_licence_number ON installations(licence_number);

-- The customer's registered contact e-mail (from the vendor's order data) and the vendor's own
-- reference of the customer.
ALTER TABLE customers ADD COLUMN contact_email TEXT COLLATE NOCASE;
ALTER TABLE customers ADD COLUMN ref TEXT;
CREATE UNIQUE INDEX IF NOT EXISTS customers_ref ON customers(ref);

-- A user's role within the customer and the language of their e-mails. New rows always name
-- both; the users that exist already ran the customer's account alone, so they administer it.
ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT 'viewer' CHECK (role IN ('admin', 'viewer'));
ALTER TABLE users ADD COLUMN lang TEXT NOT NULL DEFAULT 'en' CHECK (lang IN ('en', 'de'));
ALTER TABLE users ADD COLUMN created_at TEXT;
UPDATE users SET role = 'admin';
CREATE INDEX IF NOT EXISTS users_customer_role ON users(customer_id, role);

-- What a session was opened from (shown in the user's list of sessions).
ALTER TABLE sessions ADD COLUMN user_agent TEXT;

-- A request for access by someone who is not the registered contact, until an administrator
-- (or, without one, the contact) decides it. One pending request per customer and address.
CREATE TABLE IF NOT EXISTS access_requests (
  id             TEXT PRIMARY KEY,                 -- req_…
  customer_id    TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  email          TEXT NOT NULL COLLATE NOCASE,     -- normalised
  lang           TEXT NOT NULL CHECK (lang IN ('en', 'de')),
  role           TEXT NOT NULL CHECK (role IN ('admin', 'viewer')),
  licence_number TEXT NOT NULL,
  created_at     TEXT NOT NULL,
  expires_at     TEXT NOT NULL,
  status         TEXT NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'approved', 'declined')),
  decided_at     TEXT,
  decided_by     TEXT                              -- `usr_… <email>` or the contact's address
);
CREATE UNIQUE INDEX IF NOT EXISTS access_requests_pending
  ON access_requests(customer_id, email) WHERE status = 'pending';

-- One-time tokens of the e-mailed links. The token itself is never stored: it is
-- HMAC-SHA256(TOKEN_KEY, id), re-derived where a message is rendered; a redemption finds the row
-- by `token_hash`, the SHA-256 of the token. Used once: `used_at` is set by the statement that
-- checks `used_at IS NULL AND expires_at > now`.
CREATE TABLE IF NOT EXISTS account_tokens (
  id          TEXT PRIMARY KEY,                    -- tok_…
  token_hash  TEXT NOT NULL UNIQUE,
  kind        TEXT NOT NULL CHECK (kind IN ('verification', 'invitation', 'reset', 'approval')),
  customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  email       TEXT NOT NULL COLLATE NOCASE,        -- who redeems it (approval: the approver)
  user_id     TEXT,                                -- reset: the user; approval: the approver, if a user
  role        TEXT CHECK (role IN ('admin', 'viewer')), -- the role a new user gets
  lang        TEXT NOT NULL CHECK (lang IN ('en', 'de')),
  request_id  TEXT REFERENCES access_requests(id) ON DELETE CASCADE, -- approval tokens
  created_by  TEXT,                                -- the inviting administrator (`usr_… <email>`)
  created_at  TEXT NOT NULL,
  expires_at  TEXT NOT NULL,
  used_at     TEXT
);
CREATE INDEX IF NOT EXISTS account_tokens_subject ON account_tokens(customer_id, kind, email);
CREATE INDEX IF NOT EXISTS account_tokens_request ON account_tokens(request_id);
CREATE INDEX IF NOT EXISTS account_tokens_user ON account_tokens(user_id);

-- Message kinds a user turned off (only kinds that may be turned off; see shared::mail).
CREATE TABLE IF NOT EXISTS notification_opt_outs (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind    TEXT NOT NULL,
  at      TEXT NOT NULL,
  PRIMARY KEY (user_id, kind)
) WITHOUT ROWID;

-- Fixed-window counters of the rate limits (one atomic upsert per attempt).
CREATE TABLE IF NOT EXISTS rate_limits (
  key          TEXT NOT NULL,                      -- `<policy>:<subject>`
  window_start INTEGER NOT NULL,                   -- Unix seconds
  count        INTEGER NOT NULL,
  PRIMARY KEY (key, window_start)
) WITHOUT ROWID;

-- The outbox, rebuilt with delivery states. A row holds the message's facts (`message`, JSON
-- of shared::mail::Message, its token left blank and named by `token_id`), rendered in `lang`
-- when it is sent. States: pending → sending → sent, or → retry (attempts, next_attempt_at) →
-- sending …, or → dead with the last error. `sending` rows claimed longer ago than the claim
-- timeout are taken again (the provider's Idempotency-Key keeps that from sending twice).
CREATE TABLE IF NOT EXISTS email_outbox_v2 (
  id              INTEGER PRIMARY KEY,
  created_at      TEXT NOT NULL,
  to_email        TEXT NOT NULL,
  user_id         TEXT,
  kind            TEXT NOT NULL,
  lang            TEXT NOT NULL CHECK (lang IN ('en', 'de')),
  message         TEXT,                            -- NULL only for rows from before 0005
  token_id        TEXT,
  subject         TEXT,                            -- rows from before 0005: as written then
  text            TEXT,
  dedupe_key      TEXT,
  installation_id TEXT,
  status          TEXT NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'sending', 'sent', 'retry', 'dead')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  claimed_at      TEXT,
  sent_at         TEXT,
  provider_id     TEXT,
  last_error      TEXT
);
-- Rows written before delivery existed were never sent; they are kept, marked dead, so that a
-- first deployment does not send stale reminders.
INSERT INTO email_outbox_v2 (id, created_at, to_email, kind, lang, subject, text, dedupe_key,
                             installation_id, status, last_error)
  SELECT id, at, to_email, 'legacy', 'en', subject, body, dedupe_key, installation_id, 'dead',
         'written before e-mail delivery existed (migration 0005); not sent'
    FROM email_outbox;
DROP TABLE email_outbox;
ALTER TABLE email_outbox_v2 RENAME TO email_outbox;
CREATE UNIQUE INDEX IF NOT EXISTS email_outbox_dedupe ON email_outbox(dedupe_key);
CREATE INDEX IF NOT EXISTS email_outbox_due ON email_outbox(status, next_attempt_at);

-- The local mailer's mailbox (MAILER = "local"): what it delivered, once per outbox row.
CREATE TABLE IF NOT EXISTS dev_mailbox (
  outbox_id  INTEGER PRIMARY KEY,
  to_email   TEXT NOT NULL,
  subject    TEXT NOT NULL,
  text       TEXT NOT NULL,
  html       TEXT NOT NULL,
  lang       TEXT NOT NULL,
  kind       TEXT NOT NULL,
  created_at TEXT NOT NULL
);
