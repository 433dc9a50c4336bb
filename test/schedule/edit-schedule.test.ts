import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { CronExpressionError } from '../../src/schedule/cron-expression.js'
import { crontabHash } from '../../src/schedule/crontabs.js'
import { CrontabChangedError, editSchedule, NotAJobError } from '../../src/schedule/edit-schedule.js'
import { tempDir } from '../support/temp-dir.js'
import { createScratchUser, installCrontab, listCrontab, scratchCrontabSkipReason } from './scratch-user.js'

const skip = scratchCrontabSkipReason() ?? false

const ORIGINAL = [
  'MAILTO=""',
  '# Plex backup',
  '0 3 * * 0   /usr/local/bin/backup-plex.sh >> /var/log/plex-backup.log 2>&1',
  '@reboot /usr/local/bin/mount-nas.sh',
  '',
].join('\n')

describe('editing a schedule in a real crontab', { skip }, () => {
  let scratch: ReturnType<typeof createScratchUser>
  before(() => {
    scratch = createScratchUser()
  })
  after(() => scratch.remove())

  const request = (over: Partial<Parameters<typeof editSchedule>[0]> = {}) => ({
    user: scratch.user,
    line: 2,
    schedule: '30 4 * * 1-5',
    expectedHash: crontabHash(ORIGINAL),
    dataDir: tempDir(),
    now: Date.parse('2026-03-04T12:00:00.123Z'),
    ...over,
  })

  it('changes only the job\'s schedule and keeps the previous crontab in the data directory, owner-only', async () => {
    installCrontab(scratch.user, ORIGINAL)
    const req = request()
    const { backupFile } = await editSchedule(req)
    assert.equal(listCrontab(scratch.user), ORIGINAL.replace('0 3 * * 0   /usr', '30 4 * * 1-5   /usr'))
    assert.equal(path.dirname(backupFile), path.join(req.dataDir, 'crontab-backups'))
    assert.equal(path.basename(backupFile), `${scratch.user}-2026-03-04T120000-123Z.txt`)
    assert.equal(fs.readFileSync(backupFile, 'utf8'), ORIGINAL)
    assert.equal(fs.statSync(backupFile).mode & 0o777, 0o600)
    assert.equal(fs.statSync(path.dirname(backupFile)).mode & 0o777, 0o700)
  })

  it('keeps both backups when two edits land in the same millisecond', async () => {
    installCrontab(scratch.user, ORIGINAL)
    const req = request({ schedule: '@weekly' })
    const first = await editSchedule(req)
    const second = await editSchedule({ ...req, schedule: '0 3 * * 0', expectedHash: crontabHash(listCrontab(scratch.user)) })
    assert.notEqual(first.backupFile, second.backupFile)
    assert.equal(fs.readFileSync(second.backupFile, 'utf8'), ORIGINAL.replace('0 3 * * 0', '@weekly'))
    assert.equal(listCrontab(scratch.user), ORIGINAL)
  })

  it('refuses when the crontab changed since it was read, and writes nothing', async () => {
    installCrontab(scratch.user, ORIGINAL)
    const req = request()
    installCrontab(scratch.user, `${ORIGINAL}# added by hand\n`)
    await assert.rejects(editSchedule(req), CrontabChangedError)
    assert.equal(listCrontab(scratch.user), `${ORIGINAL}# added by hand\n`)
    assert.equal(fs.existsSync(path.join(req.dataDir, 'crontab-backups')), false)
  })

  it('refuses an invalid schedule or a line that is not a job before touching anything', async () => {
    installCrontab(scratch.user, ORIGINAL)
    const req = request({ schedule: '0 25 * * *' })
    await assert.rejects(editSchedule(req), (err: unknown) => err instanceof CronExpressionError && /hour 25 is out of range/.test(err.message))
    await assert.rejects(editSchedule(request({ line: 1 })), NotAJobError)
    assert.equal(listCrontab(scratch.user), ORIGINAL)
    assert.equal(fs.existsSync(path.join(req.dataDir, 'crontab-backups')), false)
  })
})
