import type { Generated } from 'kysely'

/** Row types of the SQLite schema (see migrations/). Times are UTC epoch milliseconds. */
export type Database = {
  users: UsersTable
  sessions: SessionsTable
  settings: SettingsTable
  login_attempts: LoginAttemptsTable
  backup_runs: BackupRunsTable
  ingest_cursors: IngestCursorsTable
  manual_triggers: ManualTriggersTable
  alert_channels: AlertChannelsTable
  alerts: AlertsTable
  alert_deliveries: AlertDeliveriesTable
  schema_migrations: { version: number; name: string; applied_at: number }
}

export type Role = 'admin' | 'viewer'

export type UsersTable = {
  id: Generated<number>
  username: string
  email: string | null
  role: Role
  password_hash: string
  created_at: number
  updated_at: number
  last_login_at: number | null
}

export type SessionsTable = {
  id: string
  user_id: number
  csrf_token: string
  created_at: number
  last_seen_at: number
  expires_at: number
  ip: string | null
  user_agent: string | null
}

export type SettingsTable = { key: string; value: string; updated_at: number }

export type LoginAttemptsTable = {
  id: Generated<number>
  ip: string
  username: string
  succeeded: 0 | 1
  attempted_at: number
}

export type RunKind = 'backup' | 'snapshot' | 'cleanup' | 'config_backup'
export type RunStatus = 'success' | 'failed' | 'interrupted' | 'running'

export type BackupRunsTable = {
  id: Generated<number>
  /** Natural key (see migrations/0001_initial.sql): one row per run whatever re-reads it. */
  run_key: string
  kind: RunKind
  job_name: string | null
  status: RunStatus
  date: string
  started_at: number | null
  finished_at: number | null
  duration_seconds: number | null
  exit_code: number | null
  sent_bytes: number | null
  received_bytes: number | null
  total_size_bytes: number | null
  files_transferred: number | null
  error: string | null
  triggered_by: Generated<'cron' | 'manual' | 'unknown'>
  source_file: string | null
  source_start: number | null
  source_end: number | null
  origin: 'log' | 'tracking' | 'both'
  parent_run_id: number | null
  tracking_line: number | null
  created_at: number
  updated_at: number
}

export type IngestCursorsTable = {
  path: string
  device: number
  inode: number
  offset: number
  size: number
  mtime_ms: number
  head_hash: string
  head_length: number
  updated_at: number
}

export type ManualTriggersTable = {
  id: Generated<number>
  requested_by: 'web' | 'cli'
  username: string | null
  started_at: number
  pid: number
  log_path: string
  log_offset: number
  finished_at: number | null
  exit_code: number | null
  log_end: number | null
  run_id: number | null
}

export type AlertChannelsTable = {
  id: Generated<number>
  type: string
  name: string
  enabled: 0 | 1
  /** JSON array of AlertEvent. */
  events: string
  /** JSON object: the channel type's non-secret settings. */
  config: string
  /** Sealed JSON of the secret settings (src/alerts/secret-box.ts), or null. */
  secret: string | null
  managed_by: 'env' | null
  consecutive_failures: Generated<number>
  last_success_at: number | null
  last_failure_at: number | null
  last_error: string | null
  created_at: number
  updated_at: number
}

export type AlertsTable = {
  id: Generated<number>
  alert_key: string
  event: 'failed' | 'missed' | 'hung' | 'interrupted' | 'recovered' | 'reminder' | 'digest'
  run_id: number | null
  occurred_at: number
  created_at: number
  /** JSON AlertFacts. */
  facts: string
}

export type AlertDeliveriesTable = {
  id: Generated<number>
  alert_id: number
  channel_id: number
  status: Generated<'pending' | 'sent' | 'failed'>
  attempts: Generated<number>
  next_attempt_at: number
  last_attempt_at: number | null
  last_result: string | null
  sent_at: number | null
}
