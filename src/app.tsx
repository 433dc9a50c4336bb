import { Hono } from 'hono'
import type { Logger } from 'pino'
import type { Config } from './config.js'
import type { Services } from './services.js'
import type { AppEnv } from './web/app-env.js'
import { HttpError } from './web/http-errors.js'
import { csrfProtection } from './web/middleware/csrf.js'
import { loadSession } from './web/middleware/session.js'
import { securityHeaders } from './web/middleware/security-headers.js'
import { renderPage } from './web/render.js'
import { notificationRoutes } from './web/routes/notifications.js'
import { alertHistoryRoutes } from './web/routes/alert-history.js'
import { authRoutes } from './web/routes/auth.js'
import { dashboardRoutes } from './web/routes/dashboard.js'
import { eventRoutes } from './web/routes/events.js'
import { healthRoutes } from './web/routes/health.js'
import { historyRoutes } from './web/routes/history.js'
import { runNowRoutes } from './web/routes/run-now.js'
import { runNowStreamRoutes } from './web/routes/run-now-stream.js'
import { schedulesRoutes } from './web/routes/schedules.js'
import { settingsRoutes } from './web/routes/settings.js'
import { setupRoutes } from './web/routes/setup.js'
import { mountStaticAssets } from './web/static-assets.js'
import { ErrorPage } from './web/views/error-page.js'

const TITLES = { 400: 'Bad request', 403: 'Not allowed', 404: 'Not found', 409: 'Changed meanwhile', 429: 'Slow down' } as const

/** Builds the web app without listening, so tests can call `app.request()`. */
export function createApp(deps: { config: Config; services: Services; logger: Logger }) {
  const app = new Hono<AppEnv>()

  app.use(async (c, next) => {
    c.set('config', deps.config)
    c.set('services', deps.services)
    c.set('logger', deps.logger)
    c.set('user', null)
    c.set('sessionId', null)
    c.set('csrfToken', null)
    await next()
  })
  app.use(securityHeaders())
  mountStaticAssets(app)
  app.route('/', healthRoutes())

  app.use(loadSession())
  app.use(csrfProtection())

  app.get('/', async (c) => {
    if (c.var.user) return c.redirect('/dashboard', 303)
    const users = await c.var.services.users.users.count()
    return c.redirect(users === 0 ? '/setup' : '/login', 303)
  })
  app.route('/', setupRoutes())
  app.route('/', authRoutes())
  app.route('/', dashboardRoutes())
  app.route('/', historyRoutes())
  app.route('/', runNowRoutes())
  app.route('/', runNowStreamRoutes())
  app.route('/', schedulesRoutes())
  app.route('/', settingsRoutes())
  app.route('/', alertHistoryRoutes())
  app.route('/', notificationRoutes())
  app.route('/', eventRoutes())

  app.notFound((c) =>
    renderPage(
      c,
      <ErrorPage status={404} title="Not found" message="There is no page at this address." user={c.var.user} csrfToken={c.var.csrfToken} />,
      404,
    ),
  )

  app.onError((err, c) => {
    if (err instanceof HttpError) {
      for (const [k, v] of Object.entries(err.headers)) c.header(k, v)
      if (c.req.header('HX-Request') === 'true' || c.req.header('Accept')?.includes('application/json')) {
        return c.json({ error: err.message }, err.status)
      }
      return renderPage(
        c,
        <ErrorPage status={err.status} title={TITLES[err.status]} message={err.message} user={c.var.user} csrfToken={c.var.csrfToken} />,
        err.status,
      )
    }
    deps.logger.error({ err, method: c.req.method, path: c.req.path }, 'request failed')
    return renderPage(
      c,
      <ErrorPage
        status={500}
        title="Something went wrong"
        message="RePlexOn could not answer this request. The details are in the server's log."
        user={c.var.user}
        csrfToken={c.var.csrfToken}
      />,
      500,
    )
  })

  return app
}

export type App = ReturnType<typeof createApp>
