import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { execFileSync } from 'node:child_process'
import { after, describe, it } from 'node:test'
import { createScratchUser, installCrontab, scratchCrontabSkipReason } from '../schedule/scratch-user.js'
import { writeFakeBackupScript } from '../runner/fake-script.js'
import { makeTempDir, runCli } from './run-cli.js'

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
  const scratch = createScratchUser()
  after(() => scratch.remove())
  const setCrontab = (text: string) => installCrontab(scratch.user, text)
  setCrontab(`MAILTO=root\n0 */6 * * * ${script} >> ${log} 2>&1\n`)
  const env = { BACKUP_LOG_PATH: log, BACKUP_SCRIPT_PATH: script, CRON_USER: scratch.user }
  return { dir, env, script, setCrontab, scratch }
}

describe('replexon --static', { skip: scratchCrontabSkipReason() ?? false }, () => {
  it('prints OK for every check of a healthy setup and exits 0', () => {
    const { dir, env } = install()
    const result = runCli(dir, ['--static'], { env })
    assert.equal(result.status, 0, result.stdout + result.stderr)
    const lines = result.stdout.trim().split('\n')
    for (const name of ['backup log', 'tracking file', 'backup script', 'crontab', 'backup job', 'last success', 'database', 'free space']) {
      assert.ok(lines.some((l) => l.startsWith(`OK   ${name}: `)), `${name} is OK in:\n${result.stdout}`)
    }
    assert.match(result.stdout, /OK {3}backup job: "0 \*\/6 \* \* \*" in crontab of replexon-test-\w+ runs /)
    assert.match(result.stdout, /OK {3}last success: last success 3\.\d h ago \(limit 8 h\)/, 'the limit follows the schedule')
    assert.equal(lines.at(-1), 'All 8 checks passed.')
  })

  it('prints FAIL for what is broken and exits 1, so cron or a monitor notices', () => {
    const { dir, env, script, setCrontab } = install()
    fs.chmodSync(script, 0o644)
    fs.rmSync(path.join(dir, 'plex-backup-tracking.log'))
    setCrontab('30 1 * * * /usr/local/bin/something-else.sh\n')
    const result = runCli(dir, ['--static'], { env })
    assert.equal(result.status, 1)
    assert.match(result.stdout, /^FAIL tracking file: .*plex-backup-tracking\.log does not exist$/m)
    assert.match(result.stdout, /^FAIL backup script: .* is not executable \(chmod \+x it\)\.$/m)
    assert.match(result.stdout, /^OK {3}crontab: /m)
    assert.match(result.stdout, /^FAIL backup job: no cron job \(crontab of replexon-test-\w+.*\) mentions .*backup-plex\.sh or .*plex-backup\.log$/m)
    assert.match(result.stdout, /^OK {3}database: integrity check ok$/m)
    assert.match(result.stdout, /^3 of 8 checks failed\.$/m)
  })

  it('counts "no crontab" as readable but the missing backup job as a failure', () => {
    const { dir, env, scratch } = install()
    execFileSync('crontab', ['-r', '-u', scratch.user])
    const result = runCli(dir, ['--static'], { env })
    assert.equal(result.status, 1)
    assert.match(result.stdout, /^OK {3}crontab: crontab of replexon-test-\w+ read \(empty\)$/m)
    assert.match(result.stdout, /^FAIL backup job: /m)
  })
})
