import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseCrontab, replaceSchedule, serializeCrontab } from '../../src/schedule/crontab-parse.js'

const USER_CRONTAB = [
  '# m h dom mon dow command',
  'MAILTO=""',
  'PATH = /usr/local/bin:/usr/bin:/bin',
  "CRON_TZ='Europe/Berlin'",
  '',
  '# Plex backup, Sunday night',
  '0\t3 * *   0   /usr/local/bin/backup-plex.sh >> /var/log/plex-backup.log 2>&1   ',
  '@reboot /usr/local/bin/mount-nas.sh',
  '*/15 1-5 * JAN,feb MON-FRI FOO=bar /bin/echo "%s"',
  '',
].join('\n')

describe('parsing a crontab', () => {
  it('tells jobs, settings, comments and blank lines apart', () => {
    const lines = parseCrontab(USER_CRONTAB)
    assert.deepEqual(
      lines.map((l) => l.kind),
      ['comment', 'env', 'env', 'env', 'blank', 'comment', 'job', 'job', 'job', 'blank'],
    )
  })

  it('reads NAME=value settings with spaces and quotes the way cron does', () => {
    const env = parseCrontab(USER_CRONTAB).flatMap((l) => (l.kind === 'env' ? [[l.name, l.value]] : []))
    assert.deepEqual(env, [
      ['MAILTO', ''],
      ['PATH', '/usr/local/bin:/usr/bin:/bin'],
      ['CRON_TZ', 'Europe/Berlin'],
    ])
  })

  it('splits a job into its schedule and its command, whatever the spacing', () => {
    const jobs = parseCrontab(USER_CRONTAB).filter((l) => l.kind === 'job')
    assert.deepEqual(
      jobs.map((j) => [j.schedule, j.command, j.user]),
      [
        ['0 3 * * 0', '/usr/local/bin/backup-plex.sh >> /var/log/plex-backup.log 2>&1', null],
        ['@reboot', '/usr/local/bin/mount-nas.sh', null],
        ['*/15 1-5 * JAN,feb MON-FRI', 'FOO=bar /bin/echo "%s"', null],
      ],
    )
  })

  it('reads the user field of system crontabs', () => {
    const [job, reboot] = parseCrontab('17 * * * * root cd / && run-parts --report /etc/cron.hourly\n@reboot plex /opt/start', { system: true })
    assert.equal(job?.kind === 'job' && job.user, 'root')
    assert.equal(job?.kind === 'job' && job.command, 'cd / && run-parts --report /etc/cron.hourly')
    assert.equal(reboot?.kind === 'job' && reboot.user, 'plex')
  })

  it('marks lines cron could not use as invalid, with the reason, and keeps them', () => {
    const lines = parseCrontab('0 3 * *\n0 3 * * * root\nthis is not cron\n', { system: true })
    assert.deepEqual(
      lines.map((l) => (l.kind === 'invalid' ? l.reason : l.kind)),
      ['a job needs five time fields and a command', 'the job has no command', 'neither a job, a NAME=value setting nor a comment', 'blank'],
    )
  })

  it('gives back exactly the text it read, CRLF and trailing spaces included', () => {
    for (const text of [USER_CRONTAB, 'a=b\r\n0 3 * * * x\r\n', '', 'no newline at the end 0 0 * * * x']) {
      assert.equal(serializeCrontab(parseCrontab(text)), text)
    }
  })
})

describe('rewriting a schedule', () => {
  it('changes only the schedule of the chosen line and keeps every other byte', () => {
    const updated = replaceSchedule(USER_CRONTAB, 6, '30 4 * * 1-5')
    const before = USER_CRONTAB.split('\n')
    const after = updated.split('\n')
    assert.equal(after.length, before.length)
    for (let i = 0; i < before.length; i++) if (i !== 6) assert.equal(after[i], before[i], `line ${i + 1} is untouched`)
    assert.equal(after[6], '30 4 * * 1-5   /usr/local/bin/backup-plex.sh >> /var/log/plex-backup.log 2>&1   ')
  })

  it('swaps five fields for a macro and back', () => {
    const macro = replaceSchedule(USER_CRONTAB, 6, '@weekly')
    assert.equal(macro.split('\n')[6], '@weekly   /usr/local/bin/backup-plex.sh >> /var/log/plex-backup.log 2>&1   ')
    assert.equal(replaceSchedule(macro, 6, '0 3 * * 0').split('\n')[6], '0 3 * * 0   /usr/local/bin/backup-plex.sh >> /var/log/plex-backup.log 2>&1   ')
  })

  it('never lets a newline in the new schedule start a line of its own', () => {
    const updated = replaceSchedule(USER_CRONTAB, 7, '0\n3 * * *')
    assert.equal(updated.split('\n').length, USER_CRONTAB.split('\n').length)
    assert.equal(updated.split('\n')[7], '0 3 * * * /usr/local/bin/mount-nas.sh')
  })

  it('refuses to rewrite a line that is not a job', () => {
    assert.throws(() => replaceSchedule(USER_CRONTAB, 1, '0 3 * * *'), /line 2 of the crontab is not a job/)
    assert.throws(() => replaceSchedule(USER_CRONTAB, 99, '0 3 * * *'), /not a job/)
  })
})
