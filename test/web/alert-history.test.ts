import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createAlertOutbox } from '../../src/alerts/outbox.js'
import type { AlertDecision, AlertEvent } from '../../src/alerts/types.js'
import { createAlertChannelsRepository } from '../../src/db/repositories/alert-channels.js'
import { createAlertsRepository } from '../../src/db/repositories/alerts.js'
import { createRunsRepository } from '../../src/db/repositories/runs.js'
import { buildTestApp, createClient, signedInAs } from '../support/test-app.js'

const NOW = Date.UTC(2026, 10, 27, 2, 5) // 03:05 in Berlin
const MIN = 60_000

async function setUp() {
  const t = buildTestApp({ LOG_TIMEZONE: 'Europe/Berlin' })
  const channels = createAlertChannelsRepository(t.handle.db)
  const channel = (name: string, type: string, events: AlertEvent[]) =>
    channels.create({ name, type, events, enabled: true, config: {}, secret: null, managedBy: null }, NOW - 60 * MIN)
  return { ...t, admin: await signedInAs(t, 'admin', 'admin'), viewer: await signedInAs(t, 'viewer', 'viewer'), channel, outbox: createAlertOutbox({ db: t.handle.db }) }
}

/** The delivery of the alert with `key` to the channel named `channel`. */
async function delivery(t: Awaited<ReturnType<typeof setUp>>, key: string, channel: string): Promise<number> {
  const entries = await createAlertsRepository(t.handle.db).history({ limit: 100, offset: 0 })
  const found = entries.find((a) => a.key === key)?.deliveries.find((d) => d.channelName === channel)
  assert.ok(found, `a delivery of ${key} to ${channel}`)
  return found.id
}

const rowsOf = (html: string) => html.split('<tr data-alert-id=').slice(1)

/** An app with three alerts (a failed run, a missed slot, a recovery) in every delivery state. */
async function withAlerts() {
  const t = await setUp()
  const mail = await t.channel('Ops mail', 'email', ['failed', 'missed', 'recovered'])
  const phone = await t.channel('Phone', 'ntfy', ['failed', 'missed'])
  const run = createRunsRepository(t.handle.sqlite).upsertLogRun(
    {
      run_key: 'log:1', kind: 'backup', job_name: null, status: 'failed', date: '2026-11-26', started_at: NOW - 120 * MIN,
      finished_at: NOW - 100 * MIN, duration_seconds: 1200, exit_code: 23, sent_bytes: null, received_bytes: null,
      total_size_bytes: null, files_transferred: null, error: 'some files vanished', source_file: null, source_start: null,
      source_end: null, parent_run_id: null,
    },
    NOW,
  )
  const failed: AlertDecision = {
    key: 'failed:run:1', event: 'failed', occurredAt: NOW - 100 * MIN, runId: run.id,
    facts: {
      run: {
        id: run.id, kind: 'backup', status: 'failed', date: '2026-11-26', startedAt: NOW - 120 * MIN, finishedAt: NOW - 100 * MIN,
        durationSeconds: 1200, exitCode: 23, sentBytes: null, totalSizeBytes: null, filesTransferred: null, error: 'some files vanished', triggeredBy: 'cron',
      },
    },
  }
  const missed: AlertDecision = { key: 'missed:nightly', event: 'missed', occurredAt: NOW - 5 * MIN, runId: null, facts: { job: 'Nightly backup', expectedAt: NOW - 5 * MIN } }
  const recovered: AlertDecision = { key: 'recovered:1', event: 'recovered', occurredAt: NOW, runId: null, facts: { problemEvent: 'failed' } }
  await t.outbox.enqueue([failed], NOW - 100 * MIN)
  await t.outbox.enqueue([missed], NOW - 4 * MIN)
  await t.outbox.enqueue([recovered], NOW)

  const alerts = createAlertsRepository(t.handle.db)
  await alerts.markSent(await delivery(t, 'failed:run:1', 'Ops mail'), { ok: true, detail: '250 2.0.0 Ok: queued as 4F2A' }, NOW - 99 * MIN)
  const retry = { ok: false as const, detail: 'HTTP 503 Service Unavailable', retryable: true }
  const phoneFailed = await delivery(t, 'failed:run:1', 'Phone')
  await alerts.markRetry(phoneFailed, retry, NOW - 90 * MIN, NOW - 99 * MIN)
  await alerts.markRetry(phoneFailed, retry, NOW + 10 * MIN, NOW - 90 * MIN)
  const mailMissed = await delivery(t, 'missed:nightly', 'Ops mail')
  const evil = { ok: false as const, detail: '<script>alert(1)</script> 554 rejected', retryable: true }
  await alerts.markRetry(mailMissed, evil, NOW - 3 * MIN, NOW - 4 * MIN)
  await alerts.markFailed(mailMissed, evil, NOW - 3 * MIN)
  return { ...t, mail, phone, runId: run.id }
}

