-- Users, sessions, settings, login throttling and the backup runs read from the logs.

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT    NOT NULL UNIQUE COLLATE NOCASE,
  email         TEXT,
  role          TEXT    NOT NULL CHECK (role IN ('admin', 'viewer')),
  password_hash TEXT    NOT NULL,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  last_login_at INTEGER
) STRICT;

CREATE TABLE sessions (
  -- SHA-256 of the cookie token, hex; the token itself is never stored.
  id            TEXT    PRIMARY KEY,
  user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token    TEXT    NOT NULL,
  created_at    INTEGER NOT NULL,
  last_seen_at  INTEGER NOT NULL,
  expires_at    INTEGER NOT NULL,
  ip            TEXT,
  user_agent    TEXT
) STRICT;
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE settings (
  key        TEXT    PRIMARY KEY,
  value      TEXT    NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE login_attempts (
  id           INTEGER PRIMARY KEY,
  ip           TEXT    NOT NULL,
  username     TEXT    NOT NULL COLLATE NOCASE,
  succeeded    INTEGER NOT NULL CHECK (succeeded IN (0, 1)),
  attempted_at INTEGER NOT NULL
) STRICT;
CREATE INDEX login_attempts_ip ON login_attempts (ip, attempted_at);
CREATE INDEX login_attempts_username ON login_attempts (username, attempted_at);

CREATE TABLE backup_runs (
  id                 INTEGER PRIMARY KEY,
  -- Natural key, so re-imports, rotation and running -> finished update one row:
  --   log run with a start time:  'log|<kind>|<job>|<started_at ms>'
  --   snapshot without one:       'log|snapshot|<job>|after|<parent run_key>'
  --   other log run without one:  'log|<kind>|<job>|anchor|<sha256 of the 256 bytes before it + its first line>'
  --   tracking-only run:          'tracking|<date>|<status>|<n-th line with that date and status>'
  run_key            TEXT    NOT NULL UNIQUE,
  kind               TEXT    NOT NULL CHECK (kind IN ('backup', 'snapshot', 'cleanup', 'config_backup')),
  -- The job name from "=== <Job> Started" markers, for scripts of users' own.
  job_name           TEXT,
  status             TEXT    NOT NULL CHECK (status IN ('success', 'failed', 'interrupted', 'running')),
  -- Local date (LOG_TIMEZONE) on which the run started: YYYY-MM-DD.
  date               TEXT    NOT NULL,
  -- Instants as UTC milliseconds since the epoch; NULL when the logs did not record them.
  started_at         INTEGER,
  finished_at        INTEGER,
  duration_seconds   REAL,
  exit_code          INTEGER,
  sent_bytes         INTEGER,
  received_bytes     INTEGER,
  total_size_bytes   INTEGER,
  files_transferred  INTEGER,
  error              TEXT,
  triggered_by       TEXT    NOT NULL DEFAULT 'cron' CHECK (triggered_by IN ('cron', 'manual', 'unknown')),
  -- Where the run's own lines are in the main log (byte offsets, end exclusive). The path
  -- follows rotation (plex-backup.log -> .1 -> .2.gz); it may be stale once a file is deleted.
  source_file        TEXT,
  source_start       INTEGER,
  source_end         INTEGER,
  -- Which records it came from: 'log', 'tracking' or 'both'.
  origin             TEXT    NOT NULL CHECK (origin IN ('log', 'tracking', 'both')),
  -- For a snapshot: the backup run that started it.
  parent_run_id      INTEGER REFERENCES backup_runs (id) ON DELETE SET NULL,
  -- 1-based line of the tracking file this run matched (NULL: not in the tracking file).
  tracking_line      INTEGER,
  created_at         INTEGER NOT NULL,
  updated_at         INTEGER NOT NULL
) STRICT;
CREATE INDEX backup_runs_date ON backup_runs (date DESC, id DESC);
CREATE INDEX backup_runs_started ON backup_runs (started_at);
CREATE INDEX backup_runs_kind_date ON backup_runs (kind, date DESC);
CREATE INDEX backup_runs_status_date ON backup_runs (status, date DESC);
-- Not unique: a deleted and recreated log reuses paths and offsets.
CREATE INDEX backup_runs_log_position ON backup_runs (source_file, source_start) WHERE source_file IS NOT NULL;
CREATE INDEX backup_runs_parent ON backup_runs (parent_run_id) WHERE parent_run_id IS NOT NULL;

-- How far each log file has been read, written in the same transaction as the rows the
-- bytes produced. A file is recognised by device+inode, or by the hash of its first bytes
-- when it was copied (copytruncate) or compressed (.gz); offsets are uncompressed bytes.
CREATE TABLE ingest_cursors (
  path        TEXT    PRIMARY KEY,
  device      INTEGER NOT NULL,
  inode       INTEGER NOT NULL,
  -- Where the next read starts: the start of a run not yet ended, else the end of the last line.
  offset      INTEGER NOT NULL,
  -- Uncompressed size and mtime when last read, to skip files that did not change.
  size        INTEGER NOT NULL,
  mtime_ms    INTEGER NOT NULL,
  -- SHA-256 (hex) of the first head_length bytes (uncompressed), to recognise a file that
  -- was replaced, truncated, copied or compressed.
  head_hash   TEXT    NOT NULL,
  head_length INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
) STRICT;
