import type { Context, MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { SESSION_ABSOLUTE_TIMEOUT_MS, SESSION_COOKIE_NAME, validateSessionToken } from '../../auth/session.js'
import type { Role } from '../../db/schema.js'
import type { AppEnv } from '../app-env.js'
import { isHttps } from '../request-facts.js'

export type CurrentUser = { id: number; username: string; role: Role; email: string | null }

/** Puts the signed-in user (or null), the session id and its CSRF token on `c.var`. */
export function loadSession(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('user', null)
    c.set('sessionId', null)
    c.set('csrfToken', null)
    const token = getCookie(c, SESSION_COOKIE_NAME)
    if (token) {
      const found = await validateSessionToken(c.var.services.sessions, token, Date.now())
      if (found) {
        const { user, session } = found
        c.set('user', { id: user.id, username: user.username, role: user.role, email: user.email })
        c.set('sessionId', session.id)
        c.set('csrfToken', session.csrfToken)
      } else {
        clearSessionCookie(c)
      }
    }
    await next()
  }
}

function cookieSecure(c: Context<AppEnv>): boolean {
  const setting = c.var.config.cookieSecure
  return setting === 'auto' ? isHttps(c) : setting
}

export function setSessionCookie(c: Context<AppEnv>, token: string): void {
  setCookie(c, SESSION_COOKIE_NAME, token, {
    httpOnly: true,
    sameSite: 'Lax',
    path: '/',
    secure: cookieSecure(c),
    maxAge: Math.floor(SESSION_ABSOLUTE_TIMEOUT_MS / 1000),
  })
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE_NAME, { path: '/', secure: cookieSecure(c) })
}
