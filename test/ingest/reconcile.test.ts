import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { reconcile } from '../../src/ingest/reconcile.js'
import type { ParsedRun } from '../../src/ingest/types.js'

const logRun = (date: string, status: ParsedRun['status'], extra: Partial<ParsedRun> = {}): ParsedRun => ({
  kind: 'backup', jobName: 'Plex Backup', status, date, startedAt: date === '' ? null : `${date}T03:00:00Z`, finishedAt: null,
  durationSeconds: null, exitCode: status === 'failed' ? 23 : 0, sentBytes: 10, receivedBytes: 1, totalSizeBytes: 100,
  filesTransferred: null, error: null, origin: 'log', source: { file: 'l', start: 0, end: 1 }, parentIndex: null, ...extra,
})
const t = (date: string, status: 'success' | 'failed', line: number) => ({ date, status, line })
const summary = (runs: ParsedRun[]) => runs.map((r) => [r.kind, r.date, r.status, r.origin, r.trackingLine ?? null, r.parentIndex])

describe('reconcile', () => {
  it('merges a tracking line and a log run with the same date and outcome into one run', () => {
    const runs = reconcile([logRun('2026-02-20', 'success')], [t('2026-02-20', 'success', 1)])
    assert.deepEqual(summary(runs), [['backup', '2026-02-20', 'success', 'both', 1, null]])
    assert.equal(runs[0]?.sentBytes, 10)
  })

  it('keeps runs only in the log and only in the tracking file, inventing nothing', () => {
    const runs = reconcile(
      [logRun('2026-02-21', 'interrupted'), logRun('2026-02-22', 'success')],
      [t('2026-02-20', 'success', 1), t('2026-02-22', 'success', 2)],
    )
    assert.deepEqual(summary(runs), [
      ['backup', '2026-02-20', 'success', 'tracking', 1, null],
      ['backup', '2026-02-21', 'interrupted', 'log', null, null],
      ['backup', '2026-02-22', 'success', 'both', 2, null],
    ])
    assert.deepEqual([runs[0]?.startedAt, runs[0]?.sentBytes, runs[0]?.source, runs[0]?.exitCode], [null, null, null, null])
  })

  it('does not merge runs whose outcomes differ', () => {
    const runs = reconcile([logRun('2026-02-20', 'failed')], [t('2026-02-20', 'success', 1)])
    assert.deepEqual(summary(runs).map((r) => r[3]), ['log', 'tracking'])
  })

  it('pairs two runs on one date in order, and places a tracking-only run by its line', () => {
    const runs = reconcile(
      [logRun('2026-02-20', 'success', { startedAt: '2026-02-20T15:00:00Z' })],
      [t('2026-02-20', 'failed', 1), t('2026-02-20', 'success', 2)],
    )
    assert.deepEqual(summary(runs), [
      ['backup', '2026-02-20', 'failed', 'tracking', 1, null],
      ['backup', '2026-02-20', 'success', 'both', 2, null],
    ])
  })

  it('gives a log run with an unreadable date the tracking line between its neighbours', () => {
    const runs = reconcile(
      [logRun('2026-02-20', 'success'), logRun('', 'failed'), logRun('2026-02-22', 'success')],
      [t('2026-02-20', 'success', 1), t('2026-02-21', 'failed', 2), t('2026-02-22', 'success', 3)],
    )
    assert.deepEqual(summary(runs), [
      ['backup', '2026-02-20', 'success', 'both', 1, null],
      ['backup', '2026-02-21', 'failed', 'both', 2, null],
      ['backup', '2026-02-22', 'success', 'both', 3, null],
    ])
  })

  it('keeps snapshots linked to their backup after tracking-only runs are inserted', () => {
    const runs = reconcile(
      [logRun('2026-02-22', 'success'), logRun('2026-02-22', 'success', { kind: 'snapshot', jobName: 'Weekly snapshot', parentIndex: 0 })],
      [t('2026-02-21', 'success', 1), t('2026-02-22', 'success', 2)],
    )
    assert.deepEqual(summary(runs), [
      ['backup', '2026-02-21', 'success', 'tracking', 1, null],
      ['backup', '2026-02-22', 'success', 'both', 2, null],
      ['snapshot', '2026-02-22', 'success', 'log', null, 1],
    ])
  })
})
