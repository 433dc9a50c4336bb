import type { RunStatus } from '../db/schema.js'
import type { TrackingEntry } from './tracking.js'

/** A stored log run that a tracking line may stand for. */
export type TrackableRun = {
  id: number
  date: string
  status: RunStatus
  startedAt: number | null
  trackingLine: number | null
}

export type TrackingPlan = {
  /** Log runs to mark origin 'both' with this tracking line (and date, for undated runs). */
  matches: { runId: number; line: number; date: string }[]
  /** Lines no log run stands for: kept as tracking-only runs under a stable key. */
  trackingOnly: { key: string; date: string; status: 'success' | 'failed'; line: number }[]
  /** Keys of tracking-only runs whose line is now matched by a log run (to be removed). */
  matchedKeys: string[]
}

export const isDate = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text)

/**
 * Pairs tracking lines with stored log runs: within one date and outcome, the n-th line
 * (file order) is the n-th run (start order). A run without a readable date takes the
 * only unmatched line with its outcome dated between its dated neighbours, if there is
 * exactly one. Pure and deterministic, so running it again changes nothing; the key of a
 * tracking-only run ('tracking|date|status|n') survives a rewritten tracking file.
 * `runs` must be in log order (oldest first).
 */
export function planTracking(runs: readonly TrackableRun[], entries: readonly TrackingEntry[]): TrackingPlan {
  const finished = runs.filter((r) => r.status === 'success' || r.status === 'failed')
  const byGroup = new Map<string, TrackableRun[]>()
  for (const run of finished.filter((r) => isDate(r.date)).sort(byStart)) {
    const group = `${run.date}|${run.status}`
    byGroup.set(group, [...(byGroup.get(group) ?? []), run])
  }

  const seen = new Map<string, number>()
  const matches: TrackingPlan['matches'] = []
  const unmatched: (TrackingEntry & { key: string })[] = []
  const matchedKeys: string[] = []
  for (const entry of entries) {
    const group = `${entry.date}|${entry.status}`
    const n = (seen.get(group) ?? 0) + 1
    seen.set(group, n)
    const key = `tracking|${entry.date}|${entry.status}|${n}`
    const run = byGroup.get(group)?.[n - 1]
    if (run) {
      matches.push({ runId: run.id, line: entry.line, date: entry.date })
      matchedKeys.push(key)
    } else unmatched.push({ ...entry, key })
  }

  const claimed = new Set<number>()
  finished.forEach((run, index) => {
    if (isDate(run.date)) return
    const before = finished.slice(0, index).reverse().find((r) => isDate(r.date))?.date ?? '0000-00-00'
    const after = finished.slice(index + 1).find((r) => isDate(r.date))?.date ?? '9999-99-99'
    const candidates = unmatched.filter(
      (e) => !claimed.has(e.line) && e.status === run.status && e.date >= before && e.date <= after,
    )
    const only = candidates.length === 1 ? candidates[0] : undefined
    if (!only) return
    claimed.add(only.line)
    matches.push({ runId: run.id, line: only.line, date: only.date })
    matchedKeys.push(only.key)
  })

  const trackingOnly = unmatched
    .filter((e) => !claimed.has(e.line))
    .map((e) => ({ key: e.key, date: e.date, status: e.status, line: e.line }))
  return { matches, trackingOnly, matchedKeys }
}

function byStart(a: TrackableRun, b: TrackableRun): number {
  return (a.startedAt ?? Number.MAX_SAFE_INTEGER) - (b.startedAt ?? Number.MAX_SAFE_INTEGER) || a.id - b.id
}
