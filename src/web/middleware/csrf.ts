import type { MiddlewareHandler } from 'hono'
import { csrfTokenMatches, isCrossSiteRequest } from '../../auth/csrf.js'
import type { AppEnv } from '../app-env.js'
import { HttpError } from '../http-errors.js'
import { requestOrigin } from '../request-facts.js'

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Two locks on every state-changing request: the browser's own cross-site signals
 * (Sec-Fetch-Site, Origin), and, once signed in, the session's token from the
 * X-CSRF-Token header (htmx) or the `_csrf` form field.
 */
export function csrfProtection(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (SAFE.has(c.req.method)) return next()
    const allowedOrigins = [requestOrigin(c)]
    if (c.var.config.publicOrigin) allowedOrigins.push(c.var.config.publicOrigin)
    const forged = isCrossSiteRequest({
      method: c.req.method,
      origin: c.req.header('Origin'),
      secFetchSite: c.req.header('Sec-Fetch-Site'),
      allowedOrigins,
    })
    if (forged) {
      c.var.logger.warn({ reason: forged, path: c.req.path }, 'refused a cross-site request')
      throw new HttpError(403, 'This request came from another site and was refused.')
    }
    const expected = c.var.csrfToken
    if (expected) {
      let provided = c.req.header('X-CSRF-Token')
      if (!provided) {
        const type = c.req.header('Content-Type') ?? ''
        if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
          const field = (await c.req.parseBody())['_csrf']
          provided = typeof field === 'string' ? field : undefined
        }
      }
      if (!csrfTokenMatches(expected, provided)) {
        throw new HttpError(403, 'The form has expired or is missing its security token. Reload the page and try again.')
      }
    }
    return next()
  }
}
