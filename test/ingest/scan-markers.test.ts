import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { scanText, okRun } from './scan-helpers.js'

describe('the run parser', () => {
  it('reads a successful run with its times, sizes and byte range', () => {
    const text = okRun(2)
    const { runs } = scanText(text)
    assert.equal(runs.length, 1)
    assert.deepEqual(runs[0], {
      kind: 'backup', jobName: 'Plex Backup', status: 'success', date: '2026-03-02',
      startedAt: '2026-03-02T03:00:00Z', finishedAt: '2026-03-02T03:02:05Z', durationSeconds: 125, exitCode: 0,
      sentBytes: 1234, receivedBytes: 42, totalSizeBytes: 5678, filesTransferred: null, error: null,
      origin: 'log', source: { file: 'test.log', start: 0, end: text.length }, parentIndex: null, trackingLine: null,
    })
  })

  it('reads a failure with its exit code and the first rsync error line', () => {
    const { runs } = scanText([
      '=== Plex Backup Started: Mon Mar  2 03:00:00 UTC 2026 ===',
      '@ERROR: auth failed on module plex-backups',
      'rsync error: error starting client-server protocol (code 5) at main.c(1954) [sender=3.5.0]',
      '=== Plex Backup FAILED with code 5: Mon Mar  2 03:00:01 UTC 2026 ===',
      '',
    ].join('\n'))
    assert.equal(runs[0]?.status, 'failed')
    assert.equal(runs[0]?.exitCode, 5)
    assert.equal(runs[0]?.error, '@ERROR: auth failed on module plex-backups')
  })

  it('takes files transferred from --stats, in new and old rsync wording', () => {
    const stats = (line: string) => `=== Plex Backup Started: Mon Mar  2 03:00:00 UTC 2026 ===\nNumber of files: 1,617 (reg: 1,301, dir: 316)\n${line}\nTotal file size: 36,369,524 bytes\n\nsent 1 bytes  received 2 bytes  3.00 bytes/sec\ntotal size is 36,369,524  speedup is 1.00\n=== Plex Backup Completed Successfully: Mon Mar  2 03:00:01 UTC 2026 ===\n`
    assert.equal(scanText(stats('Number of regular files transferred: 1,021')).runs[0]?.filesTransferred, 1021)
    assert.equal(scanText(stats('Number of files transferred: 21')).runs[0]?.filesTransferred, 21)
  })

  it('reads de_DE numbers and -h units with the configured base', () => {
    const run = (sent: string) => `=== Plex Backup Started: Mo 2. Mär 03:00:00 CET 2026 ===\nsent ${sent} bytes  received 1,5K bytes  9,00 bytes/sec\ntotal size is 12.348.798  speedup is 1,00\n=== Plex Backup Completed Successfully: Mo 2. Mär 03:00:01 CET 2026 ===\n`
    const de = scanText(run('12,35M'), { timeZone: 'Europe/Berlin' }).runs[0]
    assert.deepEqual([de?.sentBytes, de?.receivedBytes, de?.totalSizeBytes, de?.startedAt], [12350000, 1500, 12348798, '2026-03-02T03:00:00+01:00'])
    assert.equal(scanText(run('11,78M'), { timeZone: 'Europe/Berlin', humanBase: 1024 }).runs[0]?.sentBytes, Math.round(11.78 * 1024 ** 2))
  })

  it('keeps other job names generic, and config backups as their own kind', () => {
    const { runs } = scanText([
      '=== Script Config Backup Started: Tue Mar  3 05:00:00 UTC 2026 ===',
      '=== Script Config Backup Completed: Tue Mar  3 05:00:01 UTC 2026 ===',
      '=== Photos Sync Started: Tue Mar  3 06:00:00 UTC 2026 ===',
      '=== Photos Sync FAILED with code 12: Tue Mar  3 06:00:09 UTC 2026 ===',
      '',
    ].join('\n'))
    assert.deepEqual(runs.map((r) => [r.kind, r.jobName, r.status, r.exitCode, r.durationSeconds]), [
      ['config_backup', 'Script Config Backup', 'success', 0, 1],
      ['backup', 'Photos Sync', 'failed', 12, 9],
    ])
  })

  it('links a Sunday snapshot to its backup and reads its own summary', () => {
    const text = `${okRun(1)}Sunday detected - creating weekly snapshot\nfile\n\nsent 9.00M bytes  received 1.00K bytes  1.00M bytes/sec\ntotal size is 8.00M  speedup is 1.00\nWeekly snapshot created: snapshots/2026-03-01/\n`
    const { runs } = scanText(text)
    assert.equal(runs.length, 2)
    assert.deepEqual(
      { ...runs[1], source: undefined },
      { kind: 'snapshot', jobName: 'Weekly snapshot', status: 'success', date: '2026-03-01', startedAt: null, finishedAt: null, durationSeconds: null, exitCode: 0, sentBytes: 9000000, receivedBytes: 1000, totalSizeBytes: 8000000, filesTransferred: null, error: null, origin: 'log', source: undefined, parentIndex: 0, trackingLine: null },
    )
    assert.deepEqual(runs[1]?.source, { file: 'test.log', start: okRun(1).length, end: text.length })
  })

  it('marks a failed snapshot with its code', () => {
    const { runs } = scanText(`${okRun(1)}Sunday detected - creating weekly snapshot\nrsync: write failed on "/backup/x": No space left on device (28)\nWARNING: Weekly snapshot failed with code 11\n`)
    assert.deepEqual([runs[1]?.status, runs[1]?.exitCode, runs[1]?.error], ['failed', 11, 'rsync: write failed on "/backup/x": No space left on device (28)'])
  })

  it('reads a clean-up and its end with or without a count', () => {
    const { runs } = scanText([
      '=== Plex Snapshot Cleanup - Sun Mar  1 04:00:00 UTC 2026 ====',
      'Removing old snapshot: snapshots/2026-02-01',
      'Cleanup complete. Removed 1 old snapshot(s).',
      '=== Plex Snapshot Cleanup - Sun Mar  8 04:00:00 UTC 2026 ====',
      'Cleanup complete.',
      '',
    ].join('\n'))
    assert.deepEqual(runs.map((r) => [r.kind, r.status, r.date, r.startedAt, r.finishedAt]), [
      ['cleanup', 'success', '2026-03-01', '2026-03-01T04:00:00Z', null],
      ['cleanup', 'success', '2026-03-08', '2026-03-08T04:00:00Z', null],
    ])
  })

  it('marks a run interrupted when a new one starts before it ends', () => {
    const second = okRun(3)
    const first = '=== Plex Backup Started: Mon Mar  2 03:00:00 UTC 2026 ===\nsending incremental file list\nCache/big.bin\n'
    const { runs } = scanText(first + second)
    assert.deepEqual(runs.map((r) => [r.status, r.date, r.finishedAt, r.exitCode, r.source?.end]), [
      ['interrupted', '2026-03-02', null, null, first.length],
      ['success', '2026-03-03', '2026-03-03T03:02:05Z', 0, first.length + second.length],
    ])
  })

  it('marks the last run running when it started recently, interrupted when it is old', () => {
    const text = `${okRun(2)}=== Plex Backup Started: Tue Mar 10 11:00:00 UTC 2026 ===\nsending incremental file list\n`
    const recent = scanText(text, { now: new Date('2026-03-10T12:00:00Z') })
    assert.equal(recent.runs[1]?.status, 'running')
    assert.equal(recent.resumeOffset, okRun(2).length)
    const old = scanText(text, { now: new Date('2026-03-12T12:00:00Z') })
    assert.equal(old.runs[1]?.status, 'interrupted')
    assert.equal(old.resumeOffset, text.length)
  })

  it('keeps a run whose marker date cannot be read, and reports the line', () => {
    const { runs, skipped } = scanText('=== Plex Backup Started: sometime soon ===\n=== Plex Backup Completed Successfully: Mon Mar  2 03:02:05 UTC 2026 ===\n')
    assert.deepEqual([runs[0]?.status, runs[0]?.date, runs[0]?.startedAt, runs[0]?.finishedAt, runs[0]?.durationSeconds], ['success', '', null, '2026-03-02T03:02:05Z', null])
    assert.deepEqual(skipped.map((s) => [s.offset, s.reason]), [[0, 'start marker date not readable']])
  })

  it('reports end markers without a start and unknown === lines, without losing runs', () => {
    const { runs, skipped, skippedCount } = scanText(`=== Plex Backup Completed Successfully: Mon Mar  2 03:02:05 UTC 2026 ===\n=== something else ===\n${okRun(3)}`)
    assert.equal(runs.length, 1)
    assert.equal(skippedCount, 2)
    assert.deepEqual(skipped.map((s) => s.reason), ['end marker without a matching start', 'line starts like a marker but is not one we know'])
  })
})
