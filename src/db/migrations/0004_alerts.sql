-- Alerts: where they go (channels), what was decided (the outbox) and each delivery.
-- A decision is written once under its natural key before anything is sent, so a restart
-- neither loses nor repeats it; each (alert, channel) pair is delivered with retries.

CREATE TABLE alert_channels (
  id                   INTEGER PRIMARY KEY,
  -- The channel type's id (a file in src/alerts/channels/): email, msmtp, webhook, ntfy, discord, gotify.
  type                 TEXT    NOT NULL,
  name                 TEXT    NOT NULL,
  enabled              INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  -- JSON array of the events it receives (failed, missed, hung, interrupted, recovered, reminder, digest).
  events               TEXT    NOT NULL,
  -- JSON object of the type's non-secret settings.
  config               TEXT    NOT NULL,
  -- The secret settings (passwords, tokens) as JSON sealed with a key derived from SECRET_KEY; NULL when none.
  secret               TEXT,
  -- 'env' for the email channel described by SMTP_* variables (its settings are read-only on the page).
  managed_by           TEXT    CHECK (managed_by IS NULL OR managed_by = 'env'),
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  last_success_at      INTEGER,
  last_failure_at      INTEGER,
  last_error           TEXT,
  created_at           INTEGER NOT NULL,
  updated_at           INTEGER NOT NULL
) STRICT;

CREATE TABLE alerts (
  id          INTEGER PRIMARY KEY,
  -- Natural key of the decision ("failed:run:42", "missed:<job>:<iso>"): the same decision made
  -- again (a restart, a re-import) finds its row and is not sent twice.
  alert_key   TEXT    NOT NULL UNIQUE,
  event       TEXT    NOT NULL CHECK (event IN ('failed', 'missed', 'hung', 'interrupted', 'recovered', 'reminder', 'digest')),
  run_id      INTEGER REFERENCES backup_runs (id) ON DELETE SET NULL,
  -- When the thing happened (the run's end, the missed slot, ...), UTC ms.
  occurred_at INTEGER NOT NULL,
  created_at  INTEGER NOT NULL,
  -- JSON facts the decision carried (see src/alerts/types.ts AlertFacts).
  facts       TEXT    NOT NULL
) STRICT;
CREATE INDEX alerts_created ON alerts (created_at DESC);

CREATE TABLE alert_deliveries (
  id              INTEGER PRIMARY KEY,
  alert_id        INTEGER NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
  channel_id      INTEGER NOT NULL REFERENCES alert_channels (id) ON DELETE CASCADE,
  -- pending: to be tried at next_attempt_at; sent; failed: gave up after the last retry.
  status          TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_attempt_at INTEGER,
  -- The receiving side's answer (SMTP reply, HTTP status) or the error.
  last_result     TEXT,
  sent_at         INTEGER,
  UNIQUE (alert_id, channel_id)
) STRICT;
CREATE INDEX alert_deliveries_due ON alert_deliveries (status, next_attempt_at);
CREATE INDEX alert_deliveries_channel ON alert_deliveries (channel_id, id DESC);
