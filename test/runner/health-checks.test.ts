import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { after, describe, it } from 'node:test'
import { openDatabase } from '../../src/db/connection.js'
import { runHealthChecks } from '../../src/runner/health-checks.js'
import { createScratchUser, installCrontab, scratchCrontabSkipReason } from '../schedule/scratch-user.js'
import { tempDir } from '../support/temp-dir.js'

describe('health checks and where the backup job lives', { skip: scratchCrontabSkipReason() ?? false }, () => {
  const scratch = createScratchUser()
  after(() => scratch.remove())

  it('finds a backup job in /etc/cron.d, or one named by BACKUP_JOB_MATCH, as the schedules page does', async () => {
    installCrontab(scratch.user, '# nothing of ours\n')
    const dir = tempDir()
    fs.mkdirSync(path.join(dir, 'cron.d'))
    fs.writeFileSync(path.join(dir, 'cron.d', 'plex-backup'), '15 2 * * * root /usr/local/bin/backup-plex.sh >> /var/log/plex-backup.log 2>&1\n')
    const crontabs = { systemPaths: { crontab: path.join(dir, 'crontab'), cronDir: path.join(dir, 'cron.d') } }
    const handle = openDatabase(path.join(dir, 'replexon.db'))
    after(() => handle.close())
    const config = {
      backupLogPath: '/var/log/plex-backup.log',
      backupTrackingPath: '/var/log/plex-backup-tracking.log',
      backupScriptPath: '/usr/local/bin/backup-plex.sh',
      backupJobMatch: [] as string[],
      cronUser: scratch.user,
      dataDir: dir,
      timeZone: 'UTC',
    }
    const job = (checks: Awaited<ReturnType<typeof runHealthChecks>>) => checks.find((c) => c.name === 'backup job')!
    const found = job(await runHealthChecks({ config, handle, crontabs }))
    assert.equal(found.ok, true)
    assert.match(found.detail, /"15 2 \* \* \*" in .*cron\.d\/plex-backup runs \/usr\/local\/bin\/backup-plex\.sh/)

    fs.rmSync(path.join(dir, 'cron.d', 'plex-backup'))
    installCrontab(scratch.user, '0 4 * * * docker exec plex-backup-container /run.sh\n')
    assert.equal(job(await runHealthChecks({ config, handle, crontabs })).ok, false)
    assert.equal(job(await runHealthChecks({ config: { ...config, backupJobMatch: ['plex-backup-container'] }, handle, crontabs })).ok, true)
  })
})
