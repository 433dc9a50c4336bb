import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import { formatLastRun } from '../../src/cli/commands/rerun.js'
import { makeTempDir, runCli } from './run-cli.js'

const LOG = [
  '=== Plex Backup Started: 2026-02-22T03:00:01+00:00 ===',
  'sent 12.35M bytes  received 4.00K bytes  1.00M bytes/sec',
  'total size is 8.08G  speedup is 58.36',
  '=== Plex Backup Completed Successfully: 2026-02-22T03:13:43+00:00 ===',
  '=== Plex Backup Started: 2026-02-23T03:00:01+00:00 ===',
  'rsync: [sender] failed to connect to 10.0.0.5 (10.0.0.5): Connection refused (111)',
  'rsync error: error in socket IO (code 10) at clientserver.c(139) [sender=3.2.7]',
  '=== Plex Backup FAILED with code 10: 2026-02-23T03:00:05+00:00 ===',
  '',
].join('\n')

describe('replexon --rerun', () => {
  it('imports the log first and shows the latest backup for people, in LOG_TIMEZONE', () => {
    const dir = makeTempDir()
    const log = path.join(dir, 'plex-backup.log')
    fs.writeFileSync(log, LOG)
    const result = runCli(dir, ['--rerun'], { env: { BACKUP_LOG_PATH: log, LOG_TIMEZONE: 'America/New_York' } })
    assert.equal(result.status, 0, result.stderr)
    assert.match(result.stdout, /^Previously on your Plex server\.\.\.\n/)
    assert.match(result.stdout, /Kind: +backup \(Plex Backup\)/)
    assert.match(result.stdout, /Status: +FAILED with code 10 \(error in socket I\/O/)
    assert.match(result.stdout, /Started: +2026-02-22 22:00 EST \(/, 'the start in New York time')
    assert.match(result.stdout, /Duration: +4 s/)
    assert.match(result.stdout, /Error: +rsync: \[sender\] failed to connect to 10\.0\.0\.5/)
  })

  it('says so when there is no backup yet', () => {
    const dir = makeTempDir()
    const result = runCli(dir, ['--rerun'], { env: { BACKUP_LOG_PATH: path.join(dir, 'none.log') } })
    assert.equal(result.status, 0)
    assert.match(result.stdout, /^No backup recorded yet/)
  })

  it('shows size and transfer of a success and "not recorded" for what the logs did not say', () => {
    const base = {
      id: 1, kind: 'backup', jobName: 'Plex Backup', status: 'success', date: '2026-02-22', startedAt: Date.UTC(2026, 1, 22, 3, 0, 1),
      finishedAt: Date.UTC(2026, 1, 22, 3, 13, 43), durationSeconds: 822, exitCode: 0, sentBytes: 12_350_000, receivedBytes: 4000,
      totalSizeBytes: 8_080_000_000, filesTransferred: null, error: null, triggeredBy: 'manual', origin: 'both',
      sourceFile: null, sourceStart: null, sourceEnd: null, parentRunId: null,
    } as const
    const text = formatLastRun(base, 'UTC', Date.UTC(2026, 1, 22, 9, 0, 0))
    assert.match(text, /Started: +2026-02-22 03:00 UTC \(6 h ago\)/)
    assert.match(text, /Duration: +13 min 42 s/)
    assert.match(text, /Size: +8\.1 GB/)
    assert.match(text, /Transferred: +12\.3 MB sent, 4\.0 kB received/)
    assert.match(text, /Triggered by: +manual/)
    assert.match(text, /Error: +none/)
    const trackingOnly = formatLastRun({ ...base, startedAt: null, durationSeconds: null, totalSizeBytes: null, sentBytes: null, receivedBytes: null }, 'UTC', 0)
    assert.match(trackingOnly, /Started: +2026-02-22 \(time not recorded\)/)
    assert.match(trackingOnly, /Size: +not recorded/)
  })
})
