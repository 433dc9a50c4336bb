import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { CrontabAccessError, readCrontab, sudoersLine, writeCrontab } from '../../src/schedule/crontab-io.js'
import { crontabHash, readAllCrontabs } from '../../src/schedule/crontabs.js'
import { createBackupSchedules } from '../../src/schedule/backup-schedules.js'
import { tempDir } from '../support/temp-dir.js'
import { createScratchUser, installCrontab, listCrontab, scratchCrontabSkipReason } from './scratch-user.js'

const skip = scratchCrontabSkipReason() ?? false

describe('reading and writing a real crontab', { skip }, () => {
  let scratch: ReturnType<typeof createScratchUser>
  before(() => {
    scratch = createScratchUser()
  })
  after(() => scratch.remove())

  it('reads a user without a crontab as an empty crontab, not an error', async () => {
    assert.equal(await readCrontab(scratch.user), '')
  })

  it('writes the text through `crontab -u USER -` and reads it back unchanged', async () => {
    const text = '# Plex backup\nMAILTO=""\n0 3 * * 0 /usr/local/bin/backup-plex.sh >> /var/log/plex-backup.log 2>&1\n'
    await writeCrontab(scratch.user, text)
    assert.equal(listCrontab(scratch.user), text)
    assert.equal(await readCrontab(scratch.user), text)
  })

  it('adds the final newline cron insists on', async () => {
    await writeCrontab(scratch.user, '@daily /bin/true')
    assert.equal(await readCrontab(scratch.user), '@daily /bin/true\n')
  })

  it('passes on cron\'s own refusal and leaves the crontab as it was', async () => {
    installCrontab(scratch.user, '@weekly /bin/true\n')
    await assert.rejects(writeCrontab(scratch.user, '61 * * * * /bin/true\n'), (err: unknown) => {
      assert.ok(err instanceof CrontabAccessError)
      assert.match(err.message, /bad minute/)
      return true
    })
    assert.equal(listCrontab(scratch.user), '@weekly /bin/true\n')
  })

  it('explains a missing crontab program instead of failing obscurely', async () => {
    await assert.rejects(readCrontab(scratch.user, { crontab: '/nonexistent/crontab', sudo: 'sudo' }), /not installed; install the "cron" package/)
  })

  it('reads the cron user\'s crontab next to the system ones and finds the next backup run', async () => {
    installCrontab(scratch.user, '# Sunday Plex backup\n0 3 * * 0 /usr/local/bin/backup-plex.sh\n')
    const dir = tempDir()
    fs.writeFileSync(path.join(dir, 'crontab'), '0 1 * * * root /usr/local/bin/backup-plex.sh --verify\n')
    const where = { systemPaths: { crontab: path.join(dir, 'crontab'), cronDir: path.join(dir, 'cron.d') } }
    const config = { cronUser: scratch.user, timeZone: 'UTC', backupScriptPath: '/usr/local/bin/backup-plex.sh', backupLogPath: '/var/log/plex-backup.log', backupJobMatch: [] }
    const read = await readAllCrontabs(config, where)
    assert.deepEqual(read.problems, [])
    assert.equal(read.userCrontab?.hash, crontabHash(listCrontab(scratch.user)))
    assert.deepEqual(read.sources.map((s) => s.name), [`crontab of ${scratch.user}`, path.join(dir, 'crontab')])
    // Saturday noon: the daily 01:00 job in /etc/crontab comes before Sunday 03:00.
    assert.deepEqual(await createBackupSchedules(config, where).nextRun(Date.parse('2026-03-07T12:00:00Z')), { at: Date.parse('2026-03-08T01:00:00Z'), job: 'Plex backup' })
    fs.rmSync(path.join(dir, 'crontab'))
    assert.deepEqual(await createBackupSchedules(config, where).nextRun(Date.parse('2026-03-07T12:00:00Z')), { at: Date.parse('2026-03-08T03:00:00Z'), job: 'Sunday Plex backup' })
  })
})

describe('the sudoers line', () => {
  it('allows exactly the two crontab commands RePlexOn runs for the cron user', () => {
    assert.match(sudoersLine('root'), /^\S+ ALL=\(root\) NOPASSWD: \/usr\/bin\/crontab -l -u root, \/usr\/bin\/crontab -u root -$/)
  })
})
