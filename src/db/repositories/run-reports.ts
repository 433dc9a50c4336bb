import { sql, type SelectQueryBuilder } from 'kysely'
import type { Db } from '../connection.js'
import type { Database, RunKind, RunStatus } from '../schema.js'
import { toFtsQuery } from './run-search.js'

/** One run as the pages show it. Times are UTC epoch ms; unknown is null. */
export type RunView = {
  id: number
  kind: RunKind
  jobName: string | null
  status: RunStatus
  date: string
  startedAt: number | null
  finishedAt: number | null
  durationSeconds: number | null
  exitCode: number | null
  sentBytes: number | null
  receivedBytes: number | null
  totalSizeBytes: number | null
  filesTransferred: number | null
  error: string | null
  triggeredBy: 'cron' | 'manual' | 'unknown'
  origin: 'log' | 'tracking' | 'both'
  sourceFile: string | null
  sourceStart: number | null
  sourceEnd: number | null
  parentRunId: number | null
}

export type ChartRow = Pick<RunView, 'id' | 'kind' | 'status' | 'date' | 'startedAt' | 'totalSizeBytes' | 'sentBytes' | 'durationSeconds'>

export type RunFilters = {
  kind?: RunKind
  status?: RunStatus
  /** Inclusive local dates, YYYY-MM-DD. */
  from?: string
  to?: string
  triggeredBy?: 'cron' | 'manual'
  /** Free text: every word must appear in the run's error, job name or its own log output. */
  q?: string
}

export type RunSummary = {
  runs: number
  backups: number
  successes: number
  failures: number
  interrupted: number
  averageDurationSeconds: number | null
}

const COLUMNS = [
  'id',
  'kind',
  'job_name as jobName',
  'status',
  'date',
  'started_at as startedAt',
  'finished_at as finishedAt',
  'duration_seconds as durationSeconds',
  'exit_code as exitCode',
  'sent_bytes as sentBytes',
  'received_bytes as receivedBytes',
  'total_size_bytes as totalSizeBytes',
  'files_transferred as filesTransferred',
  'error',
  'triggered_by as triggeredBy',
  'origin',
  'source_file as sourceFile',
  'source_start as sourceStart',
  'source_end as sourceEnd',
  'parent_run_id as parentRunId',
] as const

type RunsQuery = SelectQueryBuilder<Database, 'backup_runs', object>

function applyFilters<Q extends RunsQuery>(query: Q, f: RunFilters): Q {
  let q = query
  if (f.kind) q = q.where('kind', '=', f.kind) as Q
  if (f.status) q = q.where('status', '=', f.status) as Q
  if (f.from) q = q.where('date', '>=', f.from) as Q
  if (f.to) q = q.where('date', '<=', f.to) as Q
  if (f.triggeredBy) q = q.where('triggered_by', '=', f.triggeredBy) as Q
  const fts = f.q ? toFtsQuery(f.q) : null
  if (fts) q = q.where('id', 'in', sql<number>`(SELECT rowid FROM run_search WHERE run_search MATCH ${fts})`) as Q
  return q
}

