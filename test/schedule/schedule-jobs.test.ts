import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isBackupJob, jobLabel } from '../../src/schedule/backup-job.js'
import { collectJobs, jobsOf, type CrontabSource } from '../../src/schedule/schedule-jobs.js'

const MATCH = { scriptPath: '/usr/local/bin/backup-plex.sh', logPath: '/var/log/plex-backup.log' }
const NOW = Date.parse('2026-03-04T12:00:00Z')

function source(text: string, system = false): CrontabSource {
  return { name: system ? '/etc/cron.d/test' : 'crontab of root', text, system, owner: system ? null : 'root' }
}

describe('recognising the backup job', () => {
  it('matches the script or the log by full path or by file name', () => {
    assert.ok(isBackupJob('/usr/local/bin/backup-plex.sh', MATCH))
    assert.ok(isBackupJob('bash /root/scripts/backup-plex.sh --quiet', MATCH))
    assert.ok(isBackupJob('/opt/other.sh >> /var/log/plex-backup.log 2>&1', MATCH))
    assert.ok(isBackupJob('/opt/other.sh >>/srv/logs/plex-backup.log', MATCH))
  })

  it('does not match a longer file name that merely contains it', () => {
    assert.equal(isBackupJob('/usr/local/bin/old-backup-plex.sh.bak', MATCH), false)
    assert.equal(isBackupJob('cd / && run-parts --report /etc/cron.hourly', MATCH), false)
  })

  it('also matches the words configured in BACKUP_JOB_MATCH, anywhere in the command', () => {
    const match = { ...MATCH, extra: ['plexsync', 'docker exec plex-backup'] }
    assert.ok(isBackupJob('/opt/bin/run-plexsync-nightly', match))
    assert.ok(isBackupJob('docker exec plex-backup /backup.sh', match))
    assert.equal(isBackupJob('/opt/bin/run-plexsync-nightly', MATCH), false)
  })

  it('names a job after the comment just above it, else "Plex backup", else its command', () => {
    assert.equal(jobLabel('/usr/local/bin/backup-plex.sh', 'Nightly Plex backup', true), 'Nightly Plex backup')
    assert.equal(jobLabel('/usr/local/bin/backup-plex.sh', null, true), 'Plex backup')
    assert.equal(jobLabel('/usr/sbin/logrotate /etc/logrotate.conf', null, false), '/usr/sbin/logrotate /etc/logrotate.conf')
    assert.equal(jobLabel(`/bin/echo ${'x'.repeat(100)}`, null, false).length, 70)
    assert.equal(jobLabel('/usr/local/bin/backup-plex.sh', '0 4 * * * /usr/local/bin/backup-plex.sh', true), 'Plex backup', 'a commented-out job is no label')
  })
})

describe('collecting the jobs of crontabs', () => {
  const text = [
    'MAILTO=admin@example.net',
    '# Plex backup',
    '0 3 * * 0 /usr/local/bin/backup-plex.sh',
    '@reboot /usr/local/bin/mount-nas.sh',
    'CRON_TZ=America/New_York',
    '30 2 * * * /usr/local/bin/backup-plex.sh --quick',
    'CRON_TZ=Nowhere/Special',
    '0 1 * * * /usr/local/bin/backup-plex.sh',
  ].join('\n')

  it('keeps only the backup jobs unless all are asked for', () => {
    assert.deepEqual(collectJobs([source(text)], { now: NOW, zone: 'UTC', match: MATCH }).map((j) => j.line), [2, 5, 7])
    assert.equal(collectJobs([source(text)], { now: NOW, zone: 'UTC', match: MATCH, all: true }).length, 4)
  })

  it('carries the environment in effect and moves jobs below CRON_TZ into that zone', () => {
    const [sunday, reboot, quick, broken] = jobsOf(source(text), { now: NOW, zone: 'Europe/Berlin', match: MATCH })
    assert.equal(sunday?.label, 'Plex backup')
    assert.equal(sunday?.env.MAILTO, 'admin@example.net')
    assert.equal(sunday?.described.zone, 'Europe/Berlin')
    assert.equal(sunday?.zoneFromCrontab, false)
    assert.equal(reboot?.described.ok && reboot.described.description, 'At every boot')
    assert.equal(quick?.described.zone, 'America/New_York')
    assert.equal(quick?.zoneFromCrontab, true)
    assert.equal(quick?.described.ok && new Date(quick.described.nextRuns[0]!).toISOString(), '2026-03-05T07:30:00.000Z')
    assert.equal(broken?.described.ok, false, 'an unknown CRON_TZ is shown as a problem, not guessed')
  })

  it('lets only jobs of the cron user\'s own crontab be edited, and gives system jobs their user', () => {
    const [own] = jobsOf(source('0 3 * * 0 /usr/local/bin/backup-plex.sh'), { now: NOW, zone: 'UTC', match: MATCH })
    const [system] = jobsOf(source('0 3 * * 0 plex /usr/local/bin/backup-plex.sh', true), { now: NOW, zone: 'UTC', match: MATCH })
    assert.equal(own?.editable, true)
    assert.equal(own?.runsAs, 'root')
    assert.equal(system?.editable, false)
    assert.equal(system?.runsAs, 'plex')
  })
})
