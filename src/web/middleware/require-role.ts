import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../app-env.js'
import { HttpError } from '../http-errors.js'
import { isHtmx } from '../request-facts.js'

/** Only signed-in users pass; others go to the login page (htmx: a full-page redirect). */
export function requireUser(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.var.user) return next()
    const url = new URL(c.req.url)
    const target = `/login?next=${encodeURIComponent(url.pathname + url.search)}`
    if (isHtmx(c)) {
      c.header('HX-Redirect', target)
      return c.body(null, 401)
    }
    if (c.req.method !== 'GET') return c.text('Sign in first.', 401)
    return c.redirect(target, 303)
  }
}

/** Only admins pass: viewers may look but never change anything. */
export function requireAdmin(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!c.var.user) return requireUser()(c, next)
    if (c.var.user.role !== 'admin') throw new HttpError(403, 'Only an administrator can do this.')
    return next()
  }
}
