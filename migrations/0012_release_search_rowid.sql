-- A release's search row takes the rowid of its release (releases are upserted, never
-- deleted, so that rowid never changes). The search then finds releases by rowid straight from
-- the full-text index, `r.rowid IN (SELECT rowid FROM release_search WHERE … MATCH …)`, instead
-- of reading the stored `version` of every match (with 2,000 releases and one in two matching,
-- that read was most of the search's time). The publishing store writes new rows the same way.
-- Existing rows are keyed anew here, their contents unchanged; a search row without a release
-- (none is ever written) could never match a release and is dropped.
CREATE TABLE release_search_rekeyed AS
  SELECT r.rowid AS id, s.version, s.title, s.summary, s.notes
  FROM release_search s JOIN releases r ON r.version = s.version;
DELETE FROM release_search;
INSERT INTO release_search (rowid, version, title, summary, notes)
  SELECT id, version, title, summary, notes FROM release_search_rekeyed;
DROP TABLE release_search_rekeyed;