const t = await withAlerts()

describe('the alert history page', () => {
  it('sends visitors who are not signed in to the login page and refuses viewers', async () => {
    const res = await createClient(t.app).get('/settings/alerts')
    assert.equal(res.status, 303)
    assert.match(res.headers.get('Location') ?? '', /^\/login\?next=%2Fsettings%2Falerts/)
    assert.equal((await t.viewer.get('/settings/alerts')).status, 403)
  })

  it('lists alerts newest first, when each was decided and what it was about, linking to the run', async () => {
    const res = await t.admin.get('/settings/alerts')
    assert.equal(res.status, 200)
    const html = await res.text()
    assert.match(html, /aria-current="page"><strong>Alert history<\/strong>/, 'the settings pages link to each other')
    const rows = rowsOf(html)
    assert.equal(rows.length, 3)
    assert.match(rows[0]!, /<span class="badge status-ok">Recovered<\/span>/)
    assert.match(rows[0]!, /Backups work again after a failed backup/)
    assert.match(rows[1]!, /<span class="badge status-fail">Missed<\/span>/)
    assert.match(rows[1]!, /Nightly backup due 03:00 did not start/)
    assert.match(rows[1]!, /2026-11-27 03:01 /, 'decided, in the server zone')
    assert.match(rows[2]!, /<span class="badge status-fail">Failed<\/span>/)
    assert.match(rows[2]!, new RegExp(`<a href="/logs/${t.runId}">Backup of 2026-11-26 failed \\(exit 23\\)</a>`))
    assert.match(rows[2]!, /<time datetime="2026-11-27T00:25:00.000Z" title="(\d+ (min|h|days?) ago|in \d+ (min|h|days?)|just now) · 2026-11-27 01:25:00 [^"]*">2026-11-27 01:25 /)
  })

  it('shows each delivery with its channel, what became of it and the answer it got', async () => {
    const [recovered, missed, failed] = rowsOf(await (await t.admin.get('/settings/alerts')).text())
    assert.match(failed!, /<strong>Ops mail<\/strong> <span class="muted">\(email\)<\/span>: <span class="badge status-ok">Sent<\/span> at <time[^>]*>2026-11-27 01:26 /)
    assert.match(failed!, /250 2.0.0 Ok: queued as 4F2A/)
    assert.match(failed!, /<strong>Phone<\/strong>[^]*Pending<\/span>: next try at <time[^>]*>2026-11-27 03:15 [^<]*<\/time> after 2 attempts/)
    assert.match(failed!, /HTTP 503 Service Unavailable/)
    assert.match(missed!, /<strong>Ops mail<\/strong>[^]*Failed<\/span> after 2 attempts/)
    assert.match(missed!, /<strong>Phone<\/strong>[^]*Pending<\/span>: first try at /)
    assert.match(recovered!, /<strong>Ops mail<\/strong>[^]*Pending<\/span>: first try at /)
    assert.doesNotMatch(recovered!, /Phone/, 'the phone does not receive recoveries')
  })

  it('shows an answer containing markup as text', async () => {
    const html = await (await t.admin.get('/settings/alerts')).text()
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt; 554 rejected'))
    assert.ok(!html.includes('<script>alert(1)'))
  })

  it('narrows the rows by event and by channel, keeping the choice in the form', async () => {
    const byEvent = await (await t.admin.get('/settings/alerts?event=missed')).text()
    assert.equal(rowsOf(byEvent).length, 1)
    assert.match(byEvent, /Nightly backup due 03:00/)
    assert.match(byEvent, /<option value="missed" selected="">Missed<\/option>/)
    const byChannel = await (await t.admin.get(`/settings/alerts?channel=${t.phone.id}`)).text()
    assert.equal(rowsOf(byChannel).length, 2, 'the recovery never went to the phone')
    assert.doesNotMatch(byChannel, /Backups work again/)
    assert.match(byChannel, new RegExp(`<option value="${t.phone.id}" selected="">Phone</option>`))
    const none = await (await t.admin.get(`/settings/alerts?event=digest&channel=${t.mail.id}`)).text()
    assert.equal(rowsOf(none).length, 0)
    assert.match(none, /No alerts match these filters\./)
  })

  it('answers an htmx request with the results alone', async () => {
    const html = await (await t.admin.get('/settings/alerts?event=failed', { 'HX-Request': 'true' })).text()
    assert.match(html, /^<div id="alert-results">/)
    assert.doesNotMatch(html, /<html|<form/)
    assert.equal(rowsOf(html).length, 1)
  })

  it('refuses bad filter values with 400 and says what is wrong', async () => {
    const cases: [string, RegExp][] = [
      ['event=exploded', /event: must be one of failed, missed, hung, interrupted, recovered, reminder, digest/],
      ['channel=phone', /channel: must be a channel number/],
      ['channel=999', /channel: there is no channel number 999 \(it may have been removed\)/],
      ['page=0', /page: must be 1 or more/],
    ]
    for (const [query, reason] of cases) {
      const res = await t.admin.get(`/settings/alerts?${query}`)
      assert.equal(res.status, 400, query)
      assert.match(await res.text(), reason)
    }
  })
})

