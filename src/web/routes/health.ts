import { Hono } from 'hono'
import type { AppEnv } from '../app-env.js'

/** `GET /healthz`: no auth, for monitors and the systemd watchdog. */
export function healthRoutes() {
  const app = new Hono<AppEnv>()
  app.get('/healthz', (c) => {
    let database: 'ok' | 'unreachable' = 'ok'
    try {
      c.var.services.handle.sqlite.prepare('SELECT 1').get()
    } catch {
      database = 'unreachable'
    }
    const ok = database === 'ok'
    return c.json({ status: ok ? 'ok' : 'degraded', database }, ok ? 200 : 503)
  })
  return app
}
