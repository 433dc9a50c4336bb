import type SQLite from 'better-sqlite3'
import type { BackupRunsTable, RunKind, RunStatus } from '../schema.js'

export type RunRow = Omit<BackupRunsTable, 'id' | 'triggered_by'> & { id: number; triggered_by: string }

/** What one log run contributes to its row; origin and tracking_line belong to reconciliation. */
export type LogRunFields = Pick<
  BackupRunsTable,
  | 'run_key' | 'kind' | 'job_name' | 'status' | 'date' | 'started_at' | 'finished_at' | 'duration_seconds'
  | 'exit_code' | 'sent_bytes' | 'received_bytes' | 'total_size_bytes' | 'files_transferred' | 'error'
  | 'source_file' | 'source_start' | 'source_end' | 'parent_run_id'
>

const LOG_FIELDS = [
  'kind', 'job_name', 'status', 'date', 'started_at', 'finished_at', 'duration_seconds', 'exit_code',
  'sent_bytes', 'received_bytes', 'total_size_bytes', 'files_transferred', 'error',
  'source_file', 'source_start', 'source_end', 'parent_run_id',
] as const satisfies readonly (keyof LogRunFields)[]

export type UpsertOutcome = { id: number; change: 'inserted' | 'updated' | 'unchanged' }

/** The runs the tracking file can stand for: Plex backups read from the log, in log order. */
export type TrackableRow = { id: number; date: string; status: RunStatus; started_at: number | null; tracking_line: number | null; origin: string }

/**
 * Backup runs as prepared statements, so the importer can write them in one transaction
 * with its cursor. Rows are found by their natural key `run_key` (see the migration).
 */
export function createRunsRepository(sqlite: SQLite.Database) {
  const byKey = sqlite.prepare<[string], RunRow>('SELECT * FROM backup_runs WHERE run_key = ?')
  const insert = sqlite.prepare(`
    INSERT INTO backup_runs (run_key, ${LOG_FIELDS.join(', ')}, origin, created_at, updated_at)
    VALUES (@run_key, ${LOG_FIELDS.map((f) => '@' + f).join(', ')}, 'log', @now, @now)`)
  const update = sqlite.prepare(`
    UPDATE backup_runs SET ${LOG_FIELDS.map((f) => `${f} = @${f}`).join(', ')}, updated_at = @now WHERE id = @id`)
  const preceding = sqlite.prepare<[string, number], { id: number; run_key: string; kind: RunKind }>(`
    SELECT id, run_key, kind FROM backup_runs WHERE source_file = ? AND source_start < ?
    ORDER BY source_start DESC, id DESC LIMIT 1`)
  const moveSource = sqlite.prepare<[string, string]>('UPDATE backup_runs SET source_file = ? WHERE source_file = ?')
  const trackable = sqlite.prepare<[], TrackableRow>(`
    SELECT id, date, status, started_at, tracking_line, origin FROM backup_runs
    WHERE kind = 'backup' AND origin IN ('log', 'both') AND (job_name IS NULL OR lower(job_name) = 'plex backup')
    ORDER BY id`)
  const setMatch = sqlite.prepare(`
    UPDATE backup_runs SET origin = 'both', tracking_line = @line, date = @date, updated_at = @now
    WHERE id = @id AND (origin <> 'both' OR tracking_line IS NOT @line OR date <> @date)`)
  const insertTracking = sqlite.prepare(`
    INSERT INTO backup_runs (run_key, kind, job_name, status, date, origin, tracking_line, created_at, updated_at)
    VALUES (@key, 'backup', NULL, @status, @date, 'tracking', @line, @now, @now)
    ON CONFLICT (run_key) DO UPDATE SET tracking_line = excluded.tracking_line, updated_at = excluded.updated_at
    WHERE tracking_line IS NOT excluded.tracking_line`)
  const deleteTracking = sqlite.prepare<[string]>("DELETE FROM backup_runs WHERE run_key = ? AND origin = 'tracking'")
  const count = sqlite.prepare<[], { n: number }>('SELECT count(*) AS n FROM backup_runs')
  const lastChange = sqlite.prepare<[], { t: number | null }>('SELECT max(updated_at) AS t FROM backup_runs')

  return {
    findByKey(key: string): RunRow | undefined {
      return byKey.get(key)
    },
    /** Inserts the run, or updates its row in place when anything the log says changed. */
    upsertLogRun(fields: LogRunFields, now: number): UpsertOutcome {
      const existing = byKey.get(fields.run_key)
      if (!existing) {
        const result = insert.run({ ...fields, now })
        return { id: Number(result.lastInsertRowid), change: 'inserted' }
      }
      if (LOG_FIELDS.every((f) => existing[f] === fields[f])) return { id: existing.id, change: 'unchanged' }
      update.run({ ...fields, id: existing.id, now })
      return { id: existing.id, change: 'updated' }
    },
    /** The run that starts last before `offset` in `file` (to find a snapshot's backup). */
    findPrecedingInFile(file: string, offset: number) {
      return preceding.get(file, offset)
    },
    /** Follows a rotation: rows read from `from` now live in `to`. */
    moveSourceFile(from: string, to: string): number {
      return moveSource.run(to, from).changes
    },
    listTrackable(): TrackableRow[] {
      return trackable.all()
    },
    /** Marks a log run as also recorded in the tracking file; true when the row changed. */
    markTracked(id: number, line: number, date: string, now: number): boolean {
      return setMatch.run({ id, line, date, now }).changes > 0
    },
    /** Inserts a tracking-only run, or refreshes its line number. */
    saveTrackingOnly(run: { key: string; date: string; status: 'success' | 'failed'; line: number }, now: number): UpsertOutcome {
      const existing = byKey.get(run.key)
      if (existing?.tracking_line === run.line) return { id: existing.id, change: 'unchanged' }
      const result = insertTracking.run({ ...run, now })
      return existing ? { id: existing.id, change: 'updated' } : { id: Number(result.lastInsertRowid), change: 'inserted' }
    },
    /** Removes a tracking-only run now that a log run stands for its line. */
    removeTrackingOnly(key: string): boolean {
      return deleteTracking.run(key).changes > 0
    },
    /** When any run last changed (epoch ms), or null for none. */
    lastChangeAt(): number | null {
      return lastChange.get()!.t
    },
    count(): number {
      return count.get()!.n
    },
  }
}

export type RunsRepository = ReturnType<typeof createRunsRepository>
