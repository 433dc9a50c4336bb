import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { REPO_ROOT, tsNodeArgs } from '../support/run-node.js'
import { tempDir } from '../support/temp-dir.js'

const SAMPLES = path.join(REPO_ROOT, 'test/fixtures/samples')

function replexonParse(args: string[]) {
  const cwd = tempDir()
  const result = spawnSync(process.execPath, tsNodeArgs('src/cli/main.ts', 'parse', ...args), {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    env: { PATH: process.env.PATH ?? '', HOME: cwd, DATA_DIR: cwd, LOG_TIMEZONE: 'UTC' },
  })
  if (result.error) throw result.error
  return result
}

type Row = [string, string, string | null, string | null, string | null, number | null, number | null, number | null, number | null, number | null, number | null, string | null, string, number | null]
const rows = (stdout: string): Row[] =>
  (JSON.parse(stdout) as Record<string, unknown>[]).map((r) => [r.kind, r.status, r.date, r.startedAt, r.finishedAt, r.durationSeconds, r.exitCode, r.sentBytes, r.receivedBytes, r.totalSizeBytes, r.filesTransferred, r.error, r.origin, r.parentIndex] as Row)

describe('replexon parse', () => {
  it('reads the basic sample (-avh, en_US, America/Chicago) with its tracking file', () => {
    const result = replexonParse(['--log', path.join(SAMPLES, 'basic/plex-backup.log'), '--tracking', path.join(SAMPLES, 'basic/plex-backup-tracking.log'), '--tz', 'America/Chicago'])
    assert.equal(result.status, 0, result.stderr)
    assert.deepEqual(rows(result.stdout), [
      ['backup', 'success', '2026-08-25', '2026-08-25T03:00:01-05:00', '2026-08-25T03:00:01-05:00', 0, 0, 21230000, 11450, 21170000, null, null, 'both', null],
      ['backup', 'success', '2026-08-26', '2026-08-26T03:00:01-05:00', '2026-08-26T03:00:02-05:00', 1, 0, 1140000, 19440, 21890000, null, null, 'both', null],
      ['backup', 'success', '2026-08-27', '2026-08-27T03:00:01-05:00', '2026-08-27T03:00:01-05:00', 0, 0, 1610000, 27460, 22300000, null, null, 'both', null],
      ['backup', 'failed', '2026-08-28', '2026-08-28T03:00:01-05:00', '2026-08-28T03:00:01-05:00', 0, 10, null, null, null, null, 'rsync: [sender] failed to connect to 127.0.0.1 (127.0.0.1): Connection refused (111)', 'both', null],
      ['backup', 'success', '2026-08-29', '2026-08-29T03:00:01-05:00', '2026-08-29T03:00:02-05:00', 1, 0, 2470000, 24400, 24040000, null, null, 'both', null],
      ['backup', 'success', '2026-08-30', '2026-08-30T03:00:01-05:00', '2026-08-30T03:00:01-05:00', 0, 0, 1300000, 26000, 24660000, null, null, 'both', null],
      ['snapshot', 'success', '2026-08-30', null, null, null, 0, 24730000, 10820, 24660000, null, null, 'log', 5],
      ['cleanup', 'success', '2026-08-30', '2026-08-30T04:00:00-05:00', null, null, null, null, null, null, null, null, 'log', null],
      ['backup', 'success', '2026-08-31', '2026-08-31T03:00:01-05:00', '2026-08-31T03:00:02-05:00', 1, 0, 484420, 25020, 24650000, null, null, 'both', null],
      ['backup', 'success', '2026-09-01', '2026-09-01T03:00:01-05:00', '2026-09-01T03:00:01-05:00', 0, 0, 1100000, 23710, 25380000, null, null, 'both', null],
      ['config_backup', 'success', '2026-09-01', '2026-09-01T05:00:00-05:00', '2026-09-01T05:00:01-05:00', 1, 0, null, null, null, null, null, 'log', null],
      ['backup', 'interrupted', '2026-09-02', '2026-09-02T03:00:01-05:00', null, null, null, null, null, null, null, null, 'log', null],
      ['backup', 'success', '2026-09-03', '2026-09-03T03:00:01-05:00', '2026-09-03T03:00:01-05:00', 0, 0, 3150000, 30410, 27520000, null, null, 'both', null],
      ['backup', 'success', '2026-09-04', '2026-09-04T03:00:01-05:00', '2026-09-04T03:00:01-05:00', 0, 0, 1810000, 26960, 28890000, null, null, 'both', null],
      ['backup', 'failed', '2026-09-05', '2026-09-05T03:00:01-05:00', '2026-09-05T03:00:01-05:00', 0, 23, 23, 19, 0, null, 'rsync: [sender] change_dir "/srv/src/Plex Media Server/Missing Folder" failed: No such file or directory (2)', 'both', null],
      ['backup', 'success', '2026-09-06', '2026-09-06T03:00:01-05:00', '2026-09-06T03:00:01-05:00', 0, 0, 1700000, 28520, 30120000, null, null, 'both', null],
      ['snapshot', 'success', '2026-09-06', null, null, null, 0, 30200000, 11100, 30120000, null, null, 'log', 15],
      ['cleanup', 'success', '2026-09-06', '2026-09-06T04:00:00-05:00', null, null, null, null, null, null, null, null, 'log', null],
      ['backup', 'success', '2026-09-07', '2026-09-07T03:00:01-05:00', '2026-09-07T03:00:01-05:00', 0, 0, 1120000, 27700, 30960000, null, null, 'both', null],
    ])
  })

  it('reads the stats sample (--stats, C locale, UTC from LOG_TIMEZONE) with its auth failure', () => {
    const result = replexonParse(['--log', path.join(SAMPLES, 'stats/plex-backup.log'), '--tracking', path.join(SAMPLES, 'stats/plex-backup-tracking.log')])
    assert.equal(result.status, 0, result.stderr)
    assert.deepEqual(rows(result.stdout), [
      ['backup', 'success', '2026-09-10', '2026-09-10T02:00:00Z', '2026-09-10T02:00:00Z', 0, 0, 790827, 34516, 30771568, 19, null, 'both', null],
      ['backup', 'success', '2026-09-11', '2026-09-11T02:00:00Z', '2026-09-11T02:00:00Z', 0, 0, 1016685, 29047, 31430522, 8, null, 'both', null],
      ['backup', 'failed', '2026-09-12', '2026-09-12T02:00:00Z', '2026-09-12T02:00:00Z', 0, 5, null, null, null, null, '@ERROR: auth failed on module plex-backups', 'both', null],
      ['backup', 'success', '2026-09-13', '2026-09-13T02:00:00Z', '2026-09-13T02:00:00Z', 0, 0, 2348953, 32926, 33055060, 17, null, 'both', null],
      ['snapshot', 'success', '2026-09-13', null, null, null, 0, 33126449, 11229, 33055060, 302, null, 'log', 3],
      ['backup', 'success', '2026-09-14', '2026-09-14T02:00:00Z', '2026-09-14T02:00:00Z', 0, 0, 1408160, 31150, 34064003, 9, null, 'both', null],
    ])
  })

  it('reads rotated siblings oldest first and lists skipped lines with --verbose', () => {
    const dir = tempDir()
    const log = path.join(dir, 'plex-backup.log')
    fs.writeFileSync(`${log}.1`, '=== Plex Backup Started: Mon Mar  2 03:00:00 UTC 2026 ===\n=== Plex Backup Completed Successfully: Mon Mar  2 03:00:09 UTC 2026 ===\n')
    fs.writeFileSync(log, '=== Plex Backup Started: ??? ===\n=== Plex Backup Completed Successfully: Tue Mar  3 03:00:09 UTC 2026 ===\n')
    fs.writeFileSync(path.join(dir, 'tracking.log'), '2026-03-02:success\r\n\n2026-03-03:success\n')
    const result = replexonParse(['--log', log, '--tracking', path.join(dir, 'tracking.log'), '--tz', 'UTC', '--verbose'])
    assert.equal(result.status, 0, result.stderr)
    const runs = JSON.parse(result.stdout) as { date: string; origin: string; startedAt: string | null }[]
    assert.deepEqual(runs.map((r) => [r.date, r.origin, r.startedAt]), [['2026-03-02', 'both', '2026-03-02T03:00:00Z'], ['2026-03-03', 'both', null]])
    assert.match(result.stderr, /plex-backup\.log:line 1: start marker date not readable: "=== Plex Backup Started: \?\?\? ==="/)
    assert.match(result.stderr, /tracking\.log:line 2: blank line/)
  })

  it('says clearly when the log is missing', () => {
    const result = replexonParse(['--log', '/nonexistent/plex-backup.log'])
    assert.equal(result.status, 1)
    assert.equal(result.stderr, 'replexon: log file /nonexistent/plex-backup.log not found\n')
  })
})
