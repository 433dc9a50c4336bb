import { StringDecoder } from 'node:string_decoder'
import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import type { ManualTrigger } from '../../db/repositories/manual-triggers.js'
import { logChunks } from '../../runner/follow-log.js'
import type { AppEnv } from '../app-env.js'
import { requireAdmin } from '../middleware/require-role.js'

/** How often the stream asks whether the run is still going (lock file). */
const STATUS_POLL_MS = 500
const READ_POLL_MS = 200

/**
 * `GET /run-now/stream?trigger=ID&from=OFFSET`: the output of a running manual backup as
 * server-sent events (`output` with the text as it is appended to the log, then `finished`).
 * `from` is where the page's rendered output stopped, so nothing is shown twice.
 */
export function runNowStreamRoutes() {
  const app = new Hono<AppEnv>()
  app.get('/run-now/stream', requireAdmin(), (c) => {
    const { runner, runEvents } = c.var.services
    const triggerId = Number(c.req.query('trigger'))
    const from = Number(c.req.query('from'))

    function runningTrigger(): ManualTrigger | null {
      const running = runner.status().running
      return running?.source === 'manual' && running.trigger.id === triggerId ? running.trigger : null
    }

    return streamSSE(c, async (stream) => {
      const trigger = Number.isSafeInteger(triggerId) ? runningTrigger() : null
      if (!trigger) {
        await stream.writeSSE({ event: 'finished', data: 'not running' })
        return
      }
      let stop: () => void = () => {}
      const ended = new Promise<void>((resolve) => (stop = resolve))
      const timer = setInterval(() => {
        if (runningTrigger() === null) stop()
      }, STATUS_POLL_MS)
      const unsubscribe = runEvents.subscribe(
        () => {},
        () => stop(),
      )
      stream.onAbort(() => stop())
      const start = Number.isSafeInteger(from) && from >= trigger.logOffset ? from : trigger.logOffset
      const decoder = new StringDecoder('utf8')
      try {
        for await (const chunk of logChunks(trigger.logPath, start, ended, READ_POLL_MS)) {
          if (stream.aborted) break
          const text = decoder.write(chunk)
          if (text !== '') await stream.writeSSE({ event: 'output', data: text })
        }
        const rest = decoder.end()
        if (!stream.aborted && rest !== '') await stream.writeSSE({ event: 'output', data: rest })
        if (!stream.aborted) await stream.writeSSE({ event: 'finished', data: String(Date.now()) })
      } catch (err) {
        // The log vanished or cannot be read: the panel falls back to re-rendering.
        c.var.logger.warn({ err }, 'live output of a manual backup stopped')
        if (!stream.aborted) await stream.writeSSE({ event: 'finished', data: 'output unavailable' })
      } finally {
        clearInterval(timer)
        unsubscribe()
      }
    })
  })
  return app
}
