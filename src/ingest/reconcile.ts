import type { ParsedRun } from './types.js'
import type { TrackingEntry } from './tracking.js'

/** The job whose outcomes the tracking file records. */
export const TRACKED_JOB = 'Plex Backup'

const tracked = (run: ParsedRun) => run.kind === 'backup' && run.jobName === TRACKED_JOB && (run.status === 'success' || run.status === 'failed')

/**
 * Merges the log's runs with the tracking file, the primary record. A tracking line and a
 * log backup run with the same date and outcome are one run (origin 'both'); the n-th such
 * line of a date pairs with the n-th such run. A log run whose date could not be read takes
 * the one unmatched tracking line with its outcome that lies between its neighbours' lines.
 * Runs only in the log or only in the tracking file are kept with what is known (tracking
 * only: no times, no numbers). Result is oldest first: log order, with tracking-only runs
 * placed by date (and before the run of the next tracking line of the same date).
 */
export function reconcile(logRuns: ParsedRun[], tracking: TrackingEntry[]): ParsedRun[] {
  const entries = [...tracking].sort((a, b) => a.line - b.line)
  const runFor = new Map<number, number>() // tracking line → log run index
  const lineFor = new Map<number, number>() // log run index → tracking line
  const pair = (runIndex: number, entry: TrackingEntry) => {
    runFor.set(entry.line, runIndex)
    lineFor.set(runIndex, entry.line)
  }
  for (const entry of entries) {
    const index = logRuns.findIndex((r, i) => !lineFor.has(i) && tracked(r) && r.date === entry.date && r.status === entry.status)
    if (index >= 0) pair(index, entry)
  }
  logRuns.forEach((run, index) => {
    if (run.date !== '' || !tracked(run)) return
    const lineBefore = neighbourLine(logRuns, lineFor, index, -1) ?? 0
    const lineAfter = neighbourLine(logRuns, lineFor, index, +1) ?? Infinity
    const between = entries.filter((e) => e.line > lineBefore && e.line < lineAfter && !runFor.has(e.line))
    const candidates = between.filter((e) => e.status === run.status)
    if (between.length === 1 && candidates.length === 1) pair(index, candidates[0]!)
  })

  const out: { run: ParsedRun; from: number | null }[] = logRuns.map((run, index) => {
    const line = lineFor.get(index)
    const entry = line === undefined ? undefined : entries.find((e) => e.line === line)
    const merged: ParsedRun = entry
      ? { ...run, origin: 'both', date: run.date === '' ? entry.date : run.date, trackingLine: entry.line }
      : { ...run, trackingLine: run.trackingLine ?? null }
    return { run: merged, from: index }
  })
  entries.forEach((entry, k) => {
    if (runFor.has(entry.line)) return
    const run: ParsedRun = {
      kind: 'backup', jobName: TRACKED_JOB, status: entry.status, date: entry.date, startedAt: null, finishedAt: null,
      durationSeconds: null, exitCode: null, sentBytes: null, receivedBytes: null, totalSizeBytes: null,
      filesTransferred: null, error: null, origin: 'tracking', source: null, parentIndex: null, trackingLine: entry.line,
    }
    const nextSameDay = entries.slice(k + 1).find((e) => e.date === entry.date && runFor.has(e.line))
    const beforeIndex = nextSameDay === undefined ? -1 : out.findIndex((o) => o.from === runFor.get(nextSameDay.line))
    out.splice(beforeIndex >= 0 ? beforeIndex : insertionByDate(out, entry.date), 0, { run, from: null })
  })
  const newIndex = new Map<number, number>()
  out.forEach((o, i) => o.from !== null && newIndex.set(o.from, i))
  return out.map(({ run }) => ({ ...run, parentIndex: run.parentIndex === null ? null : (newIndex.get(run.parentIndex) ?? null) }))
}

/** After the last run dated on or before `date` (runs of unknown date count as their predecessor's). */
function insertionByDate(out: { run: ParsedRun }[], date: string): number {
  let known = ''
  let position = 0
  out.forEach((o, i) => {
    if (o.run.date !== '') known = o.run.date
    if (known !== '' && known <= date) position = i + 1
  })
  return position
}

function neighbourLine(runs: ParsedRun[], lineFor: Map<number, number>, index: number, step: -1 | 1): number | undefined {
  for (let i = index + step; i >= 0 && i < runs.length; i += step) {
    const line = lineFor.get(i)
    if (line !== undefined) return line
  }
  return undefined
}
