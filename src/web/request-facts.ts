import type { Context } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { AppEnv } from './app-env.js'

/** The client's address; X-Forwarded-For counts only behind a configured trusted proxy. */
export function clientIp(c: Context<AppEnv>): string {
  if (c.var.config.trustedProxy) {
    // The proxy appends the address it saw: the right-most entry is the one it vouches for.
    const forwarded = c.req.header('X-Forwarded-For')
    const last = forwarded?.split(',').pop()?.trim()
    if (last) return last
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    // app.request() in tests has no socket.
    return 'unknown'
  }
}

/** True when the browser reached us over HTTPS (directly, or via a trusted proxy that says so). */
export function isHttps(c: Context<AppEnv>): boolean {
  if (c.var.config?.trustedProxy && c.req.header('X-Forwarded-Proto')?.split(',')[0]?.trim() === 'https') return true
  return new URL(c.req.url).protocol === 'https:'
}

/** The origin the browser used to reach the app (scheme + Host header). */
export function requestOrigin(c: Context<AppEnv>): string {
  const url = new URL(c.req.url)
  const proto = isHttps(c) ? 'https:' : url.protocol
  const host = (c.var.config?.trustedProxy && c.req.header('X-Forwarded-Host')) || c.req.header('Host') || url.host
  return `${proto}//${host}`
}

/** Whether the request came from htmx (it wants a fragment, not a page). */
export function isHtmx(c: Context<AppEnv>): boolean {
  return c.req.header('HX-Request') === 'true'
}
