import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { at, crontabSkip, PUBLIC_ORIGIN } from './engine-harness.js'
import { RECIPIENTS, withEmail } from './engine-smtp.js'

const CRONTAB = ['# Nightly Plex backup', '30 2 * * * /usr/local/bin/backup-plex.sh >> /var/log/plex-backup.log 2>&1', ''].join('\n')

describe('alert engine: missed runs by the crontab', { skip: crontabSkip }, () => {
  it('emails a missed run once its slot and the hour of grace have passed with no backup started', async (t) => {
    const { h, mails } = await withEmail(t, { crontab: CRONTAB })
    await h.startFollowing()
    h.advanceTo(at('03:29'))
    await h.engine.check()
    assert.equal(mails().length, 0, 'still within the grace')

    h.advanceTo(at('03:31'))
    await h.engine.check()
    h.advanceTo(at('04:00'))
    await h.engine.check()

    assert.equal(mails().length, 1)
    const [mail] = mails()
    assert.equal(mail?.subject, '[RePlexOn] Backup missed: Nightly Plex backup was due 02:30')
    assert.deepEqual(mail.to, RECIPIENTS)
    for (const body of [mail.text, mail.html]) {
      assert.ok(body.includes('Nightly Plex backup was due at 2026-03-10 02:30 UTC (UTC), but no backup started around that time.'), body)
    }
    assert.deepEqual(mail.links, [`${PUBLIC_ORIGIN}/dashboard`])
  })

  it('waits only ALERT_GRACE after the slot when it is set', async (t) => {
    const { h, mails } = await withEmail(t, { crontab: CRONTAB, env: { ALERT_GRACE: '10m' } })
    await h.startFollowing()
    h.advanceTo(at('02:39'))
    await h.engine.check()
    assert.equal(mails().length, 0)

    h.advanceTo(at('02:41'))
    await h.engine.check()
    assert.deepEqual(mails().map((m) => m.subject), ['[RePlexOn] Backup missed: Nightly Plex backup was due 02:30'])
  })

  it('counts a backup that started ten minutes before its slot (clock skew) as that slot\'s run', async (t) => {
    const { h, mails } = await withEmail(t, { crontab: CRONTAB })
    await h.startFollowing()
    h.log.append({ status: 'success', startedAt: at('02:20'), endedAt: at('02:40') })
    h.advanceTo(at('02:45'))
    await h.importLog()
    await h.engine.check()
    h.advanceTo(at('03:31'))
    await h.engine.check()
    assert.equal(mails().length, 0)

    // The next night has no run at all: only that slot is missed.
    h.advanceTo(Date.parse('2026-03-11T03:31:00Z'))
    await h.engine.check()
    assert.deepEqual(mails().map((m) => m.text.split('\n')[0]), [
      'Nightly Plex backup was due at 2026-03-11 02:30 UTC (UTC), but no backup started around that time.',
    ])
  })

  it('emails one recovery when a backup succeeds after a missed run', async (t) => {
    const { h, mails } = await withEmail(t, { crontab: CRONTAB })
    await h.startFollowing()
    h.advanceTo(at('03:31'))
    await h.engine.check()
    h.log.append({ status: 'success', startedAt: at('04:00'), endedAt: at('04:10') })
    h.advanceTo(at('04:11'))
    await h.importLog()
    await h.engine.check()

    assert.deepEqual(mails().map((m) => m.subject), ['[RePlexOn] Backup missed: Nightly Plex backup was due 02:30', '[RePlexOn] Backups recovered'])
    assert.ok(mails()[1]!.text.startsWith('Backups work again: the backup of 2026-03-10 succeeded, after a missed backup since 2026-03-10 02:30 UTC (UTC).'))
  })

  it('expects a 02:30 job at 03:00 on the spring-forward night, as cron runs it then', async (t) => {
    const zone = 'America/Chicago'
    const { h, mails } = await withEmail(t, { crontab: CRONTAB, zone, style: 'en_US', start: Date.UTC(2026, 2, 8, 6, 0) })
    await h.startFollowing()
    // 04:01 CDT: the hour of grace after 03:00 CDT has passed.
    h.advanceTo(Date.UTC(2026, 2, 8, 9, 1))
    await h.engine.check()

    assert.deepEqual(mails().map((m) => m.subject), ['[RePlexOn] Backup missed: Nightly Plex backup was due 03:00'])
    assert.match(mails()[0]!.text, /was due at 2026-03-08 03:00 (CDT|GMT-5) \(America\/Chicago\)/)
  })
})
