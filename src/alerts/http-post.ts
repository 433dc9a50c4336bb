import { STATUS_CODES } from 'node:http'
import type { DeliveryResult } from './types.js'
import { certificateReason, connectReason, errorCodes, errorMessage, seconds } from './network-error.js'

export type PostOptions = {
  timeoutMs: number
  /** Extra headers (the token); their values never appear in a detail. */
  headers?: Readonly<Record<string, string>>
}

/** Why `value` is not a usable http(s) address, or null when it is. */
export function checkHttpUrl(value: string): string | null {
  if (value === '') return 'required'
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return 'not a web address; give a full one such as https://example.com/hook'
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must start with http:// or https://'
  // fetch refuses such URLs outright; the token fields are where credentials go.
  if (url.username || url.password) return 'must not contain a user name or password; use the token field'
  return null
}

/**
 * POSTs `body` as JSON and reports the HTTP answer ("HTTP 200 OK"). Network errors, timeouts,
 * 408, 429 and 5xx are worth retrying; other 4xx are not. Redirects are not followed: a webhook
 * that moved should be edited, not silently chased (possibly to plain http).
 * Details name the host only: a webhook's path often is its token.
 */
export async function postJson(url: string, body: unknown, options: PostOptions): Promise<DeliveryResult> {
  const target = new URL(url)
  let response: Response
  try {
    response = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'RePlexOn', ...options.headers },
      body: JSON.stringify(body),
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
    })
  } catch (error) {
    return networkFailure(target, error, options.timeoutMs)
  }
  const status = `HTTP ${response.status} ${response.statusText || STATUS_CODES[response.status] || ''}`.trim()
  if (response.status >= 200 && response.status < 300) {
    await response.body?.cancel().catch(() => {})
    return { ok: true, detail: status }
  }
  if (response.status >= 300 && response.status < 400) {
    await response.body?.cancel().catch(() => {})
    const location = redirectTarget(target, response.headers.get('location'))
    return { ok: false, retryable: false, detail: `${status}: the server redirects to ${location}; put that address in the channel instead` }
  }
  const text = await bodyStart(response, 200)
  const retryable = response.status === 408 || response.status === 429 || response.status >= 500
  return { ok: false, retryable, detail: text ? `${status}: ${text}` : status }
}

function networkFailure(target: URL, error: unknown, timeoutMs: number): DeliveryResult {
  const where = target.host
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return { ok: false, retryable: true, detail: `no answer from ${where} within ${seconds(timeoutMs)}` }
  }
  const codes = errorCodes(error)
  const certificate = certificateReason(codes)
  if (certificate) {
    return { ok: false, retryable: false, detail: `the certificate of ${where} was not accepted: ${certificate}` }
  }
  const reason = connectReason(codes) ?? lastCauseMessage(error)
  return { ok: false, retryable: true, detail: `could not connect to ${where}: ${reason}` }
}

function lastCauseMessage(error: unknown): string {
  let current = error
  for (let depth = 0; depth < 5 && current instanceof Error && current.cause instanceof Error; depth++) current = current.cause
  return errorMessage(current)
}

/** Where a redirect points, without its path: a webhook's path may carry its token. */
function redirectTarget(from: URL, location: string | null): string {
  if (!location) return 'an address it did not give'
  try {
    const to = new URL(location, from)
    return to.host === from.host && to.protocol === from.protocol ? 'another path on the same server' : `${to.protocol}//${to.host}/…`
  } catch {
    return 'an invalid address'
  }
}

/** The first `max` characters of the answer, whitespace collapsed; reads at most a few kilobytes. */
async function bodyStart(response: Response, max: number): Promise<string> {
  if (!response.body) return ''
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    while (size < 4096) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(value)
      size += value.length
    }
  } catch {
    // A broken body still leaves the status to report.
  } finally {
    await reader.cancel().catch(() => {})
  }
  const text = Buffer.concat(chunks).toString('utf8').replace(/\s+/g, ' ').trim()
  return text.length > max ? `${text.slice(0, max)}…` : text
}
