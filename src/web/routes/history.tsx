import { Hono, type Context } from 'hono'
import { stream } from 'hono/streaming'
import { z } from 'zod'
import { createRunReportsRepository, type RunView } from '../../db/repositories/run-reports.js'
import { readRunLog } from '../../runs/run-log.js'
import type { AppEnv } from '../app-env.js'
import { HttpError } from '../http-errors.js'
import { requireUser } from '../middleware/require-role.js'
import { renderPage } from '../render.js'
import { isHtmx } from '../request-facts.js'
import { HistoryPage, HistoryResults, PAGE_SIZE } from '../views/history-page.js'
import { RunPage, RunSummaryFragment } from '../views/run-detail.js'
import { historyQuery, toFilters, type HistoryQuery } from './history-query.js'

function parseQuery(c: Context<AppEnv>): HistoryQuery {
  const parsed = historyQuery.safeParse(c.req.query())
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new HttpError(400, `${issue.path.join('.') || 'query'}: ${issue.message}`)
  }
  return parsed.data
}

async function findRun(c: Context<AppEnv>): Promise<RunView> {
  const id = z.coerce.number().int().positive().safeParse(c.req.param('id'))
  const run = id.success ? await createRunReportsRepository(c.var.services.handle.db).findById(id.data) : undefined
  if (!run) throw new HttpError(404, 'There is no run with this number.')
  return run
}

const CSV_COLUMNS = [
  'id', 'kind', 'jobName', 'status', 'date', 'startedAt', 'finishedAt', 'durationSeconds', 'exitCode',
  'sentBytes', 'receivedBytes', 'totalSizeBytes', 'filesTransferred', 'error', 'triggeredBy', 'origin',
] as const

function exportRecord(r: RunView) {
  return {
    id: r.id,
    kind: r.kind,
    jobName: r.jobName,
    status: r.status,
    date: r.date,
    startedAt: r.startedAt === null ? null : new Date(r.startedAt).toISOString(),
    finishedAt: r.finishedAt === null ? null : new Date(r.finishedAt).toISOString(),
    durationSeconds: r.durationSeconds,
    exitCode: r.exitCode,
    sentBytes: r.sentBytes,
    receivedBytes: r.receivedBytes,
    totalSizeBytes: r.totalSizeBytes,
    filesTransferred: r.filesTransferred,
    error: r.error,
    triggeredBy: r.triggeredBy,
    origin: r.origin,
  }
}

/** RFC 4180 quoting; a leading = + - @ is defused so spreadsheets never run a log line as a formula. */
function csvCell(value: unknown): string {
  if (value === null || value === undefined) return ''
  let s = String(value)
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
}

/** `/logs`: the history, its htmx fragments, run pages and exports. */
export function historyRoutes() {
  const app = new Hono<AppEnv>()
  app.use('/logs', requireUser())
  app.use('/logs/*', requireUser())

  app.get('/logs', async (c) => {
    const query = parseQuery(c)
    const { rows, total } = await createRunReportsRepository(c.var.services.handle.db).search(toFilters(query), query.page, PAGE_SIZE)
    const props = { query, rows, total, timeZone: c.var.config.timeZone }
    // A history restore (back button) wants the whole page even though htmx asks.
    if (isHtmx(c) && c.req.header('HX-History-Restore-Request') !== 'true') return c.html(<HistoryResults {...props} />)
    return renderPage(c, <HistoryPage {...props} user={c.var.user!} csrfToken={c.var.csrfToken} />)
  })

  /** The filtered runs as a download, written record by record as they are read. */
  function exportRuns(c: Context<AppEnv>, type: string, filename: string, write: (out: { write(text: string): Promise<unknown> }, records: AsyncIterable<ReturnType<typeof exportRecord>>) => Promise<void>) {
    const filters = toFilters(parseQuery(c))
    const reports = createRunReportsRepository(c.var.services.handle.db)
    c.header('Content-Type', `${type}; charset=utf-8`)
    c.header('Content-Disposition', `attachment; filename="${filename}"`)
    async function* records() {
      for await (const run of reports.iterate(filters)) yield exportRecord(run)
    }
    return stream(c, (out) => write(out, records()))
  }

  app.get('/logs/export.csv', (c) =>
    exportRuns(c, 'text/csv', 'replexon-runs.csv', async (out, records) => {
      await out.write(`${CSV_COLUMNS.join(',')}\r\n`)
      for await (const record of records) await out.write(`${CSV_COLUMNS.map((k) => csvCell(record[k])).join(',')}\r\n`)
    }),
  )

  app.get('/logs/export.json', (c) =>
    exportRuns(c, 'application/json', 'replexon-runs.json', async (out, records) => {
      let first = true
      await out.write('[')
      for await (const record of records) {
        await out.write(`${first ? '\n' : ',\n'}${JSON.stringify(record)}`)
        first = false
      }
      await out.write('\n]\n')
    }),
  )

  app.get('/logs/:id/summary', async (c) => {
    const run = await findRun(c)
    const excerpt = await readRunLog(run, { headLines: 0, tailLines: 15 })
    return c.html(<RunSummaryFragment run={run} excerpt={excerpt} timeZone={c.var.config.timeZone} />)
  })

  app.get('/logs/:id', async (c) => {
    const run = await findRun(c)
    const showAll = c.req.query('all') === '1'
    const excerpt = await readRunLog(run, showAll ? { headLines: 20_000, tailLines: 500 } : { headLines: 40, tailLines: 60 })
    return renderPage(c, <RunPage run={run} excerpt={excerpt} timeZone={c.var.config.timeZone} showAll={showAll} user={c.var.user!} csrfToken={c.var.csrfToken} />)
  })

  return app
}
