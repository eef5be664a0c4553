-- Operating the portal: releases can be withdrawn (hidden from the public API, the feed and
-- downloads, kept for the record), and the audit log is read newest first in pages.

-- A withdrawn release: when, by whom (`admin:<name>`) and why. NULL while it is published.
ALTER TABLE releases ADD COLUMN withdrawn_at TEXT;
ALTER TABLE releases ADD COLUMN withdrawn_by TEXT;
ALTER TABLE releases ADD COLUMN withdrawn_reason TEXT;

-- Artifact ids are unique across releases already (PRIMARY KEY); R2 keys must be too: a file
-- name is one artifact, and its bytes are never replaced.
CREATE UNIQUE INDEX IF NOT EXISTS artifacts_r2_key ON artifacts(r2_key);

-- The renewal engine's next event day of each SMA (a reminder, an anniversary, a lapse): the
-- daily run pages through the SMAs whose day has come by this index and looks at no other.
-- '' means not known yet (due: the next run works it out and stores it); every write of the
-- coverage other than the engine's sets it to ''; a lapsed SMA has '9999-12-31'.
ALTER TABLE sma_coverage ADD COLUMN next_event_on TEXT NOT NULL DEFAULT '';
CREATE INDEX IF NOT EXISTS sma_coverage_next_event ON sma_coverage(next_event_on, installation_id);

-- Customers are imported from the vendor's order data by their reference (api.md "Operating":
-- customer_ref): one customer per reference.
CREATE UNIQUE INDEX IF NOT EXISTS customers_ref ON customers(ref);
