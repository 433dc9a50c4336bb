import fs from 'node:fs'
import type SQLite from 'better-sqlite3'
import type { IngestCursorsRepository } from '../db/repositories/ingest-cursors.js'
import type { RunsRepository } from '../db/repositories/runs.js'
import { HEAD_BYTES } from './cursor-identity.js'
import { hashHead } from './cursor-match.js'
import { planTracking } from './import-tracking.js'
import { parseTrackingFile } from './tracking.js'

export type TrackingImportResult = {
  bytesScanned: number
  skipped: number
  insertedIds: number[]
  /** Log runs now marked as also in the tracking file. */
  updatedIds: number[]
  /** Tracking-only runs merged into the log run that now stands for their line. */
  merged: number
}

/**
 * Reconciles the tracking file with the stored log runs when either changed since the
 * last reconciliation (the file by identity, size and mtime; the runs by updated_at, so
 * an import killed before this step still reconciles next time). The file is small (a
 * line a day) and read whole; the plan and the cursor commit in one transaction.
 */
export function importTrackingFile(
  path: string,
  deps: { sqlite: SQLite.Database; runs: RunsRepository; cursors: IngestCursorsRepository },
): TrackingImportResult {
  const { runs, cursors } = deps
  const result: TrackingImportResult = { bytesScanned: 0, skipped: 0, insertedIds: [], updatedIds: [], merged: 0 }
  let stat: fs.Stats
  try {
    stat = fs.statSync(path)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return result
    throw err
  }
  const cursor = cursors.list().find((c) => c.path === path)
  const mtime = Math.trunc(stat.mtimeMs)
  const fileChanged =
    !cursor || cursor.device !== stat.dev || cursor.inode !== stat.ino || cursor.size !== stat.size || cursor.mtime_ms !== mtime
  const runsChanged = (runs.lastChangeAt() ?? -1) > (cursor?.updated_at ?? -1)
  if (!fileChanged && !runsChanged) return result

  const bytes = fs.readFileSync(path)
  const { entries, skipped } = parseTrackingFile(bytes.toString('utf8'))
  result.bytesScanned = bytes.length
  if (fileChanged) result.skipped = skipped.length

  deps.sqlite
    .transaction(() => {
      const now = Math.max(Date.now(), runs.lastChangeAt() ?? 0)
      const trackable = runs.listTrackable().map((r) => ({
        id: r.id, date: r.date, status: r.status, startedAt: r.started_at, trackingLine: r.tracking_line,
      }))
      const plan = planTracking(trackable, entries)
      for (const m of plan.matches) if (runs.markTracked(m.runId, m.line, m.date, now)) result.updatedIds.push(m.runId)
      for (const key of plan.matchedKeys) if (runs.removeTrackingOnly(key)) result.merged++
      for (const run of plan.trackingOnly) {
        const change = runs.saveTrackingOnly(run, now)
        if (change.change === 'inserted') result.insertedIds.push(change.id)
        if (change.change === 'updated') result.updatedIds.push(change.id)
      }
      const head = bytes.subarray(0, HEAD_BYTES)
      cursors.save(
        {
          path, device: stat.dev, inode: stat.ino, offset: bytes.length, size: stat.size, mtime_ms: mtime,
          head_hash: hashHead(head), head_length: head.length,
        },
        now,
      )
    })
    .immediate()
  return result
}
