import type { EmittedAlert, RulesInput } from './rules-input.js'
import { HOUR_MS, byRunTime } from './rules-time.js'
import type { AlertDecision, AlertEvent, AlertFacts, AlertRun } from './types.js'

const PROBLEM_EVENTS: ReadonlySet<AlertEvent> = new Set(['failed', 'missed', 'hung', 'interrupted'])

/** The run a run-based alert is about, from its key (`failed:run:42`). */
export function runIdOfKey(key: string): number | null {
  const m = /^(?:failed|interrupted|hung):run:(\d+)$/.exec(key)
  return m ? Number(m[1]) : null
}

/** The slot and job of a missed alert, from its key (`missed:<label>:<ISO>`). */
function missedOfKey(key: string): { job: string; expectedAt: number } | null {
  const m = /^missed:(.*):(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)$/.exec(key)
  return m ? { job: m[1]!, expectedAt: Date.parse(m[2]!) } : null
}

/**
 * The alerts that start or extend a backup problem streak. A failed snapshot, clean-up or
 * config backup is alerted on its own but is not a backup problem that a good backup "recovers".
 */
function backupProblems(input: RulesInput, runsById: ReadonlyMap<number, AlertRun>): EmittedAlert[] {
  return input.emitted
    .filter((alert) => {
      if (!PROBLEM_EVENTS.has(alert.event)) return false
      const runId = runIdOfKey(alert.key)
      const run = runId === null ? undefined : runsById.get(runId)
      return run === undefined || run.kind === 'backup'
    })
    .sort((a, b) => a.occurredAt - b.occurredAt || a.createdAt - b.createdAt || a.key.localeCompare(b.key))
}

/** Facts about a problem for a reminder: its run, or the slot it missed. */
function problemFacts(problem: EmittedAlert, runsById: ReadonlyMap<number, AlertRun>): { runId: number | null; facts: AlertFacts } {
  const runId = runIdOfKey(problem.key)
  const run = runId === null ? undefined : runsById.get(runId)
  if (run) return { runId: run.id, facts: { run } }
  const missed = missedOfKey(problem.key)
  return { runId, facts: missed ?? {} }
}

/**
 * recovered and reminder alerts. A successful backup after one or more problem alerts is
 * one recovery for that whole streak; while the latest problem has no success after it, a
 * reminder is due every `reminderHours` after that alert was created (only the latest one).
 */
export function streakDecisions(input: RulesInput): AlertDecision[] {
  const runsById = new Map(input.runs.map((run) => [run.id, run]))
  const problems = backupProblems(input, runsById)
  if (problems.length === 0) return []
  const successes = byRunTime(input.runs, input.zone).filter(
    ({ run, time }) => run.kind === 'backup' && run.status === 'success' && time >= input.followingSince,
  )
  // A recovery already sent also ends a streak, even once its run has left the window.
  const resolutions = [...successes.map((s) => s.time), ...input.emitted.filter((a) => a.event === 'recovered').map((a) => a.occurredAt)]
  const lastResolutionBefore = (t: number) => Math.max(-Infinity, ...resolutions.filter((r) => r < t))
  const streakBefore = (t: number) => {
    const since = lastResolutionBefore(t)
    return problems.filter((p) => p.occurredAt >= since && p.occurredAt < t)
  }

  const decisions: AlertDecision[] = []
  for (const { run, time } of successes) {
    const first = streakBefore(time)[0]
    if (!first) continue
    decisions.push({
      key: `recovered:run:${run.id}`,
      event: 'recovered',
      occurredAt: time,
      runId: run.id,
      facts: { problemKey: first.key, problemEvent: first.event, problemSince: first.occurredAt, run },
    })
  }

  const hours = input.settings.reminderHours
  const latest = problems[problems.length - 1]!
  if (hours === null || !(hours > 0) || resolutions.some((r) => r > latest.occurredAt)) return decisions
  const interval = hours * HOUR_MS
  const n = Math.floor((input.now - latest.createdAt) / interval)
  if (n < 1) return decisions
  const since = streakBefore(latest.occurredAt + 1)[0] ?? latest
  const { runId, facts } = problemFacts(latest, runsById)
  decisions.push({
    key: `reminder:${latest.key}:${n}`,
    event: 'reminder',
    occurredAt: latest.createdAt + n * interval,
    runId,
    facts: { ...facts, problemKey: latest.key, problemEvent: latest.event, problemSince: since.occurredAt },
  })
  return decisions
}
