import type SQLite from 'better-sqlite3'

/** A backup started by hand. Times are UTC epoch ms. */
export type ManualTrigger = {
  id: number
  requestedBy: 'web' | 'cli'
  username: string | null
  startedAt: number
  pid: number
  logPath: string
  logOffset: number
  finishedAt: number | null
  exitCode: number | null
  logEnd: number | null
  runId: number | null
}

const COLUMNS = `id, requested_by AS requestedBy, username, started_at AS startedAt, pid, log_path AS logPath,
  log_offset AS logOffset, finished_at AS finishedAt, exit_code AS exitCode, log_end AS logEnd, run_id AS runId`

export type ManualTriggersRepository = ReturnType<typeof createManualTriggersRepository>

/**
 * Manual triggers as prepared statements, plus the one write the runner makes to
 * backup_runs: marking the run the follower stored for a trigger as manual.
 */
export function createManualTriggersRepository(sqlite: SQLite.Database) {
  const insert = sqlite.prepare(`
    INSERT INTO manual_triggers (requested_by, username, started_at, pid, log_path, log_offset)
    VALUES (@requestedBy, @username, @startedAt, @pid, @logPath, @logOffset)`)
  const finish = sqlite.prepare(`
    UPDATE manual_triggers SET finished_at = @finishedAt, exit_code = @exitCode, log_end = @logEnd WHERE id = @id`)
  const byId = sqlite.prepare<[number], ManualTrigger>(`SELECT ${COLUMNS} FROM manual_triggers WHERE id = ?`)
  const latest = sqlite.prepare<[], ManualTrigger>(`SELECT ${COLUMNS} FROM manual_triggers ORDER BY started_at DESC, id DESC LIMIT 1`)
  const unmatched = sqlite.prepare<[number], ManualTrigger>(
    `SELECT ${COLUMNS} FROM manual_triggers WHERE run_id IS NULL AND started_at >= ? ORDER BY started_at`,
  )
  const nearestBackup = sqlite.prepare<[number, number, number], { id: number }>(`
    SELECT id FROM backup_runs WHERE kind = 'backup' AND started_at BETWEEN ? AND ?
    ORDER BY abs(started_at - ?) LIMIT 1`)
  // The backup and what it started (its weekly snapshot) are all part of the manual run.
  const markRun = sqlite.prepare<[number, number, number]>(`
    UPDATE backup_runs SET triggered_by = 'manual', updated_at = ?
    WHERE (id = ? OR parent_run_id = ?) AND triggered_by <> 'manual'`)
  const setRun = sqlite.prepare<[number, number]>('UPDATE manual_triggers SET run_id = ? WHERE id = ?')
  const matchTx = sqlite.transaction((trigger: ManualTrigger, windowMs: number, now: number): number | null => {
    const run = nearestBackup.get(trigger.startedAt - windowMs, trigger.startedAt + windowMs, trigger.startedAt)
    if (!run) return null
    markRun.run(now, run.id, run.id)
    setRun.run(run.id, trigger.id)
    return run.id
  })

  return {
    insert(t: Pick<ManualTrigger, 'requestedBy' | 'username' | 'startedAt' | 'pid' | 'logPath' | 'logOffset'>): number {
      return Number(insert.run(t).lastInsertRowid)
    },
    finish(id: number, result: { finishedAt: number; exitCode: number; logEnd: number | null }): void {
      finish.run({ id, ...result })
    },
    findById(id: number): ManualTrigger | undefined {
      return byId.get(id)
    },
    latest(): ManualTrigger | undefined {
      return latest.get()
    },
    /** Triggers started since `since` whose run has not been found yet, oldest first. */
    unmatched(since: number): ManualTrigger[] {
      return unmatched.all(since)
    },
    /**
     * Marks the backup run that started within `windowMs` of the trigger (the nearest) as
     * manual, with the runs it started, and remembers it; returns its id, or null when the
     * follower has not stored it yet.
     */
    matchRun(trigger: ManualTrigger, windowMs: number, now: number): number | null {
      return matchTx.immediate(trigger, windowMs, now)
    },
  }
}
