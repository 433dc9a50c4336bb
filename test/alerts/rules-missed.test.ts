import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { decideAlerts } from '../../src/alerts/rules.js'
import type { AlertSchedule } from '../../src/alerts/rules.js'
import { at, given, keysOf, run, trackedRun } from './rules-fixtures.js'

const nightly: AlertSchedule = { label: 'Nightly Plex backup', expression: '0 3 * * *', firstSeenAt: at('2026-01-01T00:00') }
const schedules = [nightly]
/** Successful nightly runs on Nov 21-26, so that only Nov 27 is in question. */
const earlierNights = [21, 22, 23, 24, 25, 26].map((d) => run(d, `2026-11-${d}T03:00`))
const missedKeys = (now: number, runs = earlierNights, extra: Parameters<typeof given>[0] = { now }) =>
  keysOf(decideAlerts(given({ schedules, runs, ...extra, now })), 'missed')
const nov27 = 'missed:Nightly Plex backup:2026-11-27T02:00:00.000Z'

describe('alert rules: missed runs', () => {
  it('alerts a slot with no backup once its grace has passed, keyed by job and UTC time', () => {
    const decisions = decideAlerts(given({ now: at('2026-11-27T12:00'), schedules, runs: earlierNights }))
    assert.deepEqual(keysOf(decisions), [nov27])
    assert.equal(decisions[0]!.occurredAt, at('2026-11-27T03:00'))
    assert.deepEqual(decisions[0]!.facts, { expectedAt: at('2026-11-27T03:00'), job: 'Nightly Plex backup' })
    assert.equal(decisions[0]!.runId, null)
  })

  it('waits for the grace period before calling a slot missed', () => {
    assert.deepEqual(missedKeys(at('2026-11-27T04:59')), [])
    assert.deepEqual(missedKeys(at('2026-11-27T05:00')), [nov27])
  })

  it('counts a late start within the grace period, not one after it', () => {
    assert.deepEqual(missedKeys(at('2026-11-27T12:00'), [...earlierNights, run(1, '2026-11-27T05:00')]), [])
    assert.deepEqual(missedKeys(at('2026-11-27T12:00'), [...earlierNights, run(1, '2026-11-27T05:01')]), [nov27])
  })

  it('counts a start up to 15 minutes early, for clock skew', () => {
    assert.deepEqual(missedKeys(at('2026-11-27T12:00'), [...earlierNights, run(1, '2026-11-27T02:45')]), [])
    assert.deepEqual(missedKeys(at('2026-11-27T12:00'), [...earlierNights, run(1, '2026-11-27T02:44')]), [nov27])
  })

  it('counts a backup of any status or trigger, but not a snapshot', () => {
    const now = at('2026-11-27T12:00')
    assert.deepEqual(missedKeys(now, [...earlierNights, run(1, '2026-11-27T03:00', { status: 'failed' })]), [])
    assert.deepEqual(missedKeys(now, [...earlierNights, run(1, '2026-11-27T03:05', { status: 'running' })]), [])
    assert.deepEqual(missedKeys(now, [...earlierNights, run(1, '2026-11-27T03:30', { triggeredBy: 'manual' })]), [])
    assert.deepEqual(missedKeys(now, [...earlierNights, run(1, '2026-11-27T03:00', { kind: 'snapshot' })]), [nov27])
  })

  it('counts a run known only from the tracking file on the slot’s local date', () => {
    const now = at('2026-11-27T12:00')
    assert.deepEqual(missedKeys(now, [...earlierNights, trackedRun(1, '2026-11-27')]), [])
    assert.deepEqual(missedKeys(now, [...earlierNights, trackedRun(1, '2026-11-28')]), [nov27])
  })

  it('does not alert a new schedule before its first slot', () => {
    const fresh = { ...nightly, firstSeenAt: at('2026-11-27T10:00') }
    assert.deepEqual(keysOf(decideAlerts(given({ now: at('2026-11-28T04:59'), schedules: [fresh] }))), [])
    assert.deepEqual(keysOf(decideAlerts(given({ now: at('2026-11-28T05:00'), schedules: [fresh] }))), [
      'missed:Nightly Plex backup:2026-11-28T02:00:00.000Z',
    ])
  })

  it('says nothing about slots at or before the moment following began', () => {
    const now = at('2026-11-27T12:00')
    assert.deepEqual(missedKeys(now, [], { now, followingSince: at('2026-11-27T03:00') }), [])
    assert.deepEqual(missedKeys(now, [], { now, followingSince: at('2026-11-27T02:59') }), [nov27])
  })

  it('looks back one week at most', () => {
    const keys = missedKeys(at('2026-11-27T12:00'), [])
    assert.deepEqual(keys, [21, 22, 23, 24, 25, 26, 27].map((d) => `missed:Nightly Plex backup:2026-11-${d}T02:00:00.000Z`))
  })

  it('bounds the slots of a very dense schedule to the newest', () => {
    const now = at('2026-11-27T12:00')
    const everyMinute = { label: 'Busy', expression: '* * * * *', firstSeenAt: 0 }
    const missed = decideAlerts(given({ now, schedules: [everyMinute] }, { graceSeconds: 0 }))
    assert.equal(missed.length, 200)
    assert.equal(missed[missed.length - 1]!.occurredAt, now)
  })

  it('expects nothing from @reboot and skips a schedule cron would refuse', () => {
    const odd = [
      { label: 'Boot', expression: '@reboot', firstSeenAt: 0 },
      { label: 'Broken', expression: '61 3 * * *', firstSeenAt: 0 },
    ]
    assert.deepEqual(decideAlerts(given({ now: at('2026-11-27T12:00'), schedules: odd })), [])
  })

  it('understands macros such as @daily', () => {
    const daily = { label: 'Daily', expression: '@daily', firstSeenAt: at('2026-11-26T12:00') }
    assert.deepEqual(keysOf(decideAlerts(given({ now: at('2026-11-27T12:00'), schedules: [daily] }))), [
      'missed:Daily:2026-11-26T23:00:00.000Z',
    ])
  })
})
