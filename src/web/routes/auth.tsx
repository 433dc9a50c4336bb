import { Hono } from 'hono'
import { z } from 'zod'
import { createSession, invalidateSession } from '../../auth/session.js'
import { INVALID_CREDENTIALS_MESSAGE } from '../../auth/users-service.js'
import type { AppEnv } from '../app-env.js'
import { readForm, safeNextPath } from '../form.js'
import { clearSessionCookie, setSessionCookie } from '../middleware/session.js'
import { clientIp } from '../request-facts.js'
import { LoginPage } from '../views/login-page.js'
import { renderPage } from '../render.js'

const loginForm = z.object({
  username: z.string().max(256, 'is too long'),
  password: z.string().max(4096, 'is too long'),
  next: z.string().max(2048).optional(),
})

/** Sign-in and sign-out. */
export function authRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/login', async (c) => {
    if (c.var.user) return c.redirect(safeNextPath(c.req.query('next')), 303)
    if ((await c.var.services.users.users.count()) === 0) return c.redirect('/setup', 303)
    const notice = c.req.query('signedOut') === '1' ? 'You are signed out.' : null
    return renderPage(c, <LoginPage next={c.req.query('next')} notice={notice} />)
  })

  app.post('/login', async (c) => {
    const form = await readForm(c, loginForm)
    const result = await c.var.services.users.authenticate({
      username: form.username,
      password: form.password,
      ip: clientIp(c),
      now: Date.now(),
    })
    if (!result.ok && result.reason === 'throttled') {
      const minutes = Math.ceil(result.retryAfterSeconds / 60)
      c.header('Retry-After', String(result.retryAfterSeconds))
      return renderPage(
        c,
        <LoginPage
          username={form.username}
          next={form.next}
          error={`Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`}
        />,
        429,
      )
    }
    if (!result.ok) {
      return renderPage(c, <LoginPage username={form.username} next={form.next} error={INVALID_CREDENTIALS_MESSAGE} />, 401)
    }
    // A new session on every sign-in; any session the browser had is ended.
    if (c.var.sessionId) await invalidateSession(c.var.services.sessions, c.var.sessionId)
    const { token } = await createSession(c.var.services.sessions, result.user.id, {
      ip: clientIp(c),
      userAgent: c.req.header('User-Agent') ?? null,
      now: Date.now(),
    })
    setSessionCookie(c, token)
    c.var.logger.info({ user: result.user.username }, 'signed in')
    return c.redirect(safeNextPath(form.next), 303)
  })

  app.post('/logout', async (c) => {
    if (c.var.sessionId) await invalidateSession(c.var.services.sessions, c.var.sessionId)
    clearSessionCookie(c)
    return c.redirect('/login?signedOut=1', 303)
  })

  return app
}
