import { DateTime, type WeekdayNumbers } from 'luxon'
import { expectedRuns } from '../schedule/describe.js'
import type { AlertSettings, RulesInput } from './rules-input.js'
import { DAY_MS, byRunTime } from './rules-time.js'
import type { AlertDecision, DigestFacts } from './types.js'

/** How far ahead the next run is looked for (a yearly schedule still has one). */
const NEXT_RUN_HORIZON_MS = 400 * DAY_MS

/** This week's digest time in `zone`, or last week's when this week's is still ahead of `now`. */
export function latestDigestTime(now: number, zone: string, at: NonNullable<AlertSettings['digest']>): DateTime | null {
  const valid = Number.isInteger(at.weekday) && at.weekday >= 1 && at.weekday <= 7 && Number.isInteger(at.hour) && at.hour >= 0 && at.hour <= 23
  if (!valid) return null
  const wall = { weekday: at.weekday as WeekdayNumbers, hour: at.hour, minute: 0, second: 0, millisecond: 0 }
  // Setting the wall time on each week separately keeps it right across DST changes.
  const thisWeek = DateTime.fromMillis(now, { zone }).set(wall)
  if (!thisWeek.isValid) return null
  return thisWeek.toMillis() <= now ? thisWeek : thisWeek.minus({ weeks: 1 }).set(wall)
}

function nextRunAt(input: RulesInput): number | null {
  let next: number | null = null
  for (const schedule of input.schedules) {
    try {
      const [first] = expectedRuns(schedule.expression, input.zone, input.now, input.now + NEXT_RUN_HORIZON_MS, { limit: 1 })
      if (first !== undefined && (next === null || first < next)) next = first
    } catch {
      // an unreadable schedule has no next run
    }
  }
  return next
}

/** The week (from, to] in numbers: backups, failures, success rate and how the size moved. */
export function digestFacts(input: RulesInput, from: number, to: number): DigestFacts {
  const backups = byRunTime(input.runs, input.zone).filter(({ run }) => run.kind === 'backup')
  const inWeek = backups.filter(({ time }) => time > from && time <= to).map(({ run }) => run)
  const successes = inWeek.filter((run) => run.status === 'success').length
  const failures = inWeek.filter((run) => run.status === 'failed' || run.status === 'interrupted').length
  // A failed run's "total size" can be a fraction of the data (missing source): sizes come from successes.
  const sized = backups.filter(({ run, time }) => run.status === 'success' && run.totalSizeBytes !== null && time <= to)
  const latest = sized[sized.length - 1]
  const baseline = sized.filter(({ time }) => time <= from).pop() ?? sized.find(({ time }) => time > from)
  // Unknown unless the week has a sized success and something earlier to compare it with.
  const change = latest && baseline && latest.time > from && baseline !== latest ? latest.run.totalSizeBytes! - baseline.run.totalSizeBytes! : null
  return {
    from,
    to,
    runs: inWeek.length,
    failures,
    successRate: successes + failures === 0 ? null : successes / (successes + failures),
    latestSizeBytes: latest?.run.totalSizeBytes ?? null,
    sizeChangeBytes: change,
    nextRunAt: nextRunAt(input),
  }
}

/** The weekly digest, once its time has come in this ISO week (and not before following began). */
export function digestDecision(input: RulesInput): AlertDecision | null {
  const at = input.settings.digest
  if (at === null) return null
  const time = latestDigestTime(input.now, input.zone, at)
  if (time === null || time.toMillis() < input.followingSince) return null
  const to = time.toMillis()
  const from = time.minus({ weeks: 1 }).toMillis()
  return {
    key: `digest:${time.toFormat("kkkk-'W'WW")}`,
    event: 'digest',
    occurredAt: to,
    runId: null,
    facts: { digest: digestFacts(input, from, to) },
  }
}
