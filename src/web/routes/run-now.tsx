import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { createRunReportsRepository } from '../../db/repositories/run-reports.js'
import { RunnerError } from '../../runner/errors.js'
import type { AppEnv } from '../app-env.js'
import { readForm, safeNextPath } from '../form.js'
import { requireAdmin } from '../middleware/require-role.js'
import { renderPage } from '../render.js'
import { RunNowContent, RunNowPage, type RunNowModel } from '../views/run-now.js'

/** The last manual run's output stays on the panel this long after it started. */
const SHOW_LAST_OUTPUT_MS = 3_600_000
const OUTPUT_BYTES = 32 * 1024

const pressForm = z.object({ back: z.string().max(2048).optional() })

const STATUS_FOR: Record<RunnerError['code'], 400 | 409 | 429> = {
  'script-missing': 400,
  'script-not-executable': 400,
  'log-unwritable': 400,
  'spawn-failed': 400,
  busy: 409,
  cooldown: 429,
}

async function model(c: Context<AppEnv>, back: string, error?: string): Promise<RunNowModel> {
  const { runner, handle } = c.var.services
  const now = Date.now()
  const status = runner.status()
  const trigger = status.running?.source === 'manual' ? status.running.trigger : status.last
  const showOutput = trigger && (status.running?.source === 'manual' || now - trigger.startedAt < SHOW_LAST_OUTPUT_MS)
  const storedRun = trigger?.runId ? ((await createRunReportsRepository(handle.db).findById(trigger.runId)) ?? null) : null
  return {
    status,
    output: showOutput ? runner.output(trigger, OUTPUT_BYTES) : null,
    storedRun,
    now,
    timeZone: c.var.config.timeZone,
    csrfToken: c.var.csrfToken,
    back,
    error,
  }
}

/** "Run now": admins start the backup script by hand and watch its output. */
export function runNowRoutes() {
  const app = new Hono<AppEnv>()
  app.use('/run-now', requireAdmin())
  app.use('/run-now/*', requireAdmin())

  app.get('/run-now', async (c) => renderPage(c, <RunNowPage {...await model(c, '/run-now')} user={c.var.user!} />))

  app.get('/run-now/panel', async (c) => c.html(<RunNowContent {...await model(c, safeNextPath(c.req.query('back')))} />))

  app.post('/run-now', async (c) => {
    const form = await readForm(c, pressForm)
    const back = safeNextPath(form.back)
    try {
      await c.var.services.runner.trigger({ by: 'web', user: c.var.user!.username })
      return c.redirect(back, 303)
    } catch (err) {
      if (!(err instanceof RunnerError)) throw err
      if (err.retryAfterSeconds !== undefined) c.header('Retry-After', String(err.retryAfterSeconds))
      return renderPage(c, <RunNowPage {...await model(c, back, err.message)} user={c.var.user!} />, STATUS_FOR[err.code])
    }
  })
  return app
}
