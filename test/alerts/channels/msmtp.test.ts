import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import msmtp from '../../../src/alerts/channels/msmtp.js'
import { findMsmtp } from '../../../src/alerts/msmtp-config.js'
import type { DeliveryResult } from '../../../src/alerts/types.js'
import { alertMessage } from '../../support/alert-message.js'
import { closedPort } from '../../support/closed-port.js'
import { header, mimePart, startSmtpSink, type SmtpSink } from '../../support/smtp-sink.js'
import { tempDir } from '../../support/temp-dir.js'

const binary = await findMsmtp()

async function send(input: Record<string, string>): Promise<DeliveryResult> {
  const parsed = msmtp.parse(input)
  assert.ok(parsed.ok, `the form should parse: ${JSON.stringify(parsed)}`)
  return msmtp.send(parsed.config, alertMessage(), { timeoutMs: 10_000 })
}

describe('msmtp channel', { skip: binary ? false : 'msmtp is not installed here (Debian: apt install msmtp)' }, () => {
  let sink: SmtpSink
  let configFile: string

  before(async () => {
    sink = await startSmtpSink()
    configFile = path.join(tempDir(), 'msmtprc')
    const lines = [
      'defaults',
      'tls off',
      'auth off',
      'account local',
      'host 127.0.0.1',
      `port ${sink.port}`,
      'from backup@example.com',
      'account closed : local',
      `port ${await closedPort()}`,
      'account default : local',
    ]
    // msmtp refuses a user configuration that others may read.
    fs.writeFileSync(configFile, `${lines.join('\n')}\n`, { mode: 0o600 })
  })
  after(() => sink.close())

  it('says it can work on this machine', async () => {
    assert.deepEqual(await msmtp.available?.(), { ok: true })
  })

  it("hands the alert to msmtp, which delivers it through the account's server", async () => {
    const before = sink.messages.length
    const result = await send({ configFile, to: 'ops@example.com, me@example.com' })

    assert.deepEqual(result, { ok: true, detail: 'msmtp accepted the message for 2 recipient(s)' })
    const mail = sink.messages[before]
    assert.ok(mail)
    assert.equal(mail.from, 'backup@example.com')
    assert.deepEqual(mail.to, ['ops@example.com', 'me@example.com'])
    assert.equal(header(mail.raw, 'Subject'), 'Plex backup failed on 2024-05-03')
    assert.equal(header(mail.raw, 'To'), 'ops@example.com, me@example.com')
    assert.match(mimePart(mail.raw, 'text/plain') ?? '', /Exit code: 23/)
    assert.match(mimePart(mail.raw, 'text/html') ?? '', /<dd>23<\/dd>/)
  })

  it('uses the chosen account and sender address', async () => {
    const before = sink.messages.length
    const result = await send({ configFile, account: 'local', from: 'RePlexOn <alerts@example.com>', to: 'me@example.com' })

    assert.equal(result.ok, true, result.detail)
    assert.equal(sink.messages[before]?.from, 'alerts@example.com')
    assert.equal(header(sink.messages[before]?.raw ?? '', 'From'), 'RePlexOn <alerts@example.com>')
  })

  it("reports msmtp's exit code and message when the server cannot be reached", async () => {
    const result = await send({ configFile, account: 'closed', to: 'me@example.com' })

    assert.equal(result.ok, false)
    assert.equal(!result.ok && result.retryable, true)
    assert.match(result.detail, /^msmtp exited with code \d+/)
    assert.match(result.detail, /cannot connect to 127\.0\.0\.1.*Connection refused/)
  })

  it('reports an unknown account as a configuration error that a retry will not fix', async () => {
    const result = await send({ configFile, account: 'nope', to: 'me@example.com' })

    assert.equal(result.ok, false)
    assert.equal(!result.ok && result.retryable, false)
    assert.match(result.detail, /account nope not found/)
  })
})

describe('msmtp channel form', () => {
  it('wants recipients and names every field that is wrong', () => {
    const parsed = msmtp.parse({ configFile: 'msmtprc', account: '-x', from: 'nobody', to: '' })

    assert.ok(!parsed.ok)
    assert.deepEqual(Object.keys(parsed.errors).sort(), ['account', 'configFile', 'from', 'to'])
    assert.match(parsed.errors.configFile ?? '', /full path/)
  })

  it("leaves the account and file to msmtp's defaults when empty", () => {
    assert.deepEqual(msmtp.parse({ to: 'me@example.com' }), { ok: true, config: { to: ['me@example.com'] } })
  })
})
