import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ChannelType } from '../../src/alerts/channel-type.js'
import type { AlertDecision, AlertMessage } from '../../src/alerts/types.js'
import type { StoredAlert } from '../../src/db/repositories/alerts.js'

export type Received = { path: string; authorization: string | undefined; body: { title: string; key: string } }

/** A real HTTP listener on loopback that records each POST and answers with the status the test sets. */
export async function startReceiver() {
  const received: Received[] = []
  let status = 200
  const server = http.createServer((req, res) => {
    let body = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => (body += chunk))
    req.on('end', () => {
      received.push({ path: req.url ?? '', authorization: req.headers.authorization, body: JSON.parse(body) as Received['body'] })
      res.writeHead(status, { connection: 'close' }).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    received,
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    answerWith(code: number) {
      status = code
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** A loopback URL nothing listens on, so a POST to it is refused. */
export async function refusedUrl(): Promise<string> {
  const server = http.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `http://127.0.0.1:${port}/refused`
}

/** A channel type that POSTs the message as JSON, with the secret token as a bearer header. */
export const postType: ChannelType = {
  type: 'test-post',
  label: 'Test POST',
  description: 'Posts JSON to a URL.',
  fields: [],
  parse: (input) => ({ ok: true, config: { ...input } }),
  async send(config, message, { timeoutMs }) {
    try {
      const res = await fetch(String(config.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${String(config.token)}` },
        body: JSON.stringify({ title: message.title, key: message.text }),
        signal: AbortSignal.timeout(timeoutMs),
      })
      await res.arrayBuffer()
      if (res.ok) return { ok: true, detail: `HTTP ${res.status}` }
      return { ok: false, detail: `HTTP ${res.status}`, retryable: res.status >= 500 }
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause
      return { ok: false, detail: cause?.code ?? String(err), retryable: true }
    }
  },
}

export const render = (alert: StoredAlert): AlertMessage => ({
  event: alert.event,
  severity: 'problem',
  title: `Backup ${alert.event}`,
  text: alert.key,
  html: `<p>${alert.key}</p>`,
  url: null,
  facts: [],
  occurredAt: alert.occurredAt,
})

export const decision = (key: string, event: AlertDecision['event'] = 'failed'): AlertDecision => ({
  key,
  event,
  occurredAt: 1_000,
  runId: null,
  facts: {},
})
