import type { ParsedRun } from './types.js'
import type { Marker } from './markers.js'
import type { RsyncSummary } from './rsync-summary.js'
import { parseLogDate } from './log-date.js'

/** A marker line as found in the file: byte range of the line and its cleaned text. */
export type MarkerLine = { start: number; end: number; text: string }

/** What the scanner can tell about the bytes just before an end marker. */
export type RunDetails = RsyncSummary & { error: string | null }

export type RunBuilderContext = {
  file: string
  timeZone: string
  now: Date
  /** Summary (and, for a failure, the first error line) of run `index` from `runStart` up to `endLineStart`. */
  details: (index: number, runStart: number, endLineStart: number, failed: boolean) => RunDetails
  skip: (offset: number, reason: string, text: string) => void
}

/** How long after its start a run with no end yet counts as still running (not interrupted). */
export const RUNNING_WINDOW_MS = 24 * 3_600_000

type Meta = { startMs: number | null; endMs: number | null }

const sameJob = (a: string | null, b: string) => a !== null && a.trim().toLowerCase() === b.trim().toLowerCase()

/**
 * The run state machine: markers in file order in, runs out (oldest first). A run left
 * open by the next `Started` (or a second snapshot / clean-up) is interrupted; whatever is
 * open at the end of the input is running when it started within RUNNING_WINDOW_MS of
 * `now`, else interrupted. Snapshots have no date of their own: they take their parent's
 * date and leave startedAt/finishedAt unknown (null) rather than guessing.
 */
