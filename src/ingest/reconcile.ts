import type { ParsedRun } from './types.js'
import { planTracking } from './import-tracking.js'
import type { TrackingEntry } from './tracking.js'

/** The job whose outcomes the tracking file records. */
export const TRACKED_JOB = 'Plex Backup'

const tracked = (run: ParsedRun) => run.kind === 'backup' && run.jobName === TRACKED_JOB && (run.status === 'success' || run.status === 'failed')

/**
 * Merges the log's runs with the tracking file, the primary record, pairing them as the
 * importer does (planTracking): a tracking line and a log backup run with the same date and
 * outcome are one run (origin 'both'); the n-th such line of a date pairs with the n-th such
 * run; a run whose date could not be read takes the only unmatched line with its outcome
 * dated between its dated neighbours.
 * Runs only in the log or only in the tracking file are kept with what is known (tracking
 * only: no times, no numbers). Result is oldest first: log order, with tracking-only runs
 * placed by date (and before the run of the next tracking line of the same date).
 */
export function reconcile(logRuns: ParsedRun[], tracking: TrackingEntry[]): ParsedRun[] {
  const entries = [...tracking].sort((a, b) => a.line - b.line)
  // The same pairing as the importer's (planTracking), with log positions for ids.
  const trackable = logRuns.flatMap((run, index) =>
    // Log order is start order, so the position serves as the start time.
    tracked(run) ? [{ id: index, date: run.date, status: run.status, startedAt: index, trackingLine: null }] : [],
  )
  const plan = planTracking(trackable, entries)
  const runFor = new Map<number, number>(plan.matches.map((m) => [m.line, m.runId])) // tracking line → log run index
  const lineFor = new Map<number, number>(plan.matches.map((m) => [m.runId, m.line])) // log run index → tracking line

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
