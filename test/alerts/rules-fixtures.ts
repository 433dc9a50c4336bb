import { DateTime } from 'luxon'
import type { AlertDecision, AlertEvent, AlertRun } from '../../src/alerts/types.js'
import type { AlertSettings, EmittedAlert, RulesInput } from '../../src/alerts/rules.js'

export const BERLIN = 'Europe/Berlin'

/** An instant from a local wall time in `zone` ("2026-11-27T03:00"). */
export function at(local: string, zone = BERLIN): number {
  const t = DateTime.fromISO(local, { zone })
  if (!t.isValid) throw new Error(`bad time in a test: ${local}`)
  return t.toMillis()
}

/** The local wall time of an instant, as a reader of the test checks it. */
export function wall(epochMs: number, zone = BERLIN): string {
  return DateTime.fromMillis(epochMs, { zone }).toFormat("yyyy-LL-dd'T'HH:mm ZZ")
}

/** A backup run that started at a local time; it ends `durationSeconds` later unless still running or interrupted. */
export function run(id: number, startLocal: string, fields: Partial<AlertRun> = {}, zone = BERLIN): AlertRun {
  const startedAt = at(startLocal, zone)
  const status = fields.status ?? 'success'
  const durationSeconds = fields.durationSeconds ?? 1800
  const ended = status === 'success' || status === 'failed'
  return {
    id,
    kind: 'backup',
    status,
    date: startLocal.slice(0, 10),
    startedAt,
    finishedAt: ended ? startedAt + durationSeconds * 1000 : null,
    durationSeconds: ended ? durationSeconds : null,
    exitCode: status === 'success' ? 0 : status === 'failed' ? 23 : null,
    sentBytes: 1_000_000,
    totalSizeBytes: 8_000_000_000,
    filesTransferred: 12,
    error: null,
    triggeredBy: 'cron',
    ...fields,
  }
}

/** A run known only from the tracking file: a date and a status, nothing else. */
export function trackedRun(id: number, date: string, status: AlertRun['status'] = 'success'): AlertRun {
  return {
    id,
    kind: 'backup',
    status,
    date,
    startedAt: null,
    finishedAt: null,
    durationSeconds: null,
    exitCode: null,
    sentBytes: null,
    totalSizeBytes: null,
    filesTransferred: null,
    error: null,
    triggeredBy: 'unknown',
  }
}

export const SETTINGS: AlertSettings = { graceSeconds: 2 * 3600, hungAfterSeconds: null, reminderHours: null, digest: null }

/** Rules input with nothing in it but what a test names. */
export function given(fields: Partial<RulesInput> & { now: number }, settings: Partial<AlertSettings> = {}): RulesInput {
  return {
    zone: BERLIN,
    followingSince: fields.now - 60 * 86_400_000,
    runs: [],
    schedules: [],
    emitted: [],
    ...fields,
    settings: { ...SETTINGS, ...settings },
  }
}

/** A decision as the outbox would have stored it, `createdAt` when it was enqueued. */
export function emitted(decision: AlertDecision, createdAt = decision.occurredAt): EmittedAlert {
  return { key: decision.key, event: decision.event, occurredAt: decision.occurredAt, createdAt }
}

export function keysOf(decisions: readonly AlertDecision[], event?: AlertEvent): string[] {
  return decisions.filter((d) => event === undefined || d.event === event).map((d) => d.key)
}

export function only(decisions: readonly AlertDecision[], event: AlertEvent): AlertDecision {
  const found = decisions.filter((d) => d.event === event)
  if (found.length !== 1) throw new Error(`expected one ${event} alert, got ${found.map((d) => d.key).join(', ') || 'none'}`)
  return found[0]!
}
