import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import { writeFakeBackupScript } from '../runner/fake-script.js'
import { makeTempDir, runCli } from './run-cli.js'

/**
 * A `crontab` first on PATH that prints the file FAKE_CRONTAB, or says there is none, as
 * the real one does: the test never reads or touches a real crontab.
 */
function fakeCrontabBin(dir: string): string {
  const bin = path.join(dir, 'bin')
  fs.mkdirSync(bin)
  fs.writeFileSync(
    path.join(bin, 'crontab'),
    '#!/bin/sh\nif [ -f "$FAKE_CRONTAB" ]; then cat "$FAKE_CRONTAB"; else echo "no crontab for $(id -un)" >&2; exit 1; fi\n',
    { mode: 0o755 },
  )
  return `${bin}:${process.env.PATH ?? ''}`
}

function install() {
  const dir = makeTempDir()
  const log = path.join(dir, 'plex-backup.log')
  const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00')
  const started = Date.now() - 3 * 3_600_000
  fs.writeFileSync(
    log,
    `=== Plex Backup Started: ${iso(started)} ===\ntotal size is 1.00M  speedup is 1.00\n=== Plex Backup Completed Successfully: ${iso(started + 60_000)} ===\n`,
  )
  fs.writeFileSync(path.join(dir, 'plex-backup-tracking.log'), `${iso(started).slice(0, 10)}:success\n`)
  const script = writeFakeBackupScript(path.join(dir, 'backup-plex.sh'))
  const crontab = path.join(dir, 'crontab.txt')
  fs.writeFileSync(crontab, `MAILTO=root\n0 */6 * * * ${script} >> ${log} 2>&1\n`)
  const env = { BACKUP_LOG_PATH: log, BACKUP_SCRIPT_PATH: script, FAKE_CRONTAB: crontab, PATH: fakeCrontabBin(dir) }
  return { dir, env, script, crontab }
}

describe('replexon --static', () => {
  it('prints OK for every check of a healthy setup and exits 0', () => {
    const { dir, env } = install()
    const result = runCli(dir, ['--static'], { env })
    assert.equal(result.status, 0, result.stdout + result.stderr)
    const lines = result.stdout.trim().split('\n')
    for (const name of ['backup log', 'tracking file', 'backup script', 'crontab', 'backup job', 'last success', 'database', 'free space']) {
      assert.ok(lines.some((l) => l.startsWith(`OK   ${name}: `)), `${name} is OK in:\n${result.stdout}`)
    }
    assert.match(result.stdout, /OK {3}backup job: "0 \*\/6 \* \* \*" runs /)
    assert.match(result.stdout, /OK {3}last success: last success 3\.\d h ago \(limit 8 h\)/, 'the limit follows the schedule')
    assert.equal(lines.at(-1), 'All 8 checks passed.')
  })

  it('prints FAIL for what is broken and exits 1, so cron or a monitor notices', () => {
    const { dir, env, script, crontab } = install()
    fs.chmodSync(script, 0o644)
    fs.rmSync(path.join(dir, 'plex-backup-tracking.log'))
    fs.writeFileSync(crontab, '30 1 * * * /usr/local/bin/something-else.sh\n')
    const result = runCli(dir, ['--static'], { env })
    assert.equal(result.status, 1)
    assert.match(result.stdout, /^FAIL tracking file: .*plex-backup-tracking\.log does not exist$/m)
    assert.match(result.stdout, /^FAIL backup script: .* is not executable \(chmod \+x it\)\.$/m)
    assert.match(result.stdout, /^OK {3}crontab: /m)
    assert.match(result.stdout, /^FAIL backup job: no crontab line of root mentions backup-plex\.sh or plex-backup\.log$/m)
    assert.match(result.stdout, /^OK {3}database: integrity check ok$/m)
    assert.match(result.stdout, /^3 of 8 checks failed\.$/m)
  })

  it('counts "no crontab" as readable but the missing backup job as a failure', () => {
    const { dir, env, crontab } = install()
    fs.rmSync(crontab)
    const result = runCli(dir, ['--static'], { env })
    assert.equal(result.status, 1)
    assert.match(result.stdout, /^OK {3}crontab: \S+ has no crontab$/m)
    assert.match(result.stdout, /^FAIL backup job: /m)
  })
})
