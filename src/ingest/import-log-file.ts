import type SQLite from 'better-sqlite3'
import type { IngestCursorsRepository } from '../db/repositories/ingest-cursors.js'
import type { LogRunFields, RunsRepository } from '../db/repositories/runs.js'
import type { LogFileState } from './cursor-identity.js'
import { hashHead, type CursorMatch } from './cursor-match.js'
import { isDate } from './import-tracking.js'
import { logRunKey, needsAnchor, readAnchors } from './import-keys.js'
import { scanLog } from './scan-log.js'
import type { ParsedRun } from './types.js'

export type FileImportContext = {
  sqlite: SQLite.Database
  runs: RunsRepository
  cursors: IngestCursorsRepository
  timeZone: string
  humanBase: 1000 | 1024
  now: Date
  batchSize: number
  onProgress?: (bytesRead: number, totalBytes: number) => void
}

export type FileImportResult = { bytesScanned: number; skipped: number; insertedIds: number[]; updatedIds: number[] }

/**
 * Reads one log file from where its cursor left off and stores its runs, `batchSize` runs
 * per transaction, each committing the cursor at the end of its last run: a process killed
 * midway re-reads at most one batch. The last transaction leaves the cursor at the start of
 * a run not yet ended, so its end is read (and the row updated in place) next time.
 */
export async function importLogFile(file: LogFileState, match: CursorMatch, ctx: FileImportContext): Promise<FileImportResult> {
  const { runs, cursors } = ctx
  const saveCursor = (offset: number, size: number) =>
    cursors.save(
      {
        path: file.path, device: file.device, inode: file.inode, offset, size, mtime_ms: file.mtimeMs,
        head_hash: hashHead(file.head), head_length: file.head.length,
      },
      Date.now(),
    )
  const followRotation = () => {
    if (match.movedFrom) runs.moveSourceFile(match.movedFrom, file.path)
  }
  if (match.unchanged) {
    if (match.movedFrom) ctx.sqlite.transaction(() => (followRotation(), saveCursor(match.offset, match.cursor!.size))).immediate()
    return { bytesScanned: 0, skipped: 0, insertedIds: [], updatedIds: [] }
  }

  const scan = await scanLog(file.path, {
    timeZone: ctx.timeZone, humanBase: ctx.humanBase, fromOffset: match.offset, now: ctx.now,
    onProgress: ctx.onProgress, collectSkipped: false,
  })
  const order = scan.runs.map((run, index) => ({ run, index })).filter((r) => r.run.source)
  order.sort((a, b) => a.run.source!.start - b.run.source!.start)
  const tail = order.at(-1)?.run
  const tailOpen = tail !== undefined && (tail.status === 'running' || tail.status === 'interrupted')
  // Nothing can append to a compressed file: it is read to its end once, and a run cut off
  // by the rotation stays interrupted. (Its trailer size is trusted only just past what was
  // read: a half-written .gz has none.)
  const readEnd = Math.max(scan.resumeOffset, tail?.source?.end ?? 0)
  const end = file.compressed
    ? file.size >= readEnd && file.size - readEnd < 65_536 ? file.size : readEnd
    : Math.min(scan.resumeOffset, tailOpen ? tail.source!.start : Infinity)
  const size = file.compressed ? end : Math.max(file.size, end)
  const anchors = await readAnchors(file.path, order.filter((r) => needsAnchor(r.run)).map((r) => r.run.source!.start))

  const result: FileImportResult = { bytesScanned: scan.bytesScanned, skipped: scan.skippedCount, insertedIds: [], updatedIds: [] }
  const stored = new Map<number, { id: number; key: string }>()
  const storeRun = (run: ParsedRun, index: number) => {
    const source = run.source!
    let parent = run.parentIndex !== null ? stored.get(run.parentIndex) : undefined
    if (!parent && run.kind === 'snapshot') {
      const before = runs.findPrecedingInFile(file.path, source.start)
      if (before?.kind === 'backup') parent = { id: before.id, key: before.run_key }
    }
    const key = logRunKey(run, parent?.key ?? null, anchors.get(source.start) ?? null)
    const status = file.compressed && run.status === 'running' ? 'interrupted' : run.status
    const outcome = runs.upsertLogRun(toFields(run, key, status, file.path, parent?.id ?? null, () => runs.findByKey(key)?.date), Date.now())
    stored.set(index, { id: outcome.id, key })
    if (outcome.change === 'inserted') result.insertedIds.push(outcome.id)
    if (outcome.change === 'updated') result.updatedIds.push(outcome.id)
  }

  let done = 0
  do {
    const batch = order.slice(done, done + ctx.batchSize)
    done += batch.length
    const last = done >= order.length
    ctx.sqlite
      .transaction(() => {
        if (done === batch.length) followRotation()
        for (const { run, index } of batch) storeRun(run, index)
        saveCursor(last ? end : Math.min(end, batch.at(-1)!.run.source!.end), size)
      })
      .immediate()
  } while (done < order.length)
  return result
}

function toFields(
  run: ParsedRun, key: string, status: ParsedRun['status'], file: string, parentId: number | null, storedDate: () => string | undefined,
): LogRunFields {
  const instant = (iso: string | null) => (iso === null ? null : Number.isFinite(Date.parse(iso)) ? Date.parse(iso) : null)
  return {
    run_key: key, kind: run.kind, job_name: run.jobName, status,
    // A run whose date could not be read keeps the date reconciliation gave it from the tracking file.
    date: isDate(run.date) ? run.date : (storedDate() ?? run.date),
    started_at: instant(run.startedAt), finished_at: instant(run.finishedAt),
    duration_seconds: run.durationSeconds, exit_code: run.exitCode, sent_bytes: run.sentBytes,
    received_bytes: run.receivedBytes, total_size_bytes: run.totalSizeBytes, files_transferred: run.filesTransferred,
    error: run.error, source_file: file, source_start: run.source!.start, source_end: run.source!.end,
    parent_run_id: parentId,
  }
}
