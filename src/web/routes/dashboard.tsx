import { Hono } from 'hono'
import { z } from 'zod'
import { createAlertChannelsRepository } from '../../db/repositories/alert-channels.js'
import { readBackupInfo } from '../../settings/backup-info.js'
import { createRunReportsRepository } from '../../db/repositories/run-reports.js'
import { chartSeries, dayStates, headline, overdue, RANGES, rangeStart, successRate } from '../../reports/dashboard.js'
import type { AppEnv } from '../app-env.js'
import { HttpError } from '../http-errors.js'
import { requireUser } from '../middleware/require-role.js'
import { renderPage } from '../render.js'
import { DashboardPage, type DashboardModel } from '../views/dashboard-page.js'

const query = z.object({ range: z.enum(RANGES).default('30') })

export function dashboardRoutes() {
  const app = new Hono<AppEnv>()

  app.get('/dashboard', requireUser(), async (c) => {
    const parsed = query.safeParse(c.req.query())
    if (!parsed.success) throw new HttpError(400, `range: must be one of ${RANGES.join(', ')}`)
    const { range } = parsed.data
    const { config } = c.var
    const reports = createRunReportsRepository(c.var.services.handle.db)
    const now = Date.now()
    const from = rangeStart(range, now, config.timeZone)
    const yearAgo = rangeStart('365', now, config.timeZone)
    const channels = createAlertChannelsRepository(c.var.services.handle.db)
    const [channelList, backupInfo, nextRun, latest, latestSuccess, summary, inRange, recent, firstDate, lastYear] = await Promise.all([
      channels.list(),
      readBackupInfo(config, c.var.services.settings),
      // A crontab that cannot be read hides the card; the schedules page says why.
      c.var.services.schedules.nextRun(now).catch(() => null),
      reports.latest('backup'),
      reports.latest('backup', 'success'),
      reports.summary(from),
      reports.chartRows(from),
      reports.recent(10),
      reports.firstDate(),
      range === 'all' || range === '365' ? Promise.resolve(null) : reports.chartRows(yearAgo),
    ])
    const yearRuns = lastYear ?? (range === '365' ? inRange : inRange.filter((r) => yearAgo === null || r.date >= yearAgo))
    const backupStarts = yearRuns.filter((r) => r.kind === 'backup' && r.startedAt !== null).map((r) => r.startedAt!)
    const model: DashboardModel = {
      range,
      now,
      headline: headline(latest, now),
      overdue: overdue(backupStarts, latest, now),
      summary,
      successRate: successRate(summary),
      latestSize: latestSuccess,
      charts: chartSeries(inRange),
      days: dayStates(yearRuns, firstDate, now, config.timeZone),
      recent,
      totalRuns: firstDate === null ? 0 : 1,
      nextRun,
      alerting: {
        channels: channelList.filter((ch) => ch.enabled).length,
        failing: channelList.filter((ch) => ch.enabled && ch.consecutiveFailures > 0),
      },
    }
    return renderPage(c, <DashboardPage
        user={c.var.user!}
        csrfToken={c.var.csrfToken}
        config={{ ...config, plexDataPath: backupInfo.plexDataPath.value, backupDestination: backupInfo.destination.value }}
        model={model}
      />)
  })
  return app
}