describe('the alert history page with many or no alerts', () => {
  it('pages 30 alerts 25 at a time, with htmx links that keep the filters and the address in sync', async () => {
    const t = await setUp()
    await t.channel('Ops mail', 'email', ['missed'])
    for (let i = 1; i <= 30; i++) {
      await t.outbox.enqueue([{ key: `missed:${i}`, event: 'missed', occurredAt: NOW + i * MIN, runId: null, facts: { job: `Job ${i}` } }], NOW + i * MIN)
    }
    const first = await (await t.admin.get('/settings/alerts?event=missed')).text()
    assert.equal(rowsOf(first).length, 25)
    assert.match(rowsOf(first)[0]!, /Job 30 did not start/)
    assert.match(first, /Alerts 1–25 of 30/)
    assert.match(first, /Page 1 of 2/)
    const next = '/settings/alerts?event=missed&amp;page=2'
    assert.ok(first.includes(`<a href="${next}" hx-get="${next}" hx-target="#alert-results" hx-swap="outerHTML" hx-push-url="true" rel="next">`))

    const second = await (await t.admin.get('/settings/alerts?event=missed&page=2', { 'HX-Request': 'true' })).text()
    const rows = rowsOf(second)
    assert.equal(rows.length, 5)
    assert.match(rows[0]!, /Job 5 did not start/)
    assert.match(rows[4]!, /Job 1 did not start/)
    assert.match(second, /Alerts 26–30 of 30/)
    assert.match(second, /href="\/settings\/alerts\?event=missed" [^>]*rel="prev"/)
  })

  it('teaches what alerts are and where to set them up when there are none yet', async () => {
    const t = await setUp()
    const html = await (await t.admin.get('/settings/alerts')).text()
    assert.equal(rowsOf(html).length, 0)
    assert.match(html, /No alerts yet\. Alerts are decided when a backup fails, is missed, hangs, is interrupted or recovers/)
    assert.match(html, /<a href="\/settings\/notifications">Notifications page<\/a>/)
  })
})
