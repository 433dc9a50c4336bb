import assert from 'node:assert/strict'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, beforeEach, describe, it } from 'node:test'
import type { ChannelType } from '../../../src/alerts/channel-type.js'
import discord, { DISCORD_LIMITS } from '../../../src/alerts/channels/discord.js'
import gotify from '../../../src/alerts/channels/gotify.js'
import ntfy from '../../../src/alerts/channels/ntfy.js'
import webhook from '../../../src/alerts/channels/webhook.js'
import type { AlertMessage, DeliveryResult } from '../../../src/alerts/types.js'
import { alertMessage } from '../../support/alert-message.js'
import { closedPort } from '../../support/closed-port.js'

type Captured = { method: string; path: string; headers: http.IncomingHttpHeaders; body: unknown }

// What the listener answers next; each test sets it.
let answer: { status: number; body?: string; headers?: Record<string, string>; hang?: boolean } = { status: 200 }
const requests: Captured[] = []
const server = http.createServer((req, res) => {
  const chunks: Buffer[] = []
  req.on('data', (chunk: Buffer) => chunks.push(chunk))
  req.on('end', () => {
    const text = Buffer.concat(chunks).toString('utf8')
    requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: text ? JSON.parse(text) : null })
    if (!answer.hang) res.writeHead(answer.status, answer.headers).end(answer.body)
  })
})
let base = ''

