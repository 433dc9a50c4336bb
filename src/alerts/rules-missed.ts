import { expectedRuns } from '../schedule/describe.js'
import type { AlertSchedule, RulesInput } from './rules-input.js'
import { DAY_MS, MINUTE_MS, localDate } from './rules-time.js'
import type { AlertDecision, AlertRun } from './types.js'

/** Slots older than this are not looked at: a missed run is news for a week at most. */
const LOOKBACK_MS = 7 * DAY_MS
/** The newest slots looked at per schedule, so that a `* * * * *` schedule stays cheap. */
const MAX_SLOTS = 200
/** cron may start a little early by the log's clock (skew, a script that sleeps less). */
const EARLY_START_MS = 15 * MINUTE_MS

/** The newest (at most MAX_SLOTS) slots with from < t <= to; [] for a schedule cron would refuse. */
function dueSlots(expression: string, zone: string, from: number, to: number): number[] {
  try {
    const first = expectedRuns(expression, zone, from, to, { limit: MAX_SLOTS })
    if (first.length < MAX_SLOTS) return first
    // Dense schedule: look again over a span of the same length ending at `to`, keep the newest.
    const span = first[first.length - 1]! - from
    return expectedRuns(expression, zone, Math.max(from, to - span), to, { limit: 2 * MAX_SLOTS }).slice(-MAX_SLOTS)
  } catch {
    // A schedule that cannot be read is shown as such on the schedules page; it promises nothing here.
    return []
  }
}

type Evidence = { starts: number[]; undatedDays: Set<string> }

/** What counts as "a backup ran": any backup run, whatever its status or trigger. */
function backupEvidence(runs: readonly AlertRun[]): Evidence {
  const starts: number[] = []
  const undatedDays = new Set<string>()
  for (const run of runs) {
    if (run.kind !== 'backup') continue
    if (run.startedAt !== null) starts.push(run.startedAt)
    else undatedDays.add(run.date)
  }
  return { starts, undatedDays }
}

function ranFor(slot: number, graceMs: number, zone: string, evidence: Evidence): boolean {
  if (evidence.starts.some((start) => start >= slot - EARLY_START_MS && start <= slot + graceMs)) return true
  // A run known only from the tracking file has a date and no time: its day is all we can match.
  return evidence.undatedDays.has(localDate(slot, zone))
}

function missedFor(schedule: AlertSchedule, input: RulesInput, evidence: Evidence): AlertDecision[] {
  const { now, zone, followingSince } = input
  const graceMs = Math.max(0, input.settings.graceSeconds) * 1000
  const from = Math.max(followingSince, schedule.firstSeenAt, now - LOOKBACK_MS)
  return dueSlots(schedule.expression, zone, from, now - graceMs)
    .filter((slot) => !ranFor(slot, graceMs, zone, evidence))
    .map((slot) => ({
      key: `missed:${schedule.label}:${new Date(slot).toISOString()}`,
      event: 'missed' as const,
      occurredAt: slot,
      runId: null,
      facts: { expectedAt: slot, job: schedule.label },
    }))
}

/**
 * missed alerts: every slot of every schedule that came due after RePlexOn started
 * following (and after the schedule was first seen), whose grace has passed, with no
 * backup started between 15 minutes before it and the end of its grace.
 */
export function missedDecisions(input: RulesInput): AlertDecision[] {
  const evidence = backupEvidence(input.runs)
  return input.schedules.flatMap((schedule) => missedFor(schedule, input, evidence))
}
