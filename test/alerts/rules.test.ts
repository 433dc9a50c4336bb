import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { DateTime } from 'luxon'
import { decideAlerts, hungLimitSeconds } from '../../src/alerts/rules.js'
import { at, given, keysOf, only, run, trackedRun } from './rules-fixtures.js'

const now = at('2026-11-27T12:00')

describe('alert rules: failed, interrupted and hung runs', () => {
  it('alerts a failed backup once under its run id, with the run as facts and its end as the time', () => {
    const failed = run(7, '2026-11-27T03:00', { status: 'failed', exitCode: 23, error: 'rsync error: some files were not transferred' })
    const decision = only(decideAlerts(given({ now, runs: [failed] })), 'failed')
    assert.equal(decision.key, 'failed:run:7')
    assert.equal(decision.runId, 7)
    assert.equal(decision.occurredAt, failed.finishedAt)
    assert.deepEqual(decision.facts.run, failed)
  })

  it('alerts a failed snapshot, clean-up or config backup too', () => {
    const runs = [
      run(1, '2026-11-27T03:40', { kind: 'snapshot', status: 'failed' }),
      run(2, '2026-11-27T03:50', { kind: 'cleanup', status: 'failed' }),
      run(3, '2026-11-27T04:00', { kind: 'config_backup', status: 'failed' }),
    ]
    assert.deepEqual(keysOf(decideAlerts(given({ now, runs })), 'failed'), ['failed:run:1', 'failed:run:2', 'failed:run:3'])
  })

  it('alerts an interrupted run at its start when it has no end', () => {
    const killed = run(8, '2026-11-27T03:00', { status: 'interrupted' })
    const decision = only(decideAlerts(given({ now, runs: [killed] })), 'interrupted')
    assert.equal(decision.key, 'interrupted:run:8')
    assert.equal(decision.occurredAt, killed.startedAt)
  })

  it('dates a failure known only from the tracking file at the end of its local day', () => {
    const decision = only(decideAlerts(given({ now, runs: [trackedRun(9, '2026-11-27', 'failed')] })), 'failed')
    assert.equal(decision.occurredAt, at('2026-11-27T23:59:59.999'))
  })

  it('says nothing about successful runs', () => {
    assert.deepEqual(decideAlerts(given({ now, runs: [run(1, '2026-11-27T03:00')] })), [])
  })

  it('treats an import of old failures as history, not news', () => {
    const followingSince = at('2026-11-27T10:00')
    const runs = [
      run(1, '2026-11-20T03:00', { status: 'failed' }),
      run(2, '2026-11-25T03:00', { status: 'interrupted' }),
      trackedRun(3, '2026-11-26', 'failed'),
      run(4, '2026-11-27T03:00', { status: 'failed' }),
    ]
    assert.deepEqual(decideAlerts(given({ now, followingSince, runs })), [])
  })

  it('alerts a failure that ended after following began even when it started before', () => {
    const followingSince = at('2026-11-27T03:10')
    const runs = [run(4, '2026-11-27T03:00', { status: 'failed', durationSeconds: 1200 })]
    assert.deepEqual(keysOf(decideAlerts(given({ now, followingSince, runs }))), ['failed:run:4'])
  })

  it('decides the same alerts whatever order the runs come in, however often', () => {
    const runs = [
      run(1, '2026-11-25T03:00', { status: 'failed' }),
      run(2, '2026-11-26T03:00', { status: 'interrupted' }),
      run(3, '2026-11-27T03:00', { status: 'running' }),
    ]
    const first = decideAlerts(given({ now, runs }, { hungAfterSeconds: 3600 }))
    const again = decideAlerts(given({ now, runs: [...runs, ...runs].reverse() }, { hungAfterSeconds: 3600 }))
    assert.deepEqual(again, first)
    assert.deepEqual(keysOf(first), ['failed:run:1', 'interrupted:run:2', 'hung:run:3'])
  })
})

describe('alert rules: hung runs', () => {
  /** One successful nightly backup per day, the last on 2026-11-26, lasting the given minutes. */
  const history = (minutes: number[]) =>
    minutes.map((m, i) => {
      const day = DateTime.fromISO('2026-11-26T03:00').minus({ days: minutes.length - 1 - i })
      return run(100 + i, day.toFormat("yyyy-LL-dd'T'HH:mm"), { durationSeconds: m * 60 })
    })

  it('waits an hour by default when there is no successful backup to learn from', () => {
    const running = run(1, '2026-11-27T11:00', { status: 'running' })
    assert.equal(hungLimitSeconds(given({ now, runs: [running] })), 3600)
    assert.deepEqual(decideAlerts(given({ now, runs: [running] })), [])
    const later = decideAlerts(given({ now: now + 60_000, runs: [running] }))
    assert.deepEqual(keysOf(later), ['hung:run:1'])
  })

  it('warns of a run that was already going when following began once it crosses the limit afterwards, not before', () => {
    const running = run(1, '2026-11-27T10:00', { status: 'running' })
    const crossesAfter = decideAlerts(given({ now: at('2026-11-27T11:30'), followingSince: at('2026-11-27T10:30'), runs: [running] }))
    assert.deepEqual(keysOf(crossesAfter), ['hung:run:1'])
    const crossedBefore = decideAlerts(given({ now: at('2026-11-27T11:30'), followingSince: at('2026-11-27T11:10'), runs: [running] }))
    assert.deepEqual(keysOf(crossedBefore), [])
  })

  it('allows three times the median of the last 30 successful backups when that is longer than an hour', () => {
    // 40 runs: the first ten (5 min) are older than the last 30 (30 and 40 min, median 35 min).
    const runs = history([...Array<number>(10).fill(5), ...Array<number>(15).fill(30), ...Array<number>(15).fill(40)])
    const limit = hungLimitSeconds(given({ now, runs }))
    assert.equal(limit, 3 * 35 * 60)
    const running = run(1, '2026-11-27T10:30', { status: 'running' })
    const decisions = decideAlerts(given({ now, runs: [...runs, running] }))
    assert.deepEqual(keysOf(decisions, 'hung'), [])
    const hung = only(decideAlerts(given({ now: at('2026-11-27T12:16'), runs: [...runs, running] })), 'hung')
    assert.equal(hung.facts.limitSeconds, 105 * 60)
    assert.equal(hung.facts.runningForSeconds, 106 * 60)
    assert.equal(hung.occurredAt, at('2026-11-27T12:15'))
  })

  it('never sets the automatic limit under an hour', () => {
    assert.equal(hungLimitSeconds(given({ now, runs: history([5, 6, 7]) })), 3600)
  })

  it('uses the configured limit when there is one', () => {
    const running = run(1, '2026-11-27T11:30', { status: 'running' })
    const settings = { hungAfterSeconds: 30 * 60 }
    assert.deepEqual(decideAlerts(given({ now, runs: [running] }, settings)), [])
    const hung = only(decideAlerts(given({ now: now + 60_000, runs: [running] }, settings)), 'hung')
    assert.equal(hung.key, 'hung:run:1')
    assert.equal(hung.facts.limitSeconds, 1800)
  })

  it('does not call a running run without a start time hung', () => {
    assert.deepEqual(decideAlerts(given({ now, runs: [trackedRun(1, '2026-11-20', 'running')] })), [])
  })
})
