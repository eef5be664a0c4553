-- Orders with their lines and idempotency keys, the renewal engine's state, and the guard that
-- makes a multi-statement D1 batch all-or-nothing when the state it was decided on changed.

-- The renewal engine's and the orders' view of an SMA:
--   term_from          the year index the current sequence of terms began with;
--   renews_on          the first anniversary whose term is not ordered yet (NULL: derive it);
--   reminded_deadline  the cancellation deadline the last reminder e-mail was sent for.
ALTER TABLE sma_coverage ADD COLUMN term_from INTEGER NOT NULL DEFAULT 1 CHECK (term_from >= 1);
ALTER TABLE sma_coverage ADD COLUMN renews_on TEXT;
ALTER TABLE sma_coverage ADD COLUMN reminded_deadline TEXT;

-- Optimistic concurrency: every order and engine run bumps it, guarded by `batch_guard`.
ALTER TABLE installations ADD COLUMN version INTEGER NOT NULL DEFAULT 0;

-- One row per order; amounts are decimal strings with two decimals, `vat_rate` in percent.
CREATE TABLE IF NOT EXISTS orders (
  seq             INTEGER PRIMARY KEY,          -- the invoice number's sequence
  id              TEXT NOT NULL UNIQUE,
  customer_id     TEXT NOT NULL REFERENCES customers(id),
  installation_id TEXT NOT NULL REFERENCES installations(id),
  kind            TEXT NOT NULL CHECK (kind IN ('sma', 'renewal', 'expansion', 'upgrade')),
  source          TEXT NOT NULL CHECK (source IN ('customer', 'renewal_engine')),
  status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paid', 'void')),
  created_at      TEXT NOT NULL,                -- ISO 8601 UTC
  order_date      TEXT NOT NULL,                -- YYYY-MM-DD the prices apply to
  term_start      TEXT,                         -- SMA and renewal orders: the term ordered
  currency        TEXT NOT NULL,
  net             TEXT NOT NULL,
  vat_rate        TEXT NOT NULL,
  vat             TEXT NOT NULL,
  gross           TEXT NOT NULL,
  body            TEXT NOT NULL                 -- the order as the API answers it (JSON)
);
CREATE INDEX IF NOT EXISTS orders_customer ON orders(customer_id, seq);
-- A term of an installation is ordered once, by the customer or the renewal engine.
CREATE UNIQUE INDEX IF NOT EXISTS orders_term_once ON orders(installation_id, term_start)
  WHERE term_start IS NOT NULL;

CREATE TABLE IF NOT EXISTS order_lines (
  order_id    TEXT NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  kind        TEXT NOT NULL,
  code        TEXT NOT NULL,
  description TEXT NOT NULL,
  qty         INTEGER,
  unit_price  TEXT,
  amount      TEXT NOT NULL,
  explanation TEXT NOT NULL,
  PRIMARY KEY (order_id, position)
);

-- `Idempotency-Key` of POST /api/orders, per customer: the hash of the first request, and
-- once it completed the order and the answer replayed for the same key and body.
CREATE TABLE IF NOT EXISTS idempotency_keys (
  customer_id  TEXT NOT NULL,
  key          TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  order_id     TEXT,
  response     TEXT,
  PRIMARY KEY (customer_id, key)
);

-- A batch writes `changes()` of its guarded UPDATE here; 0 violates the CHECK and rolls the
-- whole batch back. The row is deleted again in the same batch.
CREATE TABLE IF NOT EXISTS batch_guard (
  ok INTEGER NOT NULL CHECK (ok = 1)
);

-- E-mails are written once per purpose (`dedupe_key`, e.g. `lapse:<installation>:<date>`).
ALTER TABLE email_outbox ADD COLUMN dedupe_key TEXT;
CREATE UNIQUE INDEX IF NOT EXISTS email_outbox_dedupe ON email_outbox(dedupe_key);
ALTER TABLE email_outbox ADD COLUMN installation_id TEXT;