before(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
after(() => {
  server.closeAllConnections()
  return new Promise<void>((resolve) => server.close(() => resolve()))
})
beforeEach(() => {
  answer = { status: 200 }
  requests.length = 0
})

async function send(channel: ChannelType, input: Record<string, string>, message: AlertMessage = alertMessage()): Promise<DeliveryResult> {
  const parsed = channel.parse(input)
  assert.ok(parsed.ok, `the form should parse: ${JSON.stringify(parsed)}`)
  return channel.send(parsed.config, message, { timeoutMs: 5000 })
}

function only(): Captured {
  assert.equal(requests.length, 1)
  return requests[0] as Captured
}

describe('generic webhook', () => {
  it('POSTs the alert as JSON with the Authorization header as typed', async () => {
    const result = await send(webhook, { url: `${base}/hooks/plex`, authorization: 'Bearer abc123' })

    assert.deepEqual(result, { ok: true, detail: 'HTTP 200 OK' })
    const request = only()
    assert.equal(request.method, 'POST')
    assert.equal(request.path, '/hooks/plex')
    assert.equal(request.headers.authorization, 'Bearer abc123')
    assert.match(request.headers['content-type'] ?? '', /^application\/json/)
    assert.deepEqual(request.body, {
      app: 'RePlexOn',
      event: 'failed',
      severity: 'problem',
      title: 'Plex backup failed on 2024-05-03',
      text: alertMessage().text,
      url: 'http://replexon.example/runs/42',
      occurredAt: '2024-05-03T02:30:00.000Z',
      facts: { 'Exit code': '23', Sent: '1.2 GB' },
    })
  })

  it('sends no Authorization header when none is set', async () => {
    await send(webhook, { url: `${base}/hook` })
    assert.equal(only().headers.authorization, undefined)
  })

  it('reports a 500 with its status and the start of the answer, worth retrying', async () => {
    answer = { status: 500, body: 'database is locked' }
    const result = await send(webhook, { url: `${base}/hook` })
    assert.deepEqual(result, { ok: false, retryable: true, detail: 'HTTP 500 Internal Server Error: database is locked' })
  })

  it('asks for a retry after 429 Too Many Requests', async () => {
    answer = { status: 429 }
    const result = await send(webhook, { url: `${base}/hook` })
    assert.deepEqual(result, { ok: false, retryable: true, detail: 'HTTP 429 Too Many Requests' })
  })

  it('does not retry a 401, and hides the token even when the server echoes it', async () => {
    answer = { status: 401, body: 'bad credentials: Bearer s3cr3t-token' }
    const result = await send(webhook, { url: `${base}/hook`, authorization: 'Bearer s3cr3t-token' })

    assert.equal(result.ok, false)
    assert.equal(!result.ok && result.retryable, false)
    assert.match(result.detail, /^HTTP 401 Unauthorized: bad credentials/)
    assert.ok(!result.detail.includes('s3cr3t-token'))
  })

  it('does not follow a redirect and says where it points', async () => {
    answer = { status: 301, headers: { location: 'https://elsewhere.example/new-hook' } }
    const result = await send(webhook, { url: `${base}/hook` })

    assert.equal(result.ok, false)
    assert.equal(!result.ok && result.retryable, false)
    assert.match(result.detail, /^HTTP 301 Moved Permanently: the server redirects to https:\/\/elsewhere\.example\//)
    assert.equal(requests.length, 1)
  })

  it('says it could not connect, worth retrying, when nothing listens', async () => {
    const port = await closedPort()
    const result = await send(webhook, { url: `http://127.0.0.1:${port}/hook` })
    assert.deepEqual(result, { ok: false, retryable: true, detail: `could not connect to 127.0.0.1:${port}: connection refused` })
  })

  it('gives up on a server that never answers, worth retrying', async () => {
    answer = { status: 200, hang: true }
    const parsed = webhook.parse({ url: `${base}/hook` })
    assert.ok(parsed.ok)
    const result = await webhook.send(parsed.config, alertMessage(), { timeoutMs: 300 })
    assert.deepEqual(result, { ok: false, retryable: true, detail: `no answer from ${new URL(base).host} within 0.3 s` })
  })

  it('wants a full http(s) address', () => {
    for (const url of ['', 'example.com/hook', 'ftp://example.com/hook', 'https://user:pw@example.com/']) {
      const parsed = webhook.parse({ url })
      assert.ok(!parsed.ok && parsed.errors.url, `${url} should be refused`)
    }
  })
})

describe('ntfy', () => {
  it("publishes JSON to the server's root with the topic, priority, tags, link and token", async () => {
    const result = await send(ntfy, { server: base, topic: 'plex-backup', token: 'tk_abc' })

    assert.deepEqual(result, { ok: true, detail: 'HTTP 200 OK' })
    const request = only()
    assert.equal(request.path, '/')
    assert.equal(request.headers.authorization, 'Bearer tk_abc')
    assert.deepEqual(request.body, {
      topic: 'plex-backup',
      title: 'Plex backup failed on 2024-05-03',
      message: alertMessage().text,
      priority: 4,
      tags: ['warning'],
      click: 'http://replexon.example/runs/42',
    })
  })

  it('sends a recovery at default priority, without a link when there is none', async () => {
    await send(ntfy, { server: base, topic: 'plex-backup' }, alertMessage({ severity: 'recovery', event: 'recovered', url: null }))
    const body = only().body as Record<string, unknown>
    assert.equal(body.priority, 3)
    assert.equal('click' in body, false)
    assert.equal(only().headers.authorization, undefined)
  })

  it('uses ntfy.sh when no server is given and wants a plain topic', () => {
    const good = ntfy.parse({ topic: 'plex_backup-1' })
    assert.ok(good.ok)
    assert.equal(good.config.server, 'https://ntfy.sh')
    const bad = ntfy.parse({ topic: 'plex backup/alerts' })
    assert.ok(!bad.ok)
    assert.match(bad.errors.topic ?? '', /letters, digits/)
  })
})

describe('Discord', () => {
  it('posts one embed with the facts as fields and takes 204 as success', async () => {
    answer = { status: 204 }
    const result = await send(discord, { url: `${base}/api/webhooks/1/tok` })

    assert.deepEqual(result, { ok: true, detail: 'HTTP 204 No Content' })
    const body = only().body as { username: string; embeds: Array<Record<string, unknown>> }
    assert.equal(body.username, 'RePlexOn')
    assert.deepEqual(body.embeds[0], {
      title: 'Plex backup failed on 2024-05-03',
      description: alertMessage().text,
      url: 'http://replexon.example/runs/42',
      color: 0xe74c3c,
      fields: [
        { name: 'Exit code', value: '23', inline: true },
        { name: 'Sent', value: '1.2 GB', inline: true },
      ],
      timestamp: '2024-05-03T02:30:00.000Z',
    })
  })

  it("cuts long texts to Discord's limits", async () => {
    answer = { status: 204 }
    const long = alertMessage({
      title: 'T'.repeat(400),
      text: 'x'.repeat(9000),
      facts: Array.from({ length: 40 }, (_, i) => ({ label: `${i}`.repeat(300), value: 'v'.repeat(2000) })),
    })
    await send(discord, { url: `${base}/api/webhooks/1/tok` }, long)

    const embed = (only().body as { embeds: Array<{ title: string; description: string; fields: Array<{ name: string; value: string }> }> }).embeds[0]
    assert.ok(embed)
    assert.equal(embed.title.length, DISCORD_LIMITS.title)
    assert.equal(embed.description.length, DISCORD_LIMITS.description)
    assert.ok(embed.description.endsWith('…'))
    assert.ok(embed.fields.length <= DISCORD_LIMITS.fields)
    assert.ok(embed.fields.every((f) => f.name.length <= DISCORD_LIMITS.fieldName && f.value.length <= DISCORD_LIMITS.fieldValue))
    const total = embed.title.length + embed.description.length + embed.fields.reduce((n, f) => n + f.name.length + f.value.length, 0)
    assert.ok(total <= DISCORD_LIMITS.total, `embed holds ${total} characters`)
  })

  it('colours a recovery green and never lets an alert ping @everyone', async () => {
    answer = { status: 204 }
    await send(discord, { url: `${base}/api/webhooks/1/tok` }, alertMessage({ severity: 'recovery', text: '@everyone it works again' }))
    const body = only().body as { allowed_mentions: unknown; embeds: Array<{ color: number }> }
    assert.equal(body.embeds[0]?.color, 0x2ecc71)
    assert.deepEqual(body.allowed_mentions, { parse: [] })
  })
})

describe('Gotify', () => {
  it('posts to {server}/message with the application token in X-Gotify-Key', async () => {
    const result = await send(gotify, { server: `${base}/gotify`, token: 'AbCdEf.123' })

    assert.deepEqual(result, { ok: true, detail: 'HTTP 200 OK' })
    const request = only()
    assert.equal(request.path, '/gotify/message')
    assert.equal(request.headers['x-gotify-key'], 'AbCdEf.123')
    assert.deepEqual(request.body, {
      title: 'Plex backup failed on 2024-05-03',
      message: alertMessage().text,
      priority: 8,
      extras: {
        'client::display': { contentType: 'text/plain' },
        'client::notification': { click: { url: 'http://replexon.example/runs/42' } },
      },
    })
  })

  it('reports a refused token as not worth retrying', async () => {
    answer = { status: 401, body: '{"error":"Unauthorized","errorCode":401,"errorDescription":"you need to provide a valid access token"}' }
    const result = await send(gotify, { server: base, token: 'wrong-token' })

    assert.equal(result.ok, false)
    assert.equal(!result.ok && result.retryable, false)
    assert.match(result.detail, /^HTTP 401 Unauthorized: .*valid access token/)
  })

  it('needs a server and a token', () => {
    const parsed = gotify.parse({ server: '', token: '' })
    assert.ok(!parsed.ok)
    assert.deepEqual(Object.keys(parsed.errors).sort(), ['server', 'token'])
  })
})
