import { DateTime } from 'luxon'
import type { AlertRun } from './types.js'

export const MINUTE_MS = 60_000
export const HOUR_MS = 60 * MINUTE_MS
export const DAY_MS = 24 * HOUR_MS

/** The last millisecond of a YYYY-MM-DD date in `zone`; null when it is not such a date. */
export function endOfLocalDate(date: string, zone: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null
  const day = DateTime.fromISO(date, { zone })
  return day.isValid ? day.endOf('day').toMillis() : null
}

/** The YYYY-MM-DD an instant falls on in `zone`. */
export function localDate(epochMs: number, zone: string): string {
  return DateTime.fromMillis(epochMs, { zone }).toISODate() ?? ''
}

/**
 * When a run happened, as the rules compare it with `followingSince` and with other alerts:
 * its end, else its start, else (known only from the tracking file) the end of its date.
 * Null only for a run whose date cannot be read.
 */
export function runTime(run: AlertRun, zone: string): number | null {
  return run.finishedAt ?? run.startedAt ?? endOfLocalDate(run.date, zone)
}

/** Runs ordered by `runTime`, oldest first (ties by id), without those that have none. */
export function byRunTime(runs: readonly AlertRun[], zone: string): Array<{ run: AlertRun; time: number }> {
  const timed: Array<{ run: AlertRun; time: number }> = []
  for (const run of runs) {
    const time = runTime(run, zone)
    if (time !== null) timed.push({ run, time })
  }
  return timed.sort((a, b) => a.time - b.time || a.run.id - b.run.id)
}
