import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import type { AppEnv } from '../app-env.js'
import { requireUser } from '../middleware/require-role.js'

const KEEPALIVE_MS = 25_000

/** `GET /events`: server-sent events telling open pages that runs changed. */
export function eventRoutes() {
  const app = new Hono<AppEnv>()
  app.get('/events', requireUser(), (c) =>
    streamSSE(c, async (stream) => {
      let wake: (() => void) | undefined
      let pending = 0
      let shuttingDown = false
      const unsubscribe = c.var.services.runEvents.subscribe(
        () => {
          pending++
          wake?.()
        },
        () => {
          shuttingDown = true
          wake?.()
        },
      )
      stream.onAbort(() => wake?.())
      try {
        await stream.writeSSE({ event: 'hello', data: 'listening for new runs' })
        while (!stream.aborted && !stream.closed && !shuttingDown) {
          if (pending > 0) {
            pending = 0
            await stream.writeSSE({ event: 'runs-changed', data: String(Date.now()) })
            continue
          }
          await new Promise<void>((resolve) => {
            wake = resolve
            setTimeout(resolve, KEEPALIVE_MS).unref()
          })
          wake = undefined
          if (pending === 0 && !stream.aborted && !shuttingDown) await stream.write(': keep-alive\n\n')
        }
      } finally {
        unsubscribe()
      }
    }),
  )
  return app
}
