import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { closedPort } from '../support/closed-port.js'
import { at, MINUTE, PUBLIC_ORIGIN, T0 } from './engine-harness.js'
import { RSYNC_ERROR } from './engine-log.js'
import { RECIPIENTS, withEmail } from './engine-smtp.js'

const PARTIAL_TRANSFER = '23 (partial transfer: some files or attributes were not transferred)'

describe('alert engine by email (SMTP)', () => {
  it('emails one alert about a backup that fails after following began, and nothing more on the next check', async (t) => {
    const { h, mails } = await withEmail(t)
    await h.startFollowing()
    assert.equal(mails().length, 0)

    h.log.append({ status: 'failed', exitCode: 23, startedAt: at('01:01'), endedAt: at('01:05') })
    h.advanceTo(at('01:06'))
    await h.importLog()
    assert.deepEqual(await h.engine.check(), { sent: 1, retrying: 0, failed: 0 })

    const [mail] = mails()
    assert.ok(mail)
    const [run] = await h.runs()
    const link = `${PUBLIC_ORIGIN}/logs/${run!.id}`
    assert.equal(mail.subject, '[RePlexOn] Backup FAILED on 2026-03-10 (exit 23)')
    assert.deepEqual(mail.to, RECIPIENTS)
    assert.deepEqual(mail.envelopeTo, RECIPIENTS)
    for (const body of [mail.text, mail.html]) {
      assert.ok(body.includes(RSYNC_ERROR), `the body quotes rsync's error: ${body}`)
      assert.ok(body.includes(PARTIAL_TRANSFER), 'the body says what exit code 23 means')
      assert.ok(body.includes('2026-03-10 01:01 UTC (UTC)'), 'the body says when it started, in the zone')
      assert.ok(body.includes('2026-03-10 01:05 UTC (UTC)'), 'the body says when it ended, in the zone')
    }
    assert.ok(mail.text.includes(`Open the run in RePlexOn: ${link}`), mail.text)
    assert.deepEqual(mail.links, [link])

    h.advanceTo(at('01:07'))
    await h.engine.check()
    assert.equal(mails().length, 1, 'the failure is alerted once')
    assert.deepEqual((await h.history()).map((a) => [a.event, a.deliveries.map((d) => d.status)]), [['failed', ['sent']]])
    assert.deepEqual(h.errors, [])
  })

  it('counts a run that ends in the second following began, not one that ended the second before', async (t) => {
    const { h, mails } = await withEmail(t)
    await h.startFollowing()
    h.log.append(
      { status: 'failed', exitCode: 12, startedAt: T0 - 10 * MINUTE, endedAt: T0 - 1000 },
      { status: 'failed', exitCode: 23, startedAt: T0 - 30_000, endedAt: T0 },
    )
    h.advanceTo(T0 + MINUTE)
    await h.importLog()
    await h.engine.check()

    assert.deepEqual(mails().map((m) => m.subject), ['[RePlexOn] Backup FAILED on 2026-03-10 (exit 23)'])
  })

  it('emails "recovered" once when a backup succeeds after a failure', async (t) => {
    const { h, mails } = await withEmail(t)
    await h.startFollowing()
    h.log.append({ status: 'failed', exitCode: 23, startedAt: at('01:01'), endedAt: at('01:05') })
    h.advanceTo(at('01:06'))
    await h.importLog()
    await h.engine.check()

    h.log.append({ status: 'success', startedAt: at('02:00'), endedAt: at('02:10') })
    h.advanceTo(at('02:11'))
    await h.importLog()
    await h.engine.check()
    h.advanceTo(at('02:12'))
    await h.engine.check()

    assert.deepEqual(mails().map((m) => m.subject), ['[RePlexOn] Backup FAILED on 2026-03-10 (exit 23)', '[RePlexOn] Backups recovered'])
    const recovered = mails()[1]!
    const success = (await h.runs()).find((r) => r.status === 'success')!
    assert.deepEqual(recovered.to, RECIPIENTS)
    for (const body of [recovered.text, recovered.html]) {
      assert.ok(body.includes('Backups work again: the backup of 2026-03-10 succeeded, after a failed backup since 2026-03-10 01:05 UTC (UTC).'), body)
      assert.ok(body.includes('2026-03-10 02:10 UTC (UTC)'), 'the body says when the good backup ended')
    }
    assert.deepEqual(recovered.links, [`${PUBLIC_ORIGIN}/logs/${success.id}`])
  })

  it('sends nothing about failures that were already in the log when following began', async (t) => {
    const { h, mails } = await withEmail(t)
    h.log.append(
      { status: 'failed', exitCode: 10, startedAt: Date.UTC(2026, 2, 1, 2, 30), endedAt: Date.UTC(2026, 2, 1, 2, 31) },
      { status: 'success', startedAt: Date.UTC(2026, 2, 2, 2, 30), endedAt: Date.UTC(2026, 2, 2, 2, 40) },
      { status: 'failed', exitCode: 23, startedAt: Date.UTC(2026, 2, 9, 2, 30), endedAt: Date.UTC(2026, 2, 9, 2, 35) },
    )
    await h.importLog()
    await h.startFollowing()
    h.advanceTo(at('01:30'))
    await h.engine.check()
    assert.equal(mails().length, 0, 'history is not news')

    // Nor is the first good backup after it a recovery: no problem was ever alerted.
    h.log.append({ status: 'success', startedAt: at('02:00'), endedAt: at('02:10') })
    h.advanceTo(at('02:11'))
    await h.importLog()
    await h.engine.check()
    assert.equal(mails().length, 0)
    assert.deepEqual(await h.history(), [])
  })

  it('shows the times of a failure across the spring-forward night in the zone of the logs', async (t) => {
    const zone = 'America/Chicago'
    // 00:00 CST on 2026-03-08; clocks jump from 02:00 CST to 03:00 CDT.
    const start = Date.UTC(2026, 2, 8, 6, 0)
    const { h, mails } = await withEmail(t, { start, zone, style: 'en_US' })
    await h.startFollowing()
    h.log.append({ status: 'failed', exitCode: 23, startedAt: Date.UTC(2026, 2, 8, 7, 50), endedAt: Date.UTC(2026, 2, 8, 8, 5) })
    h.advanceTo(Date.UTC(2026, 2, 8, 8, 10))
    await h.importLog()
    await h.engine.check()

    const [mail] = mails()
    assert.equal(mail?.subject, '[RePlexOn] Backup FAILED on 2026-03-08 (exit 23)')
    assert.match(mail.text, /Started: +2026-03-08 01:50 (CST|GMT-6) \(America\/Chicago\)/)
    assert.match(mail.text, /Finished: +2026-03-08 03:05 (CDT|GMT-5) \(America\/Chicago\)/)
    assert.match(mail.text, /Duration: +15 ?min/)
    assert.match(mail.text, /Times are in America\/Chicago\./)
  })

  it(
    'warns of a hung backup that was already running when following began',
    async (t) => {
      const { h, mails } = await withEmail(t)
      h.log.begin(T0 - MINUTE)
      await h.importLog()
      await h.startFollowing()
      h.advanceTo(at('02:30'))
      await h.importLog()
      await h.engine.check()

      assert.equal((await h.runs())[0]?.status, 'running')
      assert.deepEqual(mails().map((m) => m.subject), ['[RePlexOn] Backup running for 1 h 31 min (hung?)'])
    },
  )

  it('keeps a delivery to an unreachable mail server pending with the reason, and the check completes', async (t) => {
    const port = await closedPort()
    const { h, email } = await withEmail(t, {}, { port })
    await h.startFollowing()
    h.log.append({ status: 'failed', exitCode: 23, startedAt: at('01:01'), endedAt: at('01:05') })
    h.advanceTo(at('01:06'))
    await h.importLog()

    assert.deepEqual(await h.engine.check(), { sent: 0, retrying: 1, failed: 0 })
    const reason = `could not connect to 127.0.0.1:${port}: connection refused`
    const [alert] = await h.history()
    assert.equal(alert?.event, 'failed')
    assert.deepEqual(
      alert.deliveries.map((d) => ({ status: d.status, attempts: d.attempts, lastResult: d.lastResult, nextAttemptAt: d.nextAttemptAt })),
      [{ status: 'pending', attempts: 1, lastResult: reason, nextAttemptAt: at('01:06') + 30_000 }],
    )
    const channel = await h.channel(email.id)
    assert.equal(channel?.consecutiveFailures, 1)
    assert.equal(channel.lastError, reason)
    assert.deepEqual(h.errors, [])
  })
})
