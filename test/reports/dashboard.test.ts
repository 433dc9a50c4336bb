import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { ChartRow, RunView } from '../../src/db/repositories/run-reports.js'
import { chartSeries, dayStates, headline, MAX_CHART_POINTS, overdue, rangeStart } from '../../src/reports/dashboard.js'

const HOUR = 3600_000
const NOW = Date.parse('2026-03-10T12:00:00Z')

function run(over: Partial<RunView>): RunView {
  return {
    id: 1, kind: 'backup', jobName: 'Plex Backup', status: 'success', date: '2026-03-10', startedAt: null, finishedAt: null,
    durationSeconds: null, exitCode: null, sentBytes: null, receivedBytes: null, totalSizeBytes: null, filesTransferred: null,
    error: null, triggeredBy: 'cron', origin: 'both', sourceFile: null, sourceStart: null, sourceEnd: null, parentRunId: null,
    ...over,
  }
}

describe('dashboard rules', () => {
  it('says how long a running backup has been running', () => {
    const h = headline(run({ status: 'running', startedAt: NOW - 4 * 60_000 }), NOW)
    assert.equal(h.state, 'running')
    assert.equal(h.state === 'running' && h.runningForSeconds, 240)
  })

  it('dates a finished backup by its end, and a tracking-only one by nothing invented', () => {
    const done = headline(run({ startedAt: NOW - 7 * HOUR, finishedAt: NOW - 6 * HOUR }), NOW)
    assert.equal(done.state === 'success' && done.at, NOW - 6 * HOUR)
    const trackingOnly = headline(run({ status: 'failed', origin: 'tracking' }), NOW)
    assert.equal(trackingOnly.state === 'failed' && trackingOnly.at, null)
  })

  it('calls nightly backups overdue once a night and two hours have passed without one', () => {
    const nights = [5, 4, 3, 2, 1].map((d) => NOW - d * 24 * HOUR)
    const last = run({ startedAt: nights.at(-1)! })
    assert.equal(overdue(nights, last, NOW).overdue, false, '24 h after the last one')
    assert.equal(overdue(nights, last, NOW + 1 * HOUR).overdue, false, 'within the grace')
    assert.equal(overdue(nights, last, NOW + 3 * HOUR).overdue, true)
    assert.equal(overdue(nights, run({ status: 'running' }), NOW + 3 * HOUR).overdue, false, 'a running backup is not overdue')
    assert.equal(overdue(nights.slice(-1), last, NOW + 100 * HOUR).overdue, false, 'no verdict from a single backup')
  })

  it('marks days with a success, only failures, nothing inside the history, or nothing before it', () => {
    const rows: ChartRow[] = [
      { id: 1, kind: 'backup', status: 'success', date: '2026-03-06', startedAt: null, totalSizeBytes: null, sentBytes: null, durationSeconds: null },
      { id: 2, kind: 'backup', status: 'failed', date: '2026-03-07', startedAt: null, totalSizeBytes: null, sentBytes: null, durationSeconds: null },
      { id: 3, kind: 'backup', status: 'failed', date: '2026-03-09', startedAt: null, totalSizeBytes: null, sentBytes: null, durationSeconds: null },
      { id: 4, kind: 'backup', status: 'success', date: '2026-03-09', startedAt: null, totalSizeBytes: null, sentBytes: null, durationSeconds: null },
    ]
    const days = dayStates(rows, '2026-03-06', NOW, 'UTC', 6)
    assert.deepEqual(days, [
      { date: '2026-03-05', state: 'none' },
      { date: '2026-03-06', state: 'success' },
      { date: '2026-03-07', state: 'failed' },
      { date: '2026-03-08', state: 'missed' },
      { date: '2026-03-09', state: 'success' },
      { date: '2026-03-10', state: 'none' },
    ])
  })

  it('counts range days in the server zone', () => {
    assert.equal(rangeStart('7', NOW, 'UTC'), '2026-03-04')
    assert.equal(rangeStart('7', Date.parse('2026-03-10T02:00:00Z'), 'America/Chicago'), '2026-03-03')
    assert.equal(rangeStart('all', NOW, 'UTC'), null)
  })

  it('draws long ranges per week, with the week of each Monday', () => {
    const rows: ChartRow[] = []
    for (let d = 0; d < MAX_CHART_POINTS + 100; d++) {
      const date = new Date(Date.UTC(2020, 0, 6) + d * 86_400_000).toISOString().slice(0, 10)
      rows.push({ id: d, kind: 'backup', status: d === 3 ? 'failed' : 'success', date, startedAt: null, totalSizeBytes: 1000 + d, sentBytes: 10, durationSeconds: 60 })
    }
    const s = chartSeries(rows)
    assert.equal(s.per, 'week')
    assert.equal(s.transferred[0]!.x, '2020-01-06T12:00:00', '2020-01-06 was a Monday')
    assert.equal(s.transferred[0]!.y, 70, 'a week of data sent is summed')
    assert.equal(s.transferred[0]!.status, 'failed', 'coloured by its worst run')
    assert.equal(s.size[0]!.y, 1006, 'the largest backup of the week')
    assert.ok(s.duration.length <= MAX_CHART_POINTS)
    assert.equal(chartSeries(rows.slice(0, 30)).per, 'run')
  })
})
