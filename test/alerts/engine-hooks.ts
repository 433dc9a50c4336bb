import http, { type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One POST the listener received, and the status it answered. */
export type HookRequest = { path: string; headers: IncomingHttpHeaders; body: unknown; status: number }

/** Which status to answer the `nth` (1-based) request to `path` with. */
export type Answer = (path: string, nth: number) => number

/** A real HTTP server on 127.0.0.1 standing in for ntfy and webhook receivers; it records every request. */
export async function startHookListener(answer: Answer = () => 200) {
  const requests: HookRequest[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const path = req.url ?? '/'
      const text = Buffer.concat(chunks).toString('utf8')
      let body: unknown = text
      try {
        body = JSON.parse(text)
      } catch {
        // kept as text: the test shows what arrived
      }
      const status = answer(path, requests.filter((r) => r.path === path).length + 1)
      // Recorded before answering: once the sender has its answer, the test sees the request.
      requests.push({ path, headers: req.headers, body, status })
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'upstream hiccup')
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    /** The requests to `path`, oldest first. */
    to: (path: string) => requests.filter((r) => r.path === path),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
