import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { UserInputError } from '../../auth/errors.js'
import { VERSION } from '../../version.js'
import type { AppEnv } from '../app-env.js'
import { readForm } from '../form.js'
import { requireAdmin } from '../middleware/require-role.js'
import { renderPage } from '../render.js'
import { SettingsPage } from '../views/settings-page.js'

const newUserForm = z.object({
  username: z.string().max(256, 'is too long'),
  email: z.string().max(320, 'is too long').optional(),
  password: z.string().max(4096, 'is too long'),
  role: z.enum(['admin', 'viewer'], { message: 'must be admin or viewer' }),
})

async function page(c: Context<AppEnv>, extra: { error?: string; notice?: string } = {}, status: 200 | 400 = 200) {
  const users = await c.var.services.users.listUsers()
  return renderPage(
    c,
    <SettingsPage user={c.var.user!} csrfToken={c.var.csrfToken} config={c.var.config} version={VERSION} users={users} {...extra} />,
    status,
  )
}

/** `/settings`: admins only. */
export function settingsRoutes() {
  const app = new Hono<AppEnv>()
  app.use('/settings', requireAdmin())
  app.use('/settings/*', requireAdmin())

  app.get('/settings', (c) => page(c, { notice: c.req.query('added') ? `User ${c.req.query('added')} added.` : undefined }))

  app.post('/settings/users', async (c) => {
    const form = await readForm(c, newUserForm)
    try {
      const user = await c.var.services.users.createUser(form)
      c.var.logger.info({ by: c.var.user!.username, user: user.username, role: user.role }, 'user added')
      return c.redirect(`/settings?added=${encodeURIComponent(user.username)}`, 303)
    } catch (err) {
      if (err instanceof UserInputError) return page(c, { error: err.message }, 400)
      throw err
    }
  })
  return app
}
