import { DateTime } from 'luxon'
import type { ChartRow, RunSummary, RunView } from '../db/repositories/run-reports.js'
import type { RunKind } from '../db/schema.js'

export const RANGES = ['7', '30', '90', '365', 'all'] as const
export type Range = (typeof RANGES)[number]

/** The first local date of `range` ending today in `timeZone`, or null for all of history. */
export function rangeStart(range: Range, now: number, timeZone: string): string | null {
  if (range === 'all') return null
  return DateTime.fromMillis(now, { zone: timeZone })
    .minus({ days: Number(range) - 1 })
    .toISODate()!
}

export type HeadlineStatus =
  | { state: 'none' }
  | { state: 'running'; run: RunView; runningForSeconds: number | null }
  | { state: 'success' | 'failed' | 'interrupted'; run: RunView; at: number | null }

/** The newest backup's outcome, the thing a user wants first. */
export function headline(latest: RunView | undefined, now: number): HeadlineStatus {
  if (!latest) return { state: 'none' }
  if (latest.status === 'running') {
    return { state: 'running', run: latest, runningForSeconds: latest.startedAt === null ? null : (now - latest.startedAt) / 1000 }
  }
  return { state: latest.status, run: latest, at: latest.finishedAt ?? latest.startedAt }
}

const HOUR = 3600_000

/**
 * Whether backups have stopped: the newest backup started longer ago than the usual gap
 * between backups (the median of the last 14 gaps) plus two hours of grace. With fewer
 * than two timed backups there is no usual gap, and so no verdict. A running backup is
 * never overdue here (hung runs are the alerts' business).
 */
export function overdue(backupStarts: number[], latest: RunView | undefined, now: number): { overdue: boolean; expectedEveryMs: number | null; sinceMs: number | null } {
  const starts = [...backupStarts].sort((a, b) => a - b).slice(-15)
  if (starts.length < 2 || !latest) return { overdue: false, expectedEveryMs: null, sinceMs: null }
  const gaps = starts.slice(1).map((s, i) => s - starts[i]!).sort((a, b) => a - b)
  const median = gaps[Math.floor(gaps.length / 2)]!
  const last = starts[starts.length - 1]!
  const since = now - last
  return { overdue: latest.status !== 'running' && since > median + 2 * HOUR, expectedEveryMs: median, sinceMs: since }
}

export type DayState = 'success' | 'failed' | 'missed' | 'none'

/**
 * One state per local day for the last `days` days: success when a backup succeeded,
 * failed when backups ran and none succeeded, missed when no backup ran on a day inside
 * the history (nightly backups are assumed until schedules are known), none before the
 * history began and for today while its run may still come.
 */
export function dayStates(runs: ChartRow[], firstDate: string | null, now: number, timeZone: string, days = 365): { date: string; state: DayState }[] {
  const byDate = new Map<string, { ok: boolean; ran: boolean }>()
  for (const r of runs) {
    if (r.kind !== 'backup') continue
    const d = byDate.get(r.date) ?? { ok: false, ran: false }
    d.ran = true
    if (r.status === 'success') d.ok = true
    byDate.set(r.date, d)
  }
  const today = DateTime.fromMillis(now, { zone: timeZone }).startOf('day')
  const out: { date: string; state: DayState }[] = []
  for (let i = days - 1; i >= 0; i--) {
    const date = today.minus({ days: i }).toISODate()!
    const d = byDate.get(date)
    let state: DayState
    if (d?.ok) state = 'success'
    else if (d?.ran) state = 'failed'
    else if (firstDate !== null && date >= firstDate && i > 0) state = 'missed'
    else state = 'none'
    out.push({ date, state })
  }
  return out
}

export type ChartPoint = { x: number | string; y: number; status?: string; id?: number }

/** The time at which a run is drawn: its start, else noon of its date (tracking-only runs). */
function when(r: ChartRow): number | string {
  return r.startedAt ?? `${r.date}T12:00:00`
}

/** Charts draw at most this many points per series; longer ranges are shown per week. */
export const MAX_CHART_POINTS = 800

const STATUS_WEIGHT: Record<string, number> = { success: 0, running: 1, interrupted: 2, failed: 3 }

/** The Monday (YYYY-MM-DD) of the ISO week of a local date. */
function weekOf(date: string): string {
  // Plain arithmetic: this runs once per run of a ten-year history.
  const day = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000
  const monday = day - ((day + 3) % 7) // 1970-01-01 was a Thursday
  return new Date(monday * 86_400_000).toISOString().slice(0, 10)
}

/**
 * Per-week points for long ranges: the largest backup of the week, the data sent in the
 * week, the mean duration; each coloured by the week's worst outcome.
 */
function weekly(backups: ChartRow[]) {
  const weeks = new Map<string, ChartRow[]>()
  for (const r of backups) {
    const w = weekOf(r.date)
    const list = weeks.get(w)
    if (list) list.push(r)
    else weeks.set(w, [r])
  }
  const size: ChartPoint[] = []
  const transferred: ChartPoint[] = []
  const duration: ChartPoint[] = []
  for (const [week, rows] of weeks) {
    const x = `${week}T12:00:00`
    const worst = rows.reduce((a, r) => ((STATUS_WEIGHT[r.status] ?? 0) > (STATUS_WEIGHT[a] ?? 0) ? r.status : a), 'success' as string)
    const sizes = rows.filter((r) => r.status === 'success' && r.totalSizeBytes !== null).map((r) => r.totalSizeBytes!)
    if (sizes.length) size.push({ x, y: Math.max(...sizes) })
    const sent = rows.filter((r) => r.sentBytes !== null)
    if (sent.length) transferred.push({ x, y: sent.reduce((a, r) => a + r.sentBytes!, 0), status: worst })
    const timed = rows.filter((r) => r.durationSeconds !== null)
    if (timed.length) duration.push({ x, y: Math.round(timed.reduce((a, r) => a + r.durationSeconds!, 0) / timed.length), status: worst })
  }
  return { size, transferred, duration }
}

/** Series for the dashboard's charts, from runs of the selected range (oldest first). */
export function chartSeries(runs: ChartRow[]) {
  const backups = runs.filter((r) => r.kind === 'backup')
  const kinds: Record<RunKind, number> = { backup: 0, snapshot: 0, cleanup: 0, config_backup: 0 }
  for (const r of runs) kinds[r.kind]++
  if (backups.length > MAX_CHART_POINTS) return { per: 'week' as const, ...weekly(backups), kinds }
  return {
    per: 'run' as const,
    size: backups.filter((r) => r.totalSizeBytes !== null && r.status === 'success').map((r) => ({ x: when(r), y: r.totalSizeBytes!, id: r.id })),
    transferred: backups.filter((r) => r.sentBytes !== null).map((r) => ({ x: when(r), y: r.sentBytes!, status: r.status, id: r.id })),
    duration: backups
      .filter((r) => r.durationSeconds !== null)
      .map((r) => ({ x: when(r), y: Math.round(r.durationSeconds!), status: r.status, id: r.id })),
    kinds,
  }
}

/** Success rate of finished backups in the range; null when none finished. */
export function successRate(summary: RunSummary): number | null {
  return summary.backups === 0 ? null : summary.successes / summary.backups
}
