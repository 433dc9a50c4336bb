import cronstrue from 'cronstrue'
import { isValidTimeZone } from '../time/zone.js'
import { CronExpressionError, cronFor, expandSchedule } from './cron-expression.js'

export type ScheduleDescription =
  | {
      ok: true
      /** "At 03:00 AM, only on Sunday"; "At every boot" for @reboot. */
      description: string
      /** The next due times (UTC epoch ms) after `now`; empty for @reboot. */
      nextRuns: number[]
      reboot: boolean
      zone: string
    }
  | { ok: false; error: string; zone: string }

/** "At 03:00 AM, only on Sunday" for five valid fields. */
function describeFields(fields: string): string {
  return cronstrue.toString(fields, { throwExceptionOnParseError: true, use24HourTimeFormat: false })
}

/**
 * What `schedule` means and when it next runs in `zone`, after `now`. Never throws: a
 * schedule cron would refuse, or an unknown zone, comes back as `{ ok: false, error }`.
 */
export function describeSchedule(schedule: string, options: { now: number; zone: string; count?: number }): ScheduleDescription {
  const { now, zone } = options
  if (!isValidTimeZone(zone)) return { ok: false, error: `"${zone}" is not a time zone cron knows`, zone }
  try {
    const fields = expandSchedule(schedule)
    if (fields === null) return { ok: true, description: 'At every boot', nextRuns: [], reboot: true, zone }
    const runs = cronFor(fields, zone).nextRuns(options.count ?? 5, new Date(now))
    return { ok: true, description: describeFields(fields), nextRuns: runs.map((d) => d.getTime()), reboot: false, zone }
  } catch (err) {
    if (err instanceof CronExpressionError) return { ok: false, error: err.message, zone }
    // croner and cronstrue refuse a few things our own check lets through; their words are still the reason.
    return { ok: false, error: err instanceof Error ? err.message.replace(/^CronPattern: /, '') : String(err), zone }
  }
}

/** Bounds the work for a schedule such as `* * * * *` over a long span. */
const DEFAULT_LIMIT = 100_000

/**
 * Every instant (UTC epoch ms) at which `schedule` is due in `zone` with `from < t <= to`,
 * oldest first, at most `limit` of them. @reboot is never due by the clock, so it gives [].
 * Throws CronExpressionError for a schedule cron would refuse.
 */
export function expectedRuns(schedule: string, zone: string, from: number, to: number, options: { limit?: number } = {}): number[] {
  if (!isValidTimeZone(zone)) throw new CronExpressionError(`"${zone}" is not a time zone cron knows`)
  const fields = expandSchedule(schedule)
  if (fields === null || to <= from) return []
  const cron = cronFor(fields, zone)
  const limit = options.limit ?? DEFAULT_LIMIT
  const due: number[] = []
  let cursor: Date | null = new Date(from)
  while (due.length < limit) {
    cursor = cron.nextRun(cursor)
    if (!cursor || cursor.getTime() > to) break
    due.push(cursor.getTime())
  }
  return due
}
