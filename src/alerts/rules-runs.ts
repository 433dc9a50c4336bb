import type { RulesInput } from './rules-input.js'
import { byRunTime, runTime } from './rules-time.js'
import type { AlertDecision, AlertRun } from './types.js'

const MIN_HUNG_SECONDS = 3600
const HUNG_SAMPLE = 30
const HUNG_FACTOR = 3

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/**
 * How long a run may run before it counts as hung: the configured limit, or automatically
 * 3x the median duration of the last 30 successful backups, never under an hour.
 */
export function hungLimitSeconds(input: Pick<RulesInput, 'runs' | 'zone' | 'settings'>): number {
  const explicit = input.settings.hungAfterSeconds
  if (explicit !== null && explicit > 0) return explicit
  const durations = byRunTime(input.runs, input.zone)
    .filter(({ run }) => run.kind === 'backup' && run.status === 'success' && run.durationSeconds !== null && run.durationSeconds >= 0)
    .slice(-HUNG_SAMPLE)
    .map(({ run }) => run.durationSeconds!)
  const typical = median(durations)
  return typical === null ? MIN_HUNG_SECONDS : Math.max(MIN_HUNG_SECONDS, Math.round(HUNG_FACTOR * typical))
}

function runDecision(event: 'failed' | 'interrupted', run: AlertRun, time: number): AlertDecision {
  return { key: `${event}:run:${run.id}`, event, occurredAt: time, runId: run.id, facts: { run } }
}

/**
 * failed, interrupted and hung alerts: one per run of any kind, never about a run that
 * happened before RePlexOn started following the logs.
 */
export function runProblemDecisions(input: RulesInput): AlertDecision[] {
  const { now, zone, followingSince } = input
  const limitSeconds = hungLimitSeconds(input)
  const decisions: AlertDecision[] = []
  for (const run of input.runs) {
    const time = runTime(run, zone)
    if ((run.status === 'failed' || run.status === 'interrupted') && time !== null && time >= followingSince) {
      decisions.push(runDecision(run.status, run, time))
    }
    // A run becomes hung when it crosses the limit: news when that happens after following began,
    // even for a run that was already going then.
    const startedAt = run.startedAt
    const crossedAt = startedAt === null ? null : startedAt + limitSeconds * 1000
    if (run.status === 'running' && startedAt !== null && crossedAt !== null && now > crossedAt && crossedAt >= followingSince) {
      decisions.push({
        key: `hung:run:${run.id}`,
        event: 'hung',
        // the moment it crossed the limit, so the alert says when it became a problem
        occurredAt: crossedAt,
        runId: run.id,
        facts: { run, runningForSeconds: Math.floor((now - startedAt) / 1000), limitSeconds },
      })
    }
  }
  return decisions
}
