-- The generation of the public content (releases and their notes and artifacts): one row,
-- raised by every release import, publication or withdrawal in the same D1 batch as the change.
-- The Worker reads it (a primary-key lookup) to key its cached public answers, so a change is
-- visible with the next request.
CREATE TABLE IF NOT EXISTS content_version (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  generation INTEGER NOT NULL CHECK (generation >= 0)
);
INSERT OR IGNORE INTO content_version (id, generation) VALUES (1, 0);
