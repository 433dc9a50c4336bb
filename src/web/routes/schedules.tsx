import { Hono, type Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { z } from 'zod'
import { createRunReportsRepository } from '../../db/repositories/run-reports.js'
import { backupMatchOf, backupNeedles } from '../../schedule/backup-job.js'
import { CronExpressionError } from '../../schedule/cron-expression.js'
import { CrontabAccessError } from '../../schedule/crontab-io.js'
import { readAllCrontabs, type CrontabLocations } from '../../schedule/crontabs.js'
import { describeSchedule } from '../../schedule/describe.js'
import { CrontabChangedError, editSchedule, NotAJobError } from '../../schedule/edit-schedule.js'
import { collectJobs } from '../../schedule/schedule-jobs.js'
import { isValidTimeZone } from '../../time/zone.js'
import type { AppEnv } from '../app-env.js'
import { readForm } from '../form.js'
import { HttpError } from '../http-errors.js'
import { requireAdmin, requireUser } from '../middleware/require-role.js'
import { renderPage } from '../render.js'
import { SchedulePreview, previewId } from '../views/schedule-preview.js'
import { SchedulesPage, type SchedulesPageProps } from '../views/schedules-page.js'

const EDIT_OFF = 'Editing schedules is turned off on this server (set CRON_EDIT_ENABLED=true to let administrators change them).'
const VIEWER = 'Only an administrator can change schedules.'

const editForm = z.object({
  line: z.coerce.number({ message: 'must be a line number' }).int('must be a line number').min(0, 'must be a line number').max(100_000, 'is too large'),
  hash: z.string().regex(/^[0-9a-f]{64}$/, 'is missing or damaged; reload the page'),
  expr: z.string().max(200, 'is too long'),
})

const previewQuery = z.object({
  expr: z.string().max(200).default(''),
  zone: z.string().max(64).optional(),
  key: z.string().regex(/^[\w-]{1,40}$/).default('preview'),
})

function editBlocked(c: Context<AppEnv>): string | null {
  if (!c.var.config.cronEditEnabled) return EDIT_OFF
  if (c.var.user?.role !== 'admin') return VIEWER
  return null
}

type PageExtras = Pick<SchedulesPageProps, 'notice' | 'error'> & { refused?: { line: number; expr: string } }

async function page(c: Context<AppEnv>, where: CrontabLocations, extras: PageExtras = {}, status: ContentfulStatusCode = 200) {
  const config = c.var.config
  const all = c.req.query('all') === '1'
  const now = Date.now()
  const read = await readAllCrontabs(config, where)
  const match = backupMatchOf(config)
  const everyJob = collectJobs(read.sources, { now, zone: config.timeZone, match, all: true })
  const jobs = all ? everyJob : everyJob.filter((j) => j.backup)
  const lastRun = await createRunReportsRepository(c.var.services.handle.db).latest('backup')
  const { refused, ...messages } = extras
  // The refused schedule is previewed in its job's zone (CRON_TZ may differ from the server's).
  const refusedJob = refused && everyJob.find((j) => j.editable && j.line === refused.line)
  const refusedView = refused ? { ...refused, preview: describeSchedule(refused.expr, { now, zone: refusedJob?.described.zone ?? config.timeZone }) } : null
  return renderPage(
    c,
    <SchedulesPage
      user={c.var.user!}
      csrfToken={c.var.csrfToken}
      jobs={jobs}
      all={all}
      hiddenJobs={everyJob.length - jobs.length}
      problems={read.problems}
      crontabHash={read.userCrontab?.hash ?? null}
      timeZone={config.timeZone}
      lastRun={lastRun}
      editBlocked={editBlocked(c)}
      needles={backupNeedles(match)}
      now={now}
      refused={refusedView}
      {...messages}
    />,
    status,
  )
}

/** `/schedules`: the backup's cron jobs, what they mean, when they run; admins may change when. */
export function schedulesRoutes(where: CrontabLocations = {}) {
  const app = new Hono<AppEnv>()
  app.use('/schedules', requireUser())
  app.use('/schedules/*', requireUser())

  app.get('/schedules', (c) => {
    const saved = c.req.query('saved')
    const notice = saved && /^[\w.$-]+\.txt$/.test(saved) ? `Schedule saved. The previous crontab is kept as crontab-backups/${saved} in the data directory.` : null
    return page(c, where, { notice })
  })

  app.get('/schedules/preview', (c) => {
    const parsed = previewQuery.safeParse(c.req.query())
    if (!parsed.success) throw new HttpError(400, 'The preview needs a schedule (expr) of at most 200 characters.')
    const { expr, zone: asked, key } = parsed.data
    const zone = asked && isValidTimeZone(asked) ? asked : c.var.config.timeZone
    const described = expr.trim() === '' ? { ok: false as const, error: 'the schedule is empty', zone } : describeSchedule(expr, { now: Date.now(), zone })
    // 200 even when invalid: htmx swaps only successful answers, and the reason belongs in the preview.
    return c.html(<SchedulePreview id={previewId(key)} described={described} />)
  })

  app.post('/schedules/edit', requireAdmin(), async (c) => {
    if (!c.var.config.cronEditEnabled) throw new HttpError(403, EDIT_OFF)
    const form = await readForm(c, editForm)
    const config = c.var.config
    try {
      const { backupFile } = await editSchedule({
        user: config.cronUser,
        line: form.line,
        schedule: form.expr,
        expectedHash: form.hash,
        dataDir: config.dataDir,
        now: Date.now(),
      })
      c.var.services.schedules.invalidate()
      c.var.logger.info({ by: c.var.user!.username, cronUser: config.cronUser, line: form.line + 1, schedule: form.expr, backupFile }, 'cron schedule changed')
      return c.redirect(`/schedules?saved=${encodeURIComponent(backupFile.split('/').pop()!)}`, 303)
    } catch (err) {
      if (err instanceof CronExpressionError) {
        return page(c, where, { error: `Not saved: ${err.message}.`, refused: { line: form.line, expr: form.expr } }, 400)
      }
      if (err instanceof CrontabChangedError) return page(c, where, { error: err.message }, 409)
      if (err instanceof NotAJobError) return page(c, where, { error: `${err.message} Reload the page and try again.` }, 400)
      if (err instanceof CrontabAccessError) {
        c.var.logger.warn({ err, cronUser: config.cronUser }, 'crontab could not be changed')
        return page(c, where, { error: err.message }, 500)
      }
      throw err
    }
  })

  return app
}
