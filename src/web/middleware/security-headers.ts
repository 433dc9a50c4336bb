import type { MiddlewareHandler } from 'hono'
import { isHttps } from '../request-facts.js'
import type { AppEnv } from '../app-env.js'

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

/** The headers of security.md on every answer; no-store on everything but static files. */
export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next()
    const h = c.res.headers
    h.set('Content-Security-Policy', CONTENT_SECURITY_POLICY)
    h.set('X-Content-Type-Options', 'nosniff')
    h.set('Referrer-Policy', 'strict-origin-when-cross-origin')
    h.set('Cross-Origin-Opener-Policy', 'same-origin')
    h.set('X-Frame-Options', 'DENY')
    h.delete('X-Powered-By')
    if (!h.has('Cache-Control')) h.set('Cache-Control', 'no-store')
    if (isHttps(c)) h.set('Strict-Transport-Security', 'max-age=31536000')
  }
}