/** Read-side queries for the dashboard, the history and exports; every one is served by an index. */
export function createRunReportsRepository(db: Db) {
  const newestFirst = <Q extends RunsQuery>(q: Q) =>
    q.orderBy('date', 'desc').orderBy(sql`coalesce(started_at, 0)`, 'desc').orderBy('id', 'desc') as Q

  return {
    async findById(id: number): Promise<RunView | undefined> {
      return (await db.selectFrom('backup_runs').select(COLUMNS).where('id', '=', id).executeTakeFirst()) as RunView | undefined
    },

    /** The newest run of `kind`, whatever its outcome. */
    async latest(kind: RunKind = 'backup', status?: RunStatus): Promise<RunView | undefined> {
      let q = db.selectFrom('backup_runs').select(COLUMNS).where('kind', '=', kind)
      if (status) q = q.where('status', '=', status)
      return (await newestFirst(q as unknown as RunsQuery).limit(1).executeTakeFirst()) as RunView | undefined
    },

    async recent(limit: number): Promise<RunView[]> {
      return (await newestFirst(db.selectFrom('backup_runs').select(COLUMNS) as unknown as RunsQuery)
        .limit(limit)
        .execute()) as unknown as RunView[]
    },

    /** The few columns the charts and the calendar need, since `fromDate` (all when null), oldest first. */
    async chartRows(fromDate: string | null): Promise<ChartRow[]> {
      let q = db
        .selectFrom('backup_runs')
        .select(['id', 'kind', 'status', 'date', 'started_at as startedAt', 'total_size_bytes as totalSizeBytes', 'sent_bytes as sentBytes', 'duration_seconds as durationSeconds'])
      if (fromDate) q = q.where('date', '>=', fromDate)
      return (await q.orderBy('date').orderBy('id').execute()) as ChartRow[]
    },

    /** Runs since `fromDate` (all when null), oldest first. */
    async since(fromDate: string | null): Promise<RunView[]> {
      let q = db.selectFrom('backup_runs').select(COLUMNS)
      if (fromDate) q = q.where('date', '>=', fromDate)
      return (await q.orderBy('date').orderBy(sql`coalesce(started_at, 0)`).orderBy('id').execute()) as unknown as RunView[]
    },

    async summary(fromDate: string | null): Promise<RunSummary> {
      let q = db
        .selectFrom('backup_runs')
        .select((eb) => [
          eb.fn.countAll<number>().as('runs'),
          sql<number>`coalesce(sum(kind = 'backup' and status != 'running'), 0)`.as('backups'),
          sql<number>`coalesce(sum(kind = 'backup' and status = 'success'), 0)`.as('successes'),
          sql<number>`coalesce(sum(status = 'failed'), 0)`.as('failures'),
          sql<number>`coalesce(sum(status = 'interrupted'), 0)`.as('interrupted'),
          sql<number | null>`avg(case when kind = 'backup' and status = 'success' then duration_seconds end)`.as(
            'averageDurationSeconds',
          ),
        ])
      if (fromDate) q = q.where('date', '>=', fromDate)
      const row = await q.executeTakeFirstOrThrow()
      return {
        runs: Number(row.runs),
        backups: Number(row.backups),
        successes: Number(row.successes),
        failures: Number(row.failures),
        interrupted: Number(row.interrupted),
        averageDurationSeconds: row.averageDurationSeconds === null ? null : Number(row.averageDurationSeconds),
      }
    },

    /** The oldest date any run has, to tell "missed" from "before the history began". */
    async firstDate(): Promise<string | null> {
      const row = await db.selectFrom('backup_runs').select((eb) => eb.fn.min('date').as('first')).executeTakeFirst()
      return (row?.first as string | null | undefined) ?? null
    },

    async search(filters: RunFilters, page: number, pageSize: number): Promise<{ rows: RunView[]; total: number }> {
      const base = applyFilters(db.selectFrom('backup_runs') as unknown as RunsQuery, filters)
      const totalRow = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
      const rows = await newestFirst(base.select(COLUMNS) as unknown as RunsQuery)
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute()
      return { rows: rows as unknown as RunView[], total: Number((totalRow as { n: number }).n) }
    },

    /** Every run matching `filters`, newest first, in pages of `chunk` (for exports of any size). */
    async *iterate(filters: RunFilters, chunk = 500): AsyncGenerator<RunView> {
      for (let offset = 0; ; offset += chunk) {
        const rows = (await newestFirst(applyFilters(db.selectFrom('backup_runs') as unknown as RunsQuery, filters).select(COLUMNS) as unknown as RunsQuery)
          .limit(chunk)
          .offset(offset)
          .execute()) as unknown as RunView[]
        yield* rows
        if (rows.length < chunk) return
      }
    },
  }
}

export type RunReportsRepository = ReturnType<typeof createRunReportsRepository>
