import { expectedRuns } from '../schedule/describe.js'

/** Two weeks of runs show a weekday-only schedule's weekend gap. */
const SPAN_MS = 15 * 86_400_000

/**
 * The longest gap between the schedule's runs after `now` (over two weeks, so weekday-only
 * schedules show their weekend gap); null for @reboot or a schedule cron would refuse.
 */
export function longestGapMs(schedule: string, now: Date, timeZone: string): number | null {
  let runs: number[]
  try {
    runs = expectedRuns(schedule, timeZone, now.getTime(), now.getTime() + SPAN_MS, { limit: 2000 })
  } catch {
    return null
  }
  if (runs.length < 2) return null
  let gap = 0
  for (let i = 1; i < runs.length; i++) gap = Math.max(gap, runs[i]! - runs[i - 1]!)
  return gap
}
