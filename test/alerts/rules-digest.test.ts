import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { decideAlerts } from '../../src/alerts/rules.js'
import { at, given, keysOf, only, run, trackedRun } from './rules-fixtures.js'

const mondayAt8 = { digest: { weekday: 1, hour: 8 } }
const nightly = { label: 'Nightly', expression: '0 3 * * *', firstSeenAt: 0 }

describe('alert rules: weekly digest', () => {
  it('is due once the local weekday and hour have passed, keyed by ISO week', () => {
    const followingSince = at('2026-11-25T00:00')
    assert.deepEqual(keysOf(decideAlerts(given({ now: at('2026-11-30T07:59'), followingSince }, mondayAt8))), [])
    const digest = only(decideAlerts(given({ now: at('2026-11-30T08:00'), followingSince }, mondayAt8)), 'digest')
    assert.equal(digest.key, 'digest:2026-W49')
    assert.equal(digest.occurredAt, at('2026-11-30T08:00'))
    assert.equal(digest.runId, null)
  })

  it('keeps deciding the same digest for the rest of the week', () => {
    const keys = ['2026-12-01T00:00', '2026-12-06T23:59', '2026-12-07T07:59'].map((t) => keysOf(decideAlerts(given({ now: at(t) }, mondayAt8))))
    assert.deepEqual(keys, [['digest:2026-W49'], ['digest:2026-W49'], ['digest:2026-W49']])
  })

  it('sends no digest for a week whose digest time came before following began', () => {
    const decisions = decideAlerts(given({ now: at('2026-11-30T09:00'), followingSince: at('2026-11-30T08:30') }, mondayAt8))
    assert.deepEqual(decisions, [])
  })

  it('names the ISO week across a new year', () => {
    const sundayEvening = { digest: { weekday: 7, hour: 20 } }
    assert.deepEqual(keysOf(decideAlerts(given({ now: at('2027-01-03T21:00') }, sundayEvening))), ['digest:2026-W53'])
  })

  it('keeps its local hour across the spring DST change', () => {
    const digest = only(decideAlerts(given({ now: at('2026-03-30T08:00') }, mondayAt8)), 'digest')
    assert.equal(new Date(digest.occurredAt).toISOString(), '2026-03-30T06:00:00.000Z')
    assert.equal(new Date(digest.facts.digest!.from).toISOString(), '2026-03-23T07:00:00.000Z')
  })

  it('sums up the week: runs, failures, success rate, size and the next run', () => {
    const GB = 1_000_000_000
    const runs = [
      run(1, '2026-11-22T03:00', { totalSizeBytes: 100 * GB }), // before the week: the baseline
      run(2, '2026-11-24T03:00', { totalSizeBytes: 101 * GB }),
      run(3, '2026-11-25T03:00', { status: 'failed', totalSizeBytes: 5 * GB }),
      run(4, '2026-11-26T03:00', { status: 'interrupted' }),
      trackedRun(5, '2026-11-27'),
      run(6, '2026-11-29T03:00', { totalSizeBytes: 103 * GB }),
      run(7, '2026-11-29T03:40', { kind: 'snapshot' }),
    ]
    const now = at('2026-11-30T08:00')
    const digest = only(decideAlerts(given({ now, runs, schedules: [nightly] }, mondayAt8)), 'digest')
    assert.deepEqual(digest.facts.digest, {
      from: at('2026-11-23T08:00'),
      to: now,
      runs: 5,
      failures: 2,
      successRate: 3 / 5,
      latestSizeBytes: 103 * GB,
      sizeChangeBytes: 3 * GB,
      nextRunAt: at('2026-12-01T03:00'),
    })
  })

  it('leaves the rate and size change unknown for a week without backups', () => {
    const digest = only(decideAlerts(given({ now: at('2026-11-30T08:00') }, mondayAt8)), 'digest')
    assert.deepEqual(digest.facts.digest, { from: at('2026-11-23T08:00'), to: at('2026-11-30T08:00'), runs: 0, failures: 0, successRate: null, latestSizeBytes: null, sizeChangeBytes: null, nextRunAt: null })
  })

  it('sends no digest unless one is asked for', () => {
    assert.deepEqual(decideAlerts(given({ now: at('2026-11-30T08:00') })), [])
  })
})
