import type { RulesInput } from './rules-input.js'
import { digestDecision } from './rules-digest.js'
import { missedDecisions } from './rules-missed.js'
import { runProblemDecisions } from './rules-runs.js'
import { streakDecisions } from './rules-streak.js'
import type { AlertDecision } from './types.js'

export type { AlertSchedule, AlertSettings, EmittedAlert, RulesInput } from './rules-input.js'
export { hungLimitSeconds } from './rules-runs.js'

/**
 * Every alert that should exist at `input.now`, each under a stable natural key, oldest
 * first. Pure and deterministic: called every minute and after each ingest with the runs
 * and the already-emitted alerts of the last weeks; the outbox keeps each key once, so
 * deciding an alert again is harmless. Nothing is decided about a run or a slot from
 * before `followingSince`: an import of old history is not news.
 *
 * - failed / interrupted: each such run (any kind).
 * - hung: a running run past the hung limit (see hungLimitSeconds).
 * - missed: a schedule slot with no backup started in [slot - 15 min, slot + grace].
 * - recovered: the first successful backup after a streak of backup problem alerts.
 * - reminder: the latest unresolved problem, every `reminderHours` after it was sent.
 * - digest: the weekly summary, once its local weekday and hour have passed.
 */
export function decideAlerts(input: RulesInput): AlertDecision[] {
  const all = [...runProblemDecisions(input), ...missedDecisions(input), ...streakDecisions(input)]
  const digest = digestDecision(input)
  if (digest) all.push(digest)
  const byKey = new Map<string, AlertDecision>()
  for (const decision of all) if (!byKey.has(decision.key)) byKey.set(decision.key, decision)
  return [...byKey.values()].sort((a, b) => a.occurredAt - b.occurredAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
}
