import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { decideAlerts } from '../../src/alerts/rules.js'
import type { EmittedAlert } from '../../src/alerts/rules.js'
import type { AlertRun } from '../../src/alerts/types.js'
import { at, given, keysOf, only, run } from './rules-fixtures.js'

const HOUR = 3_600_000

/** The alert the outbox stored for a failed or interrupted run, a minute after it ended. */
function sent(event: 'failed' | 'interrupted' | 'hung', r: AlertRun, occurredAt = r.finishedAt ?? r.startedAt!): EmittedAlert {
  return { key: `${event}:run:${r.id}`, event, occurredAt, createdAt: occurredAt + 60_000 }
}

const fail1 = run(1, '2026-11-25T03:00', { status: 'failed' })
const fail2 = run(2, '2026-11-26T03:00', { status: 'failed' })
const ok3 = run(3, '2026-11-27T03:00')
const ok4 = run(4, '2026-11-28T03:00')
const now = at('2026-11-28T12:00')

describe('alert rules: recovery', () => {
  it('sends one recovery for a streak of failures, on the first success after them', () => {
    const decisions = decideAlerts(given({ now, runs: [fail1, fail2, ok3, ok4], emitted: [sent('failed', fail1), sent('failed', fail2)] }))
    const recovered = only(decisions, 'recovered')
    assert.equal(recovered.key, 'recovered:run:3')
    assert.equal(recovered.runId, 3)
    assert.equal(recovered.occurredAt, ok3.finishedAt)
    assert.deepEqual(recovered.facts, { problemKey: 'failed:run:1', problemEvent: 'failed', problemSince: fail1.finishedAt, run: ok3 })
  })

  it('waits until the problem alert is in the outbox', () => {
    assert.deepEqual(keysOf(decideAlerts(given({ now, runs: [fail1, ok3] })), 'recovered'), [])
  })

  it('does not count a success from before the problem', () => {
    const ok0 = run(0, '2026-11-24T03:00')
    assert.deepEqual(keysOf(decideAlerts(given({ now: at('2026-11-25T12:00'), runs: [ok0, fail1], emitted: [sent('failed', fail1)] })), 'recovered'), [])
  })

  it('starts a new streak after a recovery', () => {
    const fail5 = run(5, '2026-11-29T03:00', { status: 'failed' })
    const ok6 = run(6, '2026-11-30T03:00')
    const emitted = [sent('failed', fail1), sent('failed', fail2), { key: 'recovered:run:3', event: 'recovered' as const, occurredAt: ok3.finishedAt!, createdAt: ok3.finishedAt! + 60_000 }, sent('failed', fail5)]
    const decisions = decideAlerts(given({ now: at('2026-11-30T12:00'), runs: [fail1, fail2, ok3, ok4, fail5, ok6], emitted }))
    assert.deepEqual(keysOf(decisions, 'recovered'), ['recovered:run:3', 'recovered:run:6'])
    assert.equal(decisions.find((d) => d.key === 'recovered:run:6')!.facts.problemKey, 'failed:run:5')
  })

  it('recovers from a missed run with the next successful backup', () => {
    const missed = { key: 'missed:Nightly:2026-11-27T02:00:00.000Z', event: 'missed' as const, occurredAt: at('2026-11-27T03:00'), createdAt: at('2026-11-27T05:00') }
    const late = run(9, '2026-11-27T08:00', { triggeredBy: 'manual' })
    const recovered = only(decideAlerts(given({ now, runs: [late], emitted: [missed] })), 'recovered')
    assert.deepEqual([recovered.key, recovered.facts.problemEvent], ['recovered:run:9', 'missed'])
  })

  it('counts a hung run that finally succeeds as its own recovery', () => {
    const slow = run(7, '2026-11-27T03:00', { durationSeconds: 5 * 3600 })
    const decisions = decideAlerts(given({ now, runs: [slow], emitted: [sent('hung', slow, slow.startedAt! + HOUR)] }))
    assert.equal(only(decisions, 'recovered').key, 'recovered:run:7')
  })

  it('does not treat a failed snapshot as a backup problem that a good backup recovers', () => {
    const snapshot = run(8, '2026-11-26T03:40', { kind: 'snapshot', status: 'failed' })
    assert.deepEqual(keysOf(decideAlerts(given({ now, runs: [snapshot, ok3], emitted: [sent('failed', snapshot)] })), 'recovered'), [])
  })
})

describe('alert rules: reminders', () => {
  const problem = sent('failed', fail2) // created 2026-11-26 03:31
  const remind = (at: number, runs: AlertRun[] = [fail1, fail2], emitted: EmittedAlert[] = [sent('failed', fail1), problem]) =>
    decideAlerts(given({ now: at, runs, emitted }, { reminderHours: 6 })).filter((d) => d.event === 'reminder')

  it('reminds every few hours after the latest problem alert while it lasts', () => {
    assert.deepEqual(remind(problem.createdAt + 6 * HOUR - 1), [])
    const [first] = remind(problem.createdAt + 6 * HOUR)
    assert.equal(first!.key, 'reminder:failed:run:2:1')
    assert.equal(first!.occurredAt, problem.createdAt + 6 * HOUR)
    assert.equal(first!.runId, 2)
    assert.deepEqual(first!.facts, { run: fail2, problemKey: 'failed:run:2', problemEvent: 'failed', problemSince: fail1.finishedAt })
  })

  it('sends only the latest reminder after a long silence', () => {
    assert.deepEqual(keysOf(remind(problem.createdAt + 40 * HOUR)), ['reminder:failed:run:2:6'])
  })

  it('stops once a backup has succeeded', () => {
    assert.deepEqual(remind(problem.createdAt + 30 * HOUR, [fail1, fail2, ok3]), [])
  })

  it('stops once a recovery was sent, even when its run has left the window', () => {
    const recovery = { key: 'recovered:run:3', event: 'recovered' as const, occurredAt: ok3.finishedAt!, createdAt: ok3.finishedAt! }
    assert.deepEqual(remind(problem.createdAt + 30 * HOUR, [], [problem, recovery]), [])
  })

  it('reminds about a missed run with the job and the slot it missed', () => {
    const missed = { key: 'missed:Nightly: Plex:2026-11-27T02:00:00.000Z', event: 'missed' as const, occurredAt: at('2026-11-27T03:00'), createdAt: at('2026-11-27T05:00') }
    const [reminder] = remind(at('2026-11-27T11:00'), [], [missed])
    assert.equal(reminder!.key, 'reminder:missed:Nightly: Plex:2026-11-27T02:00:00.000Z:1')
    assert.equal(reminder!.runId, null)
    assert.deepEqual(reminder!.facts, { job: 'Nightly: Plex', expectedAt: at('2026-11-27T03:00'), problemKey: missed.key, problemEvent: 'missed', problemSince: missed.occurredAt })
  })

  it('sends no reminders unless they are asked for', () => {
    const decisions = decideAlerts(given({ now: problem.createdAt + 30 * HOUR, runs: [fail2], emitted: [problem] }))
    assert.deepEqual(keysOf(decisions, 'reminder'), [])
  })
})
