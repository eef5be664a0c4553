-- "Ask sales about this" (issue 16): every request with the configuration as sent, its quote as
-- the Worker computed it and the calculator link that shows it, the sales team it went to, and
-- for a signed-in sender the customer and installation. Read newest first by the vendor's CRM
-- (`GET /api/admin/sales-requests`), paged by `seq`.
CREATE TABLE IF NOT EXISTS sales_requests (
  seq             INTEGER PRIMARY KEY,
  id              TEXT NOT NULL UNIQUE,           -- sr_…
  created_at      TEXT NOT NULL,                  -- ISO 8601 UTC
  name            TEXT NOT NULL,
  company         TEXT NOT NULL,
  email           TEXT NOT NULL COLLATE NOCASE,   -- normalised
  phone           TEXT,
  message         TEXT NOT NULL,
  lang            TEXT NOT NULL CHECK (lang IN ('en', 'de')),
  region          TEXT NOT NULL CHECK (region IN ('DE', 'AT', 'CH', 'OTHER')),
  sales_email     TEXT NOT NULL,
  customer_id     TEXT REFERENCES customers(id) ON DELETE SET NULL,
  installation_id TEXT REFERENCES installations(id) ON DELETE SET NULL,
  config          TEXT,                           -- JSON: the quote request as sent
  quote           TEXT,                           -- JSON: the quote as computed
  share_link      TEXT
);
