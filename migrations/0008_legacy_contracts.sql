-- Legacy Maintenance Contracts (pricing.md section 9): the contracts sold before the SMA, which
-- stay valid and can be extended and expanded, but are no longer sold.
--
-- An installation is covered by an SMA, by a legacy contract, or by neither; never both. A
-- contract that is still open (`closed` NULL: it can be extended or switched) excludes an SMA
-- row; a switch closes the contract (`switched`) before it writes the SMA, in one batch. The
-- triggers below refuse any write that would leave both.

CREATE TABLE IF NOT EXISTS legacy_contracts (
  installation_id  TEXT PRIMARY KEY REFERENCES installations(id) ON DELETE CASCADE,
  start            TEXT NOT NULL,                  -- L, YYYY-MM-DD
  fee_basis        TEXT NOT NULL,                  -- decimal, frozen; the basis of the next term
  terms            INTEGER NOT NULL CHECK (terms >= 1), -- 12-month terms ordered from L
  closed           TEXT CHECK (closed IN ('switched', 'ended')),
  reminded_ends_on TEXT,                           -- the term end the last reminder was for
  reminded_days    INTEGER CHECK (reminded_days IN (60, 14, 0)) -- that reminder: days before
);

CREATE TRIGGER IF NOT EXISTS legacy_contracts_no_sma_insert
BEFORE INSERT ON legacy_contracts
WHEN NEW.closed IS NULL
 AND EXISTS (SELECT 1 FROM sma_coverage WHERE installation_id = NEW.installation_id)
BEGIN
  SELECT RAISE(ABORT, 'an installation is covered by an SMA or a legacy contract, never both');
END;

CREATE TRIGGER IF NOT EXISTS legacy_contracts_no_sma_reopen
BEFORE UPDATE OF closed ON legacy_contracts
WHEN NEW.closed IS NULL
 AND EXISTS (SELECT 1 FROM sma_coverage WHERE installation_id = NEW.installation_id)
BEGIN
  SELECT RAISE(ABORT, 'an installation is covered by an SMA or a legacy contract, never both');
END;

CREATE TRIGGER IF NOT EXISTS sma_coverage_no_open_legacy
BEFORE INSERT ON sma_coverage
WHEN EXISTS (SELECT 1 FROM legacy_contracts
              WHERE installation_id = NEW.installation_id AND closed IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'an installation is covered by an SMA or a legacy contract, never both');
END;

-- Orders of the contracts: `legacy_extension`, `legacy_expansion` and `switch_to_sma` join the
-- kinds an order may have (a new contract, `legacy_contract`, is never an order). SQLite cannot
-- change a CHECK in place: the table is rebuilt with its rows, and its lines are kept aside
-- meanwhile (dropping the old table would delete them through ON DELETE CASCADE).
CREATE TABLE order_lines_keep AS SELECT * FROM order_lines;
CREATE TABLE orders_v2 (
  seq             INTEGER PRIMARY KEY,          -- the invoice number's sequence
  id              TEXT NOT NULL UNIQUE,
  customer_id     TEXT NOT NULL REFERENCES customers(id),
  installation_id TEXT NOT NULL REFERENCES installations(id),
  kind            TEXT NOT NULL CHECK (kind IN ('sma', 'renewal', 'expansion', 'upgrade',
                                                'legacy_extension', 'legacy_expansion',
                                                'switch_to_sma')),
  source          TEXT NOT NULL CHECK (source IN ('customer', 'renewal_engine')),
  status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paid', 'void')),
  created_at      TEXT NOT NULL,                -- ISO 8601 UTC
  order_date      TEXT NOT NULL,                -- YYYY-MM-DD the prices apply to
  term_start      TEXT,                         -- SMA, renewal, extension, switch: the term ordered
  currency        TEXT NOT NULL,
  net             TEXT NOT NULL,
  vat_rate        TEXT NOT NULL,
  vat             TEXT NOT NULL,
  gross           TEXT NOT NULL,
  body            TEXT NOT NULL                 -- the order as the API answers it (JSON)
);
INSERT INTO orders_v2 (seq, id, customer_id, installation_id, kind, source, status, created_at,
                       order_date, term_start, currency, net, vat_rate, vat, gross, body)
  SELECT seq, id, customer_id, installation_id, kind, source, status, created_at, order_date,
         term_start, currency, net, vat_rate, vat, gross, body
    FROM orders;
DROP TABLE orders;
ALTER TABLE orders_v2 RENAME TO orders;
CREATE INDEX IF NOT EXISTS orders_customer ON orders(customer_id, seq);
CREATE UNIQUE INDEX IF NOT EXISTS orders_term_once ON orders(installation_id, term_start)
  WHERE term_start IS NOT NULL;
DELETE FROM order_lines;
INSERT INTO order_lines SELECT * FROM order_lines_keep;
DROP TABLE order_lines_keep;
