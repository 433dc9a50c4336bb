-- Backups started by hand ("Run now", `replexon --broadcast`). The script's output goes to
-- the main log like a cron run's, so the run itself is still read by the follower; this
-- row says who asked for it and lets the follower's run be marked triggered_by = 'manual'.
CREATE TABLE manual_triggers (
  id           INTEGER PRIMARY KEY,
  requested_by TEXT    NOT NULL CHECK (requested_by IN ('web', 'cli')),
  -- Who pressed the button (web) or ran the command (cli); NULL when not known.
  username     TEXT,
  -- UTC ms when the script was spawned; manual triggers are spaced by BACKUP_COOLDOWN from it.
  started_at   INTEGER NOT NULL,
  pid          INTEGER NOT NULL,
  -- The log the output was appended to and its size just before, so the live view can
  -- show exactly this run's output.
  log_path     TEXT    NOT NULL,
  log_offset   INTEGER NOT NULL,
  -- Filled by the process that waited for the script; NULL when that process went away
  -- first (the stored run then tells the outcome).
  finished_at  INTEGER,
  exit_code    INTEGER,
  log_end      INTEGER,
  -- The backup run the follower stored for it, once matched.
  run_id       INTEGER REFERENCES backup_runs (id) ON DELETE SET NULL
) STRICT;
CREATE INDEX manual_triggers_started ON manual_triggers (started_at DESC);
