import type { Config } from '../config.js'
import type { DatabaseHandle } from '../db/connection.js'
import { createIngestCursorsRepository } from '../db/repositories/ingest-cursors.js'
import { createRunsRepository } from '../db/repositories/runs.js'
import { readLogFileState } from './cursor-identity.js'
import { matchCursor } from './cursor-match.js'
import { importLogFile } from './import-log-file.js'
import { importTrackingFile } from './import-tracking-file.js'
import { listLogFiles } from './scan-log.js'
import { updateSearchIndex } from '../runs/search-index.js'

export type ImportSummary = {
  /** Bytes read this time: new log bytes (plus a run not yet ended, re-read) and the tracking file when it was read. */
  bytesScanned: number
  runsInserted: number
  runsUpdated: number
  linesSkipped: number
  durationMs: number
}

export type ImportProgress = { file: string; fileIndex: number; fileCount: number; bytesRead: number; totalBytes: number }

export type ImportOptions = {
  handle: DatabaseHandle
  config: Pick<Config, 'backupLogPath' | 'backupTrackingPath' | 'timeZone' | 'rsyncHumanBase'>
  /** The clock that decides whether an unfinished run is still running; defaults to now. */
  now?: Date
  /** Runs per transaction (and so the most a killed import re-reads). */
  batchSize?: number
  onProgress?: (progress: ImportProgress) => void
  /** A file that could not be read (it is skipped; the others are imported). */
  onWarning?: (message: string) => void
}

/**
 * The one ingest path (the `import-logs` command and the server's follower): reads what is
 * new in the main log and its rotated siblings (oldest first) and the tracking file into
 * backup_runs. Each file's cursor is committed with the rows its bytes produced, so running
 * it again, after a rotation or after being killed, stores every run exactly once.
 */
export async function importLogs(options: ImportOptions): Promise<ImportSummary> {
  const started = performance.now()
  const { handle, config } = options
  const now = options.now ?? new Date()
  const runs = createRunsRepository(handle.sqlite)
  const cursors = createIngestCursorsRepository(handle.sqlite)
  const summary = { bytesScanned: 0, linesSkipped: 0 }
  // Counted as sets: a run inserted and then matched to its tracking line is one insertion.
  const inserted = new Set<number>()
  const updated = new Set<number>()

  const files = listLogFiles(config.backupLogPath)
  for (const [fileIndex, path] of files.entries()) {
    try {
      const state = await readLogFileState(path)
      if (!state) continue // rotated away since it was listed: found under its new name next time
      const match = matchCursor(state, cursors.list().filter((c) => c.path !== config.backupTrackingPath))
      const onProgress = options.onProgress
      const result = await importLogFile(state, match, {
        sqlite: handle.sqlite, runs, cursors, now, timeZone: config.timeZone, humanBase: config.rsyncHumanBase,
        batchSize: options.batchSize ?? 200,
        onProgress: onProgress && ((bytesRead, totalBytes) => onProgress({ file: path, fileIndex, fileCount: files.length, bytesRead, totalBytes })),
      })
      summary.bytesScanned += result.bytesScanned
      summary.linesSkipped += result.skipped
      for (const id of result.insertedIds) inserted.add(id)
      for (const id of result.updatedIds) updated.add(id)
    } catch (err) {
      if (!options.onWarning) throw err
      options.onWarning(`${path}: ${err instanceof Error ? err.message : String(err)} (skipped; retried next time)`)
    }
  }

  const tracking = importTrackingFile(config.backupTrackingPath, { sqlite: handle.sqlite, runs, cursors })
  for (const id of tracking.insertedIds) inserted.add(id)
  for (const id of tracking.updatedIds) updated.add(id)
  // Search reads a few KiB of each new or changed run; not counted in bytesScanned.
  updateSearchIndex(handle.sqlite)
  return {
    bytesScanned: summary.bytesScanned + tracking.bytesScanned,
    runsInserted: inserted.size,
    runsUpdated: [...updated].filter((id) => !inserted.has(id)).length + tracking.merged,
    linesSkipped: summary.linesSkipped + tracking.skipped,
    durationMs: Math.round(performance.now() - started),
  }
}
