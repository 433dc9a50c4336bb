import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, it } from 'node:test'
import { channelTypeProblem, discoverChannelTypes, loadChannelTypes } from '../../src/alerts/channel-registry.js'
import { tempDir } from '../support/temp-dir.js'

// A form each type accepts as it is.
const GOOD_FORMS: Record<string, Record<string, string>> = {
  discord: { url: 'https://discord.com/api/webhooks/123/abc' },
  email: { host: 'smtp.example.com', from: 'backup@example.com', to: 'me@example.com' },
  gotify: { server: 'https://gotify.example.com', token: 'AbCdEf' },
  msmtp: { to: 'me@example.com' },
  ntfy: { topic: 'plex-backup' },
  webhook: { url: 'https://example.com/hook' },
}

describe('channel registry', () => {
  it('finds the six channel types in the channels folder, sorted by label', async () => {
    const types = await loadChannelTypes()

    assert.deepEqual(
      [...types.values()].map((t) => [t.type, t.label]),
      [
        ['discord', 'Discord'],
        ['msmtp', 'Email (msmtp)'],
        ['email', 'Email (SMTP)'],
        ['gotify', 'Gotify'],
        ['ntfy', 'ntfy'],
        ['webhook', 'Webhook (JSON)'],
      ],
    )
    assert.deepEqual(
      types.get('email')?.fields.map((f) => f.name),
      ['host', 'security', 'port', 'tlsVerify', 'username', 'password', 'from', 'to'],
    )
    assert.ok(types.get('msmtp')?.available, 'msmtp says whether it can work here')
  })

  it('loads them once', async () => {
    assert.equal(await loadChannelTypes(), await loadChannelTypes())
  })

  it("accepts each type's good form", async () => {
    for (const [type, channel] of await loadChannelTypes()) {
      const parsed = channel.parse(GOOD_FORMS[type] ?? {})
      assert.equal(parsed.ok, true, `${type}: ${JSON.stringify(parsed)}`)
    }
  })

  it('names every required field of an empty form in its errors', async () => {
    for (const [type, channel] of await loadChannelTypes()) {
      const parsed = channel.parse({})
      assert.ok(!parsed.ok, `${type} should refuse an empty form`)
      const required = channel.fields.filter((f) => f.required && !f.defaultValue).map((f) => f.name)
      assert.deepEqual(Object.keys(parsed.errors).sort(), required.sort(), type)
    }
  })

  it('marks the passwords and tokens as secret', async () => {
    const types = await loadChannelTypes()
    const secrets = [...types.values()].flatMap((t) => t.fields.filter((f) => f.secret).map((f) => `${t.type}.${f.name}`))
    assert.deepEqual(secrets.sort(), ['discord.url', 'email.password', 'gotify.token', 'ntfy.token', 'webhook.authorization'])
  })

  it('refuses a channel file that does not export a channel type, naming the file', async () => {
    const dir = tempDir()
    fs.writeFileSync(path.join(dir, 'broken.ts'), "export default { type: 'broken', label: 'Broken' }\n")
    fs.writeFileSync(path.join(dir, 'notes.d.ts'), 'export {}\n')

    await assert.rejects(discoverChannelTypes(pathToFileURL(`${dir}/`), '.ts'), /channel file broken\.ts .*"description"/)
  })

  it('says what a default export lacks', () => {
    assert.equal(channelTypeProblem(undefined), 'no default export object')
    const almost = { type: 'x', label: 'X', description: 'd', fields: [{ name: 'a' }], parse() {} }
    assert.equal(channelTypeProblem(almost), '"send" must be a function')
    assert.equal(channelTypeProblem({ ...almost, send() {} }), null)
  })
})
