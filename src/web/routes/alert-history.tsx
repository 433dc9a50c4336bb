import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { ALERT_EVENTS } from '../../alerts/types.js'
import { createAlertChannelsRepository } from '../../db/repositories/alert-channels.js'
import { createAlertsRepository } from '../../db/repositories/alerts.js'
import type { AppEnv } from '../app-env.js'
import { HttpError } from '../http-errors.js'
import { requireAdmin } from '../middleware/require-role.js'
import { renderPage } from '../render.js'
import { isHtmx } from '../request-facts.js'
import { ALERTS_PAGE_SIZE, AlertHistoryPage, AlertHistoryResults, type AlertFilters } from '../views/alert-history-page.js'

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)

/** The alert history's query string: filters plus the page number. Blank fields mean "any". */
const alertHistoryQuery = z.object({
  event: z.preprocess(blankToUndefined, z.enum(ALERT_EVENTS, { message: `must be one of ${ALERT_EVENTS.join(', ')}` }).optional()),
  channel: z.preprocess(
    blankToUndefined,
    z.coerce.number({ message: 'must be a channel number' }).int('must be a channel number').min(1, 'must be a channel number').optional(),
  ),
  page: z.preprocess(
    blankToUndefined,
    z.coerce.number({ message: 'must be a whole number' }).int('must be a whole number').min(1, 'must be 1 or more').max(100_000).default(1),
  ),
})

function parseQuery(c: Context<AppEnv>): AlertFilters {
  const parsed = alertHistoryQuery.safeParse(c.req.query())
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new HttpError(400, `${issue.path.join('.') || 'query'}: ${issue.message}`)
  }
  return parsed.data
}

/** `/settings/alerts`: what alerts were decided, and what became of each delivery. */
export function alertHistoryRoutes() {
  const app = new Hono<AppEnv>()
  // settings.tsx guards /settings/* too; guarding here as well keeps this page admin-only whatever the mount order.
  app.use('/settings/alerts', requireAdmin())

  app.get('/settings/alerts', async (c) => {
    const query = parseQuery(c)
    const db = c.var.services.handle.db
    const channels = await createAlertChannelsRepository(db).list()
    if (query.channel !== undefined && !channels.some((ch) => ch.id === query.channel)) {
      throw new HttpError(400, `channel: there is no channel number ${query.channel} (it may have been removed)`)
    }
    const alerts = createAlertsRepository(db)
    const filter = { event: query.event, channelId: query.channel }
    const [rows, total] = await Promise.all([
      alerts.history({ ...filter, limit: ALERTS_PAGE_SIZE, offset: (query.page - 1) * ALERTS_PAGE_SIZE }),
      alerts.count(filter),
    ])
    const props = { query, rows, total, timeZone: c.var.config.timeZone, now: Date.now() }
    // A history restore (back button) wants the whole page even though htmx asks.
    if (isHtmx(c) && c.req.header('HX-History-Restore-Request') !== 'true') return c.html(<AlertHistoryResults {...props} />)
    const channelOptions = channels.map((ch) => ({ id: ch.id, name: ch.name }))
    return renderPage(c, <AlertHistoryPage {...props} channels={channelOptions} user={c.var.user!} csrfToken={c.var.csrfToken} />)
  })

  return app
}
