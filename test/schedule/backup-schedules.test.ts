import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { after, describe, it } from 'node:test'
import { createBackupSchedules } from '../../src/schedule/backup-schedules.js'
import { tempDir } from '../support/temp-dir.js'
import { createScratchUser, installCrontab, scratchCrontabSkipReason } from './scratch-user.js'

const skip = scratchCrontabSkipReason() ?? false
const NOW = Date.parse('2026-03-07T12:00:00Z')

describe('the backup schedules the pages and alerts share', { skip }, () => {
  const scratch = skip ? null : createScratchUser()
  after(() => scratch?.remove())

  function schedules() {
    const dir = tempDir()
    fs.mkdirSync(path.join(dir, 'cron.d'))
    const where = { systemPaths: { crontab: path.join(dir, 'crontab'), cronDir: path.join(dir, 'cron.d') } }
    const config = { cronUser: scratch!.user, timeZone: 'UTC', backupScriptPath: '/usr/local/bin/backup-plex.sh', backupLogPath: '/var/log/plex-backup.log', backupJobMatch: [] }
    return createBackupSchedules(config, where)
  }

  it('finds the next run, then answers from what it read for a minute', async () => {
    installCrontab(scratch!.user, '# Nightly\n0 3 * * * /usr/local/bin/backup-plex.sh\n')
    const s = schedules()
    assert.deepEqual(await s.nextRun(NOW), { at: Date.parse('2026-03-08T03:00:00Z'), job: 'Nightly' })
    installCrontab(scratch!.user, '# Nightly\n0 4 * * * /usr/local/bin/backup-plex.sh\n')
    assert.deepEqual(await s.nextRun(NOW + 30_000), { at: Date.parse('2026-03-08T03:00:00Z'), job: 'Nightly' }, 'still the cached crontab')
    // After 03:00 the next run is the following night's, worked out again from the cached job.
    assert.deepEqual(await s.nextRun(Date.parse('2026-03-08T03:00:30Z')), { at: Date.parse('2026-03-09T03:00:00Z'), job: 'Nightly' })
  })

  it('answers a stale read at once and reads again behind it; an edit makes it read at once', async () => {
    installCrontab(scratch!.user, '# Nightly\n0 3 * * * /usr/local/bin/backup-plex.sh\n')
    const s = schedules()
    await s.jobs(NOW)
    installCrontab(scratch!.user, '# Nightly\n0 4 * * * /usr/local/bin/backup-plex.sh\n')
    const stale = await s.jobs(NOW + 61_000)
    assert.equal(stale.jobs[0]?.schedule, '0 3 * * *', 'the stale answer comes without waiting')
    const deadline = Date.now() + 5000
    let fresh = stale
    while (fresh.jobs[0]?.schedule !== '0 4 * * *' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20))
      fresh = await s.jobs(NOW + 62_000)
    }
    assert.equal(fresh.jobs[0]?.schedule, '0 4 * * *', 'the read behind it lands')

    installCrontab(scratch!.user, '# Nightly\n30 1 * * * /usr/local/bin/backup-plex.sh\n')
    s.invalidate()
    assert.equal((await s.jobs(NOW + 63_000)).jobs[0]?.schedule, '30 1 * * *')
  })
})
