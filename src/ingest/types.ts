import type { RunKind, RunStatus } from '../db/schema.js'

/**
 * One run as read from the logs: the shape `replexon parse` prints (as JSON) and the
 * importer stores. Unknown is null, never invented.
 */
export type ParsedRun = {
  kind: RunKind
  /** The job name from `=== <Job> Started`, e.g. "Plex Backup"; null for tracking-only runs. */
  jobName: string | null
  status: RunStatus
  /** Local date (YYYY-MM-DD in the log's time zone) on which the run started; '' when the log's start marker date was unreadable (reconcile fills it from the tracking file). */
  date: string
  /** ISO 8601 with offset or Z, or null when not logged. */
  startedAt: string | null
  finishedAt: string | null
  durationSeconds: number | null
  exitCode: number | null
  sentBytes: number | null
  receivedBytes: number | null
  totalSizeBytes: number | null
  filesTransferred: number | null
  error: string | null
  /** Which records this run comes from. */
  origin: 'log' | 'tracking' | 'both'
  /** Where the run's own lines are: file path and byte range [start, end). Null for tracking-only runs. */
  source: { file: string; start: number; end: number } | null
  /** For a snapshot: index (in the same result array) of the backup run that started it. */
  parentIndex: number | null
  /** 1-based line of the tracking file this run was matched to (set by reconcile); null or absent otherwise. */
  trackingLine?: number | null
}

/** A line the parser could not use: reported, counted, never fatal. */
export type SkippedLine = {
  file: string
  /** 1-based line number when known (tracking file, verbose parse), else null. */
  line: number | null
  offset: number
  reason: string
  /** The line, cut to 200 characters. */
  text: string
}
