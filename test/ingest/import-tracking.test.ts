import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { planTracking, type TrackableRun } from '../../src/ingest/import-tracking.js'

const run = (id: number, date: string, status: TrackableRun['status'], startedAt: number | null = id * 1000): TrackableRun => ({
  id, date, status, startedAt, trackingLine: null,
})

describe('planTracking', () => {
  it('pairs the n-th line of a date and outcome with the n-th run of that date, in start order', () => {
    const plan = planTracking(
      [run(2, '2026-03-02', 'success', 9000), run(1, '2026-03-02', 'success', 1000)],
      [{ date: '2026-03-02', status: 'success', line: 1 }, { date: '2026-03-02', status: 'success', line: 2 }],
    )
    assert.deepEqual(plan.matches.map((m) => [m.runId, m.line]), [[1, 1], [2, 2]])
    assert.deepEqual(plan.trackingOnly, [])
  })

  it('keeps a line without a run of the same date and outcome as tracking-only, under a stable key', () => {
    const plan = planTracking(
      [run(1, '2026-03-02', 'success')],
      [{ date: '2026-03-02', status: 'failed', line: 1 }, { date: '2026-03-02', status: 'success', line: 2 }],
    )
    assert.deepEqual(plan.matches.map((m) => m.runId), [1])
    assert.deepEqual(plan.trackingOnly, [{ key: 'tracking|2026-03-02|failed|1', date: '2026-03-02', status: 'failed', line: 1 }])
    assert.deepEqual(plan.matchedKeys, ['tracking|2026-03-02|success|1'])
  })

  it('never matches an interrupted or running run', () => {
    const plan = planTracking([run(1, '2026-03-02', 'interrupted'), run(2, '2026-03-03', 'running')], [
      { date: '2026-03-02', status: 'success', line: 1 },
    ])
    assert.deepEqual(plan.matches, [])
    assert.equal(plan.trackingOnly.length, 1)
  })

  it('gives a run without a readable date the only fitting line between its neighbours', () => {
    const plan = planTracking(
      [run(1, '2026-03-01', 'success'), run(2, '', 'failed', null), run(3, '2026-03-04', 'success')],
      [
        { date: '2026-03-01', status: 'success', line: 1 },
        { date: '2026-03-02', status: 'failed', line: 2 },
        { date: '2026-03-04', status: 'success', line: 3 },
        { date: '2026-03-09', status: 'failed', line: 4 },
      ],
    )
    assert.deepEqual(plan.matches.find((m) => m.runId === 2), { runId: 2, line: 2, date: '2026-03-02' })
    assert.deepEqual(plan.trackingOnly.map((t) => t.line), [4])
  })
})
