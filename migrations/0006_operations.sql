-- Operating the portal: releases can be withdrawn (hidden from the public API, the feed and
-- downloads, kept for the record), and the audit log is read newest first in pages.

-- A withdrawn release: when, by whom (`admin:<name>`) and why. NULL while it is published.
ALTER TABLE releases ADD COLUMN withdrawn_at TEXT;
ALTER TABLE releases ADD COLUMN withdrawn_by TEXT;
ALTER TABLE releases ADD COLUMN withdrawn_reason TEXT;

-- Artifact ids are unique across releases already (PRIMARY KEY); R2 keys must be too: a file
-- name is one artifact, and its bytes are never replaced.
CREATE UNIQUE INDEX IF NOT EXISTS artifacts_r2_key ON artifacts(r2_key);
