-- Free-text search over each run's error and its own log output (the start and end of
-- its section, where markers, errors and rsync's summary are). Contentless: only the
-- index is stored, never the log text; rowid is backup_runs.id.
CREATE VIRTUAL TABLE run_search USING fts5(body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2');

-- What each run looked like when it was indexed, so a run that changed (running -> done,
-- rotated to another file) is indexed again.
CREATE TABLE run_search_state (
  run_id     INTEGER PRIMARY KEY REFERENCES backup_runs (id) ON DELETE CASCADE,
  signature  TEXT    NOT NULL,
  indexed_at INTEGER NOT NULL
) STRICT;
