import { Hono } from 'hono'
import { z } from 'zod'
import { UserInputError } from '../../auth/errors.js'
import { createSession } from '../../auth/session.js'
import type { AppEnv } from '../app-env.js'
import { readForm } from '../form.js'
import { HttpError } from '../http-errors.js'
import { setSessionCookie } from '../middleware/session.js'
import { clientIp } from '../request-facts.js'
import { renderPage } from '../render.js'
import { SetupPage } from '../views/setup-page.js'

const setupForm = z.object({
  username: z.string().max(256, 'is too long'),
  email: z.string().max(320, 'is too long').optional(),
  password: z.string().max(4096, 'is too long'),
  password_repeat: z.string().max(4096, 'is too long'),
})

/** First run: the first visitor creates the admin. Once any user exists, this is a 404. */
export function setupRoutes() {
  const app = new Hono<AppEnv>()

  async function guardFirstRun(c: { var: AppEnv['Variables'] }): Promise<void> {
    if ((await c.var.services.users.users.count()) > 0) throw new HttpError(404, 'There is no page at this address.')
  }

  app.get('/setup', async (c) => {
    await guardFirstRun(c)
    return renderPage(c, <SetupPage />)
  })

  app.post('/setup', async (c) => {
    await guardFirstRun(c)
    const form = await readForm(c, setupForm)
    const again = (error: string) =>
      renderPage(c, <SetupPage error={error} username={form.username} email={form.email} />, 400)
    if (form.password !== form.password_repeat) return again('The two passwords do not match.')
    let user
    try {
      user = await c.var.services.users.createFirstAdmin({ username: form.username, email: form.email, password: form.password })
    } catch (err) {
      if (err instanceof UserInputError) return again(err.message)
      throw err
    }
    // Someone else finished setting up first (between the check above and the insert).
    if (!user) throw new HttpError(404, 'There is no page at this address.')
    const { token } = await createSession(c.var.services.sessions, user.id, {
      ip: clientIp(c),
      userAgent: c.req.header('User-Agent') ?? null,
      now: Date.now(),
    })
    setSessionCookie(c, token)
    c.var.logger.info({ user: user.username }, 'first administrator created')
    return c.redirect('/dashboard', 303)
  })

  return app
}