export function createRunBuilder(ctx: RunBuilderContext) {
  const runs: ParsedRun[] = []
  const meta: Meta[] = []
  let main: number | null = null
  let snapshot: number | null = null
  let cleanup: number | null = null
  let lastBackup: number | null = null

  const readDate = (dateText: string | null, line: MarkerLine, what: string) => {
    const parsed = dateText === null ? null : parseLogDate(dateText, ctx.timeZone)
    if (!parsed) ctx.skip(line.start, dateText === null ? `${what} marker has no date` : `${what} marker date not readable`, line.text)
    return parsed
  }

  const open = (run: Omit<ParsedRun, 'status' | 'finishedAt' | 'durationSeconds' | 'exitCode' | 'sentBytes' | 'receivedBytes' | 'totalSizeBytes' | 'filesTransferred' | 'error' | 'origin'>, startMs: number | null) => {
    runs.push({
      ...run,
      status: 'running',
      finishedAt: null,
      durationSeconds: null,
      exitCode: null,
      sentBytes: null,
      receivedBytes: null,
      totalSizeBytes: null,
      filesTransferred: null,
      error: null,
      origin: 'log',
      trackingLine: null,
    })
    meta.push({ startMs, endMs: null })
    return runs.length - 1
  }

  const interrupt = (index: number | null, at: number) => {
    if (index === null) return
    const run = runs[index]!
    run.status = 'interrupted'
    if (run.source) run.source.end = Math.max(run.source.end, at)
  }

  const close = (index: number, line: MarkerLine, exitCode: number | null, endMs: number | null, endIso: string | null) => {
    const run = runs[index]!
    const failed = exitCode !== null && exitCode !== 0
    const details = ctx.details(index, run.source!.start, line.start, failed)
    const startMs = meta[index]!.startMs
    Object.assign(run, {
      status: failed ? 'failed' : 'success',
      exitCode,
      finishedAt: endIso,
      durationSeconds: startMs !== null && endMs !== null && endMs >= startMs ? Math.round((endMs - startMs) / 1000) : null,
      sentBytes: details.sentBytes,
      receivedBytes: details.receivedBytes,
      totalSizeBytes: details.totalSizeBytes,
      filesTransferred: details.filesTransferred,
      error: failed ? details.error : null,
    })
    run.source!.end = line.end
    meta[index]!.endMs = endMs
  }

  const skipLine = (line: MarkerLine, reason: string): null => {
    ctx.skip(line.start, reason, line.text)
    return null
  }

  /** Applies one marker; returns the index of the run it opened or closed, if any. */
  function marker(m: Marker, line: MarkerLine): number | null {
    switch (m.type) {
      case 'start': {
        interrupt(main, line.start)
        interrupt(snapshot, line.start)
        interrupt(cleanup, line.start)
        snapshot = cleanup = null
        const date = readDate(m.dateText, line, 'start')
        const kind = /config backup/i.test(m.job) ? 'config_backup' : 'backup'
        main = open({ kind, jobName: m.job, date: date?.date ?? '', startedAt: date?.iso ?? null, source: { file: ctx.file, start: line.start, end: line.end }, parentIndex: null }, date?.epochMs ?? null)
        if (kind === 'backup') lastBackup = main
        return main
      }
      case 'end': {
        const date = readDate(m.dateText, line, 'end')
        if (main === null || !sameJob(runs[main]!.jobName, m.job)) {
          ctx.skip(line.start, 'end marker without a matching start', line.text)
          return null
        }
        const closed = main
        close(closed, line, m.exitCode, date?.epochMs ?? null, date?.iso ?? null)
        main = null
        return closed
      }
      case 'cleanup-start': {
        interrupt(cleanup, line.start)
        const date = readDate(m.dateText, line, 'clean-up')
        cleanup = open({ kind: 'cleanup', jobName: m.job, date: date?.date ?? '', startedAt: date?.iso ?? null, source: { file: ctx.file, start: line.start, end: line.end }, parentIndex: null }, date?.epochMs ?? null)
        return cleanup
      }
      case 'cleanup-end': {
        if (cleanup === null) return skipLine(line, 'clean-up end without a start')
        const closed = cleanup
        close(closed, line, null, null, null)
        cleanup = null
        return closed
      }
      case 'snapshot-start': {
        interrupt(snapshot, line.start)
        const parent = lastBackup === null ? null : runs[lastBackup]!
        snapshot = open({ kind: 'snapshot', jobName: 'Weekly snapshot', date: parent?.date ?? '', startedAt: null, source: { file: ctx.file, start: line.start, end: line.end }, parentIndex: lastBackup }, null)
        return snapshot
      }
      case 'snapshot-end': {
        if (snapshot === null) return skipLine(line, 'snapshot end without a start')
        const closed = snapshot
        close(closed, line, m.exitCode, null, null)
        snapshot = null
        return closed
      }
    }
  }

  /** Start offsets of the runs still open (for a snapshot: its parent's start, so a re-read links it again). */
  function openStarts(): number[] {
    return [main, snapshot, cleanup].flatMap((index) => (index === null ? [] : openStartsOf(index)))
  }

  /** Settles what is still open at `eof`; returns the start offsets of the runs left running. */
  function finish(eof: number): number[] {
    const recent = (ms: number | null) => ms !== null && ctx.now.getTime() - ms < RUNNING_WINDOW_MS && ms <= ctx.now.getTime() + 3_600_000
    const running: number[] = []
    for (const index of [main, snapshot, cleanup]) {
      if (index === null) continue
      const run = runs[index]!
      const parentEnd = run.parentIndex === null ? null : meta[run.parentIndex]!.endMs
      const started = run.kind === 'snapshot' ? parentEnd : meta[index]!.startMs
      run.source!.end = Math.max(run.source!.end, eof)
      if (recent(started)) running.push(...openStartsOf(index))
      else run.status = 'interrupted'
    }
    main = snapshot = cleanup = null
    return running
  }

  function openStartsOf(index: number): number[] {
    const run = runs[index]!
    const parent = run.parentIndex === null ? null : runs[run.parentIndex]!
    return [(parent ?? run).source!.start]
  }

  return {
    marker,
    openStarts,
    finish,
    runs,
    /** Whether a snapshot / clean-up is open: their end markers are only looked for then. */
    isSnapshotOpen: () => snapshot !== null,
    isCleanupOpen: () => cleanup !== null,
  }
}

export type RunBuilder = ReturnType<typeof createRunBuilder>
