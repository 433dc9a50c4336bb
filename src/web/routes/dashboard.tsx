import { Hono } from 'hono'
import type { AppEnv } from '../app-env.js'
import { requireUser } from '../middleware/require-role.js'
import { renderPage } from '../render.js'
import { DashboardPage } from '../views/dashboard-page.js'

export function dashboardRoutes() {
  const app = new Hono<AppEnv>()
  app.get('/dashboard', requireUser(), (c) =>
    renderPage(c, <DashboardPage user={c.var.user!} csrfToken={c.var.csrfToken} config={c.var.config} />),
  )
  return app
}
