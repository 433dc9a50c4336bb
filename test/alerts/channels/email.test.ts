import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import email from '../../../src/alerts/channels/email.js'
import type { DeliveryResult } from '../../../src/alerts/types.js'
import { alertMessage } from '../../support/alert-message.js'
import { closedPort } from '../../support/closed-port.js'
import { header, mimePart, startSmtpSink, type SmtpSink } from '../../support/smtp-sink.js'

const PASSWORD = 'correct horse battery'

async function send(input: Record<string, string>): Promise<DeliveryResult> {
  const parsed = email.parse(input)
  assert.ok(parsed.ok, `the form should parse: ${JSON.stringify(parsed)}`)
  return email.send(parsed.config, alertMessage(), { timeoutMs: 5000 })
}

describe('email channel over SMTP', () => {
  let sink: SmtpSink
  let tlsSink: SmtpSink
  let form: Record<string, string>

  before(async () => {
    sink = await startSmtpSink({ login: { user: 'alice', pass: PASSWORD }, refuse: ['nobody@example.com'] })
    tlsSink = await startSmtpSink({ starttls: true })
    form = {
      host: '127.0.0.1',
      port: String(sink.port),
      security: 'none',
      username: 'alice',
      password: PASSWORD,
      from: 'RePlexOn <backup@example.com>',
      to: 'ops@example.com, me@example.com',
    }
  })
  after(async () => {
    await sink.close()
    await tlsSink.close()
  })

  it('delivers the alert as text and HTML to every recipient, logged in', async () => {
    const before = sink.messages.length
    const result = await send(form)

    assert.equal(result.ok, true)
    assert.match(result.detail, /^250 .*accepted: ops@example\.com, me@example\.com$/)
    const mail = sink.messages[before]
    assert.ok(mail)
    assert.equal(mail.user, 'alice')
    assert.deepEqual(mail.to, ['ops@example.com', 'me@example.com'])
    assert.equal(mail.from, 'backup@example.com')
    assert.equal(header(mail.raw, 'Subject'), 'Plex backup failed on 2024-05-03')
    assert.equal(header(mail.raw, 'To'), 'ops@example.com, me@example.com')
    assert.match(mimePart(mail.raw, 'text/plain') ?? '', /Exit code: 23/)
    assert.match(mimePart(mail.raw, 'text/html') ?? '', /<dt>Exit code<\/dt><dd>23<\/dd>/)
  })

  it('reports a wrong password as refused, not worth retrying, without showing the password', async () => {
    const wrong = 'tr0ub4dor&3-wrong'
    const result = await send({ ...form, password: wrong })

    assert.equal(result.ok, false)
    assert.equal(!result.ok && result.retryable, false)
    assert.match(result.detail, /refused the username or password: 535/)
    assert.ok(!result.detail.includes(wrong))
    assert.ok(!result.detail.includes(PASSWORD))
  })

  it("passes on the server's answer when it refuses a recipient", async () => {
    const result = await send({ ...form, to: 'nobody@example.com' })

    assert.equal(result.ok, false)
    assert.equal(!result.ok && result.retryable, false)
    assert.match(result.detail, /550 .*nobody@example\.com.*User unknown/)
  })

  it('says it could not connect, and that a retry may help, when nothing listens on the port', async () => {
    const port = await closedPort()
    const result = await send({ ...form, port: String(port) })

    assert.equal(result.ok, false)
    assert.equal(!result.ok && result.retryable, true)
    assert.equal(result.detail, `could not connect to 127.0.0.1:${port}: connection refused`)
  })

  it("sends over STARTTLS to a self-signed server when told not to check its certificate", async () => {
    const before = tlsSink.messages.length
    const result = await send({ ...form, port: String(tlsSink.port), security: 'starttls', tlsVerify: 'no', username: '', password: '' })

    assert.equal(result.ok, true, result.detail)
    assert.equal(tlsSink.messages.length, before + 1)
  })

  it("refuses a self-signed certificate when checking it, and says how to allow it", async () => {
    const result = await send({ ...form, port: String(tlsSink.port), security: 'starttls', tlsVerify: 'yes', username: '', password: '' })

    assert.equal(result.ok, false)
    assert.equal(!result.ok && result.retryable, false)
    assert.match(result.detail, /certificate of 127\.0\.0\.1:\d+ was not accepted/)
    assert.match(result.detail, /Check the server's certificate/)
  })

  it('fails a stored config that lost its host with the reason instead of throwing', async () => {
    const result = await email.send({ port: 25, from: 'a@example.com', to: ['b@example.com'] }, alertMessage(), { timeoutMs: 1000 })

    assert.equal(result.ok, false)
    assert.match(result.detail, /settings are not valid \(host: required/)
  })
})

describe('email channel form', () => {
  const good = { host: 'smtp.example.com', from: 'backup@example.com', to: 'me@example.com' }

  it('names each field that is missing or wrong', () => {
    const parsed = email.parse({ host: '', port: 'abc', from: 'RePlexOn', to: 'me@example.com, not-an-address' })

    assert.equal(parsed.ok, false)
    assert.ok(!parsed.ok)
    assert.match(parsed.errors.host ?? '', /required/)
    assert.match(parsed.errors.port ?? '', /number from 1 to 65535/)
    assert.match(parsed.errors.from ?? '', /not an email address/)
    assert.match(parsed.errors.to ?? '', /"not-an-address" is not an email address/)
  })

  it('picks the port from the security setting when none is given', () => {
    const ports = (['starttls', 'tls', 'none'] as const).map((security) => {
      const parsed = email.parse({ ...good, security })
      return parsed.ok ? parsed.config.port : null
    })
    assert.deepEqual(ports, [587, 465, 25])
  })

  it('defaults to STARTTLS with certificate checks, and keeps a display name in From', () => {
    const parsed = email.parse({ ...good, from: 'RePlexOn <backup@example.com>', to: 'a@example.com,b@example.com' })

    assert.ok(parsed.ok)
    assert.deepEqual(parsed.config, {
      host: 'smtp.example.com',
      port: 587,
      security: 'starttls',
      tlsVerify: 'yes',
      from: 'RePlexOn <backup@example.com>',
      to: ['a@example.com', 'b@example.com'],
    })
  })

  it('wants a username when a password is given', () => {
    const parsed = email.parse({ ...good, password: 'secret' })
    assert.ok(!parsed.ok)
    assert.match(parsed.errors.username ?? '', /required when a password is given/)
  })

  it('takes a server name, not a URL', () => {
    const parsed = email.parse({ ...good, host: 'smtp://mail.example.com' })
    assert.ok(!parsed.ok)
    assert.match(parsed.errors.host ?? '', /server name only/)
  })
})
