import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import { collectJobs } from '../../src/schedule/schedule-jobs.js'
import { readSystemCrontabs } from '../../src/schedule/system-crontabs.js'
import { tempDir } from '../support/temp-dir.js'

const MATCH = { scriptPath: '/usr/local/bin/backup-plex.sh', logPath: '/var/log/plex-backup.log' }

function etc() {
  const dir = tempDir()
  const cronDir = path.join(dir, 'cron.d')
  fs.mkdirSync(cronDir)
  fs.writeFileSync(path.join(dir, 'crontab'), 'SHELL=/bin/sh\n17 * * * * root cd / && run-parts --report /etc/cron.hourly\n')
  fs.writeFileSync(path.join(cronDir, 'plex-backup'), '# Weekly Plex backup\n0 3 * * sun root /usr/local/bin/backup-plex.sh\n')
  fs.writeFileSync(path.join(cronDir, 'e2scrub_all'), '30 3 * * 0 root test -e /run/systemd/system || /usr/lib/x86_64-linux-gnu/e2fsprogs/e2scrub_all_cron\n')
  // cron skips names with dots, as run-parts does: leftovers from package upgrades never run.
  fs.writeFileSync(path.join(cronDir, 'plex-backup.dpkg-old'), '0 4 * * * root /usr/local/bin/backup-plex.sh\n')
  fs.writeFileSync(path.join(cronDir, '.placeholder'), '')
  fs.mkdirSync(path.join(cronDir, 'a-directory'))
  return { crontab: path.join(dir, 'crontab'), cronDir }
}

describe('reading /etc/crontab and /etc/cron.d', () => {
  it('reads the files cron would read, in its order, with their user fields', async () => {
    const paths = etc()
    const { sources, problems } = await readSystemCrontabs(paths)
    assert.deepEqual(problems, [])
    assert.deepEqual(
      sources.map((s) => path.basename(s.name)),
      ['crontab', 'e2scrub_all', 'plex-backup'],
    )
    const jobs = collectJobs(sources, { now: Date.parse('2026-03-04T12:00:00Z'), zone: 'UTC', match: MATCH })
    assert.equal(jobs.length, 1)
    assert.equal(jobs[0]?.label, 'Weekly Plex backup')
    assert.equal(jobs[0]?.runsAs, 'root')
    assert.equal(jobs[0]?.source, path.join(paths.cronDir, 'plex-backup'))
    assert.equal(jobs[0]?.described.ok && jobs[0].described.description, 'At 03:00 AM, only on Sunday')
  })

  it('treats a missing /etc/crontab or cron.d as empty', async () => {
    const dir = tempDir()
    const result = await readSystemCrontabs({ crontab: path.join(dir, 'nope'), cronDir: path.join(dir, 'nothing') })
    assert.deepEqual(result, { sources: [], problems: [] })
  })
})
