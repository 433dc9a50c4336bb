import assert from 'node:assert/strict'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, describe, it } from 'node:test'
import { createAlertChannelsRepository } from '../../src/db/repositories/alert-channels.js'
import { createSecretBox } from '../../src/alerts/secret-box.js'
import { closedPort } from '../support/closed-port.js'
import { startSmtpSink } from '../support/smtp-sink.js'
import { buildTestApp, csrfFrom, signedInAs } from '../support/test-app.js'

async function setUp(overrides: Record<string, string> = {}) {
  const t = buildTestApp(overrides)
  const admin = await signedInAs(t, 'admin', 'admin')
  const token = csrfFrom(await (await admin.get('/settings/notifications')).text())
  const post = (path: string, form: Record<string, string | string[]>) => admin.post(path, { _csrf: token, ...form })
  return { ...t, admin, viewer: await signedInAs(t, 'viewer', 'viewer'), post, channels: createAlertChannelsRepository(t.handle.db) }
}

/** A local HTTP listener answering `status`, remembering the bodies it got. */
async function listener(status = 200) {
  const bodies: string[] = []
  const server = http.createServer((req, res) => {
    let body = ''
    req.on('data', (d) => (body += d))
    req.on('end', () => {
      bodies.push(body)
      res.writeHead(status).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  after(() => server.close())
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies }
}

describe('the notifications settings page', () => {
  it('is for admins only, and says plainly when no channel would tell anyone', async () => {
    const t = await setUp()
    assert.equal((await t.viewer.get('/settings/notifications')).status, 403)
    const html = await (await t.admin.get('/settings/notifications')).text()
    assert.match(html, /No channel yet: nobody hears about a failed backup/)
    for (const label of ['Email \\(SMTP\\)', 'ntfy', 'Discord', 'Gotify']) assert.match(html, new RegExp(`>${label}<`))
    assert.match(html, /action="\/settings\/notifications\/rules"/)
  })

  it('adds a channel, refusing a bad form with 400 and the reasons next to the fields', async () => {
    const t = await setUp()
    const bad = await t.post('/settings/notifications/channels', { type: 'ntfy', name: 'Phone', server: 'https://ntfy.sh', topic: '', events: ['failed'], enabled: 'on' })
    assert.equal(bad.status, 400)
    const html = await bad.text()
    assert.match(html, /Not added: see the marked fields/)
    assert.match(html, /id="problem-topic"/)
    assert.deepEqual(await t.channels.list(), [])

    const noEvents = await t.post('/settings/notifications/channels', { type: 'ntfy', name: 'Phone', server: 'https://ntfy.sh', topic: 'plex', enabled: 'on' })
    assert.equal(noEvents.status, 400)
    assert.match(await noEvents.text(), /choose at least one event/)

    const unknownType = await t.post('/settings/notifications/channels', { type: 'carrier-pigeon', name: 'x' })
    assert.equal(unknownType.status, 400)

    const ok = await t.post('/settings/notifications/channels', { type: 'ntfy', name: 'Phone', server: 'https://ntfy.sh', topic: 'plex-alerts', token: 'tk_secret_value', events: ['failed', 'missed'], enabled: 'on' })
    assert.equal(ok.status, 303)
    const [channel] = await t.channels.list()
    assert.deepEqual([channel?.name, channel?.type, channel?.events, channel?.enabled], ['Phone', 'ntfy', ['failed', 'missed'], true])
    assert.ok(channel?.secret && !channel.secret.includes('tk_secret_value'), 'the token is stored sealed')
    const page = await (await t.admin.get(ok.headers.get('Location')!)).text()
    assert.match(page, /Channel added/)
    assert.match(page, /<strong>Phone<\/strong>/)
  })

  it('never shows a stored secret again, and keeps it when the field is left empty', async () => {
    const t = await setUp()
    await t.post('/settings/notifications/channels', { type: 'gotify', name: 'Gotify', server: 'https://gotify.example.net', token: 'AbCdEf123456', events: ['failed'], enabled: 'on' })
    const [channel] = await t.channels.list()
    const edit = await (await t.admin.get(`/settings/notifications?edit=${channel!.id}`)).text()
    assert.doesNotMatch(edit, /AbCdEf123456/)
    assert.match(edit, /stored; leave empty to keep it/)
    const saved = await t.post(`/settings/notifications/channels/${channel!.id}`, { name: 'Gotify at home', server: 'https://gotify.example.net', token: '', events: ['failed', 'recovered'], enabled: 'on' })
    assert.equal(saved.status, 303)
    const after = (await t.channels.findById(channel!.id))!
    assert.equal(after.name, 'Gotify at home')
    assert.deepEqual(createSecretBox(t.config.secretKey).open(after.secret!), { token: 'AbCdEf123456' }, 'the token is kept')
  })

  it('reports the real outcome of "Send test": the HTTP status, or why it could not connect', async () => {
    const t = await setUp()
    const hook = await listener(200)
    await t.post('/settings/notifications/channels', { type: 'webhook', name: 'Hook', url: hook.url, events: ['failed'], enabled: 'on' })
    const [channel] = await t.channels.list()
    const sent = await t.post(`/settings/notifications/channels/${channel!.id}/test`, {})
    assert.equal(sent.status, 200)
    assert.match(await sent.text(), /data-testid="test-result">Test sent through &quot;Hook&quot;: HTTP 200 OK/)
    assert.equal(hook.bodies.length, 1)
    assert.match(hook.bodies[0]!, /"event":"test"/)

    const port = await closedPort()
    await t.post(`/settings/notifications/channels/${channel!.id}`, { name: 'Hook', url: `http://127.0.0.1:${port}/hook`, events: ['failed'], enabled: 'on' })
    const failed = await (await t.post(`/settings/notifications/channels/${channel!.id}/test`, {})).text()
    assert.match(failed, /Test through &quot;Hook&quot; failed: .*connection refused/)
  })

  it('sends a test email through a real SMTP server and shows its answer; a missing host is a 400, not a crash', async () => {
    const sink = await startSmtpSink()
    after(() => sink.close())
    const t = await setUp()
    const noHost = await t.post('/settings/notifications/channels', { type: 'email', name: 'Mail', host: '', port: 'abc', security: 'none', from: 'replexon@example.net', to: 'me@example.net', events: ['failed'], enabled: 'on' })
    assert.equal(noHost.status, 400)
    const problems = await noHost.text()
    assert.match(problems, /id="problem-host"/)
    assert.match(problems, /id="problem-port"/)

    await t.post('/settings/notifications/channels', { type: 'email', name: 'Mail', host: '127.0.0.1', port: String(sink.port), security: 'none', from: 'replexon@example.net', to: 'me@example.net', events: ['failed'], enabled: 'on' })
    const [channel] = await t.channels.list()
    const html = await (await t.post(`/settings/notifications/channels/${channel!.id}/test`, {})).text()
    assert.match(html, /Test sent through &quot;Mail&quot;: 250 /)
    assert.equal(sink.messages.length, 1)
    assert.deepEqual(sink.messages[0]!.to, ['me@example.net'])
  })

  it('says on the page when the SMTP server refuses the password or cannot be reached', async () => {
    const sink = await startSmtpSink({ login: { user: 'alerts', pass: 'right password' } })
    after(() => sink.close())
    const t = await setUp()
    await t.post('/settings/notifications/channels', { type: 'email', name: 'Mail', host: '127.0.0.1', port: String(sink.port), security: 'none', username: 'alerts', password: 'wrong password', from: 'replexon@example.net', to: 'me@example.net', events: ['failed'], enabled: 'on' })
    const [channel] = await t.channels.list()
    const refused = await t.post(`/settings/notifications/channels/${channel!.id}/test`, {})
    assert.equal(refused.status, 200)
    const html = await refused.text()
    assert.match(html, /failed: the server refused the username or password: 535/)
    assert.doesNotMatch(html, /wrong password/)
    const port = await closedPort()
    await t.post(`/settings/notifications/channels/${channel!.id}`, { name: 'Mail', host: '127.0.0.1', port: String(port), security: 'none', username: 'alerts', password: '', from: 'replexon@example.net', to: 'me@example.net', events: ['failed'], enabled: 'on' })
    const unreachable = await (await t.post(`/settings/notifications/channels/${channel!.id}/test`, {})).text()
    assert.match(unreachable, new RegExp(`failed: could not connect to 127\\.0\\.0\\.1:${port}: connection refused`))
    assert.equal(sink.messages.length, 0)
  })

  it('switches a channel off and on, and removes it', async () => {
    const t = await setUp()
    await t.post('/settings/notifications/channels', { type: 'ntfy', name: 'Phone', server: 'https://ntfy.sh', topic: 'plex', events: ['failed'], enabled: 'on' })
    const [channel] = await t.channels.list()
    assert.equal((await t.post(`/settings/notifications/channels/${channel!.id}/toggle`, {})).status, 303)
    assert.equal((await t.channels.findById(channel!.id))?.enabled, false)
    assert.equal((await t.post(`/settings/notifications/channels/${channel!.id}/delete`, {})).status, 303)
    assert.deepEqual(await t.channels.list(), [])
    assert.equal((await t.post(`/settings/notifications/channels/${channel!.id}/delete`, {})).status, 404)
    assert.equal((await t.admin.get('/settings/notifications?edit=abc')).status, 400)
  })

  it('shows the email settings from SMTP_* read-only and keeps that channel from being removed', async () => {
    const t = await setUp({ SMTP_HOST: 'mail.example.net', SMTP_USER: 'alerts', SMTP_PASSWORD: 'from-the-env', SMTP_FROM: 'replexon@example.net', ALERT_EMAIL_TO: 'ops@example.net' })
    const engine = await t.services.alerts()
    await engine.start()
    after(() => engine.stop())
    const [channel] = await t.channels.list()
    assert.equal(channel?.managedBy, 'env')
    const edit = await (await t.admin.get(`/settings/notifications?edit=${channel!.id}`)).text()
    assert.match(edit, /value="mail\.example\.net" readonly="" disabled=""/)
    assert.match(edit, /set by SMTP_HOST in the environment/)
    assert.match(edit, /set by SMTP_PASSWORD in the environment/)
    assert.doesNotMatch(edit, /from-the-env/)
    const saved = await t.post(`/settings/notifications/channels/${channel!.id}`, { name: 'Ops mail', host: 'evil.example', events: ['failed'], enabled: 'on' })
    assert.equal(saved.status, 303)
    assert.equal((await t.channels.findById(channel!.id))?.config.host, 'mail.example.net', 'the environment wins')
    assert.equal((await t.post(`/settings/notifications/channels/${channel!.id}/delete`, {})).status, 400)
  })

  it('saves the alert rules, refuses bad values with 400, and shows what the environment sets read-only', async () => {
    const t = await setUp()
    const bad = await t.post('/settings/notifications/rules', { grace: 'soon', hungAfter: '10s', reminderHours: '0', digestWeekday: '9' })
    assert.equal(bad.status, 400)
    const html = await bad.text()
    for (const reason of [/a duration up to 7 days/, /from 1m to 7d/, /whole hours from 1 to 720/, /choose a weekday, or off/]) assert.match(html, reason)
    assert.equal((await t.post('/settings/notifications/rules', { grace: '30m', hungAfter: '', reminderHours: '24', digestWeekday: '1', digestHour: '8' })).status, 303)
    const all = await t.services.settings.all()
    assert.equal(all['alerts.graceSeconds'], '1800')
    assert.equal(all['alerts.reminderHours'], '24')
    assert.equal(all['alerts.digest'], '1:8')

    const fromEnv = await setUp({ ALERT_GRACE: '2h' })
    const page = await (await fromEnv.admin.get('/settings/notifications')).text()
    assert.match(page, /set by ALERT_GRACE in the environment/)
    assert.doesNotMatch(page, /name="grace"/)
  })
})
