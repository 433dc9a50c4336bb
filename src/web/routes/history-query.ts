import { z } from 'zod'
import type { RunFilters } from '../../db/repositories/run-reports.js'

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-02-20')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), 'is not a real date')

/** The history page's query string: filters plus the page number. Blank fields mean "any". */
export const historyQuery = z.object({
  kind: z.preprocess(blankToUndefined, z.enum(['backup', 'snapshot', 'cleanup', 'config_backup']).optional()),
  status: z.preprocess(blankToUndefined, z.enum(['success', 'failed', 'interrupted', 'running']).optional()),
  from: z.preprocess(blankToUndefined, isoDate.optional()),
  to: z.preprocess(blankToUndefined, isoDate.optional()),
  trigger: z.preprocess(blankToUndefined, z.enum(['cron', 'manual']).optional()),
  q: z.preprocess(blankToUndefined, z.string().trim().max(200, 'must be at most 200 characters').optional()),
  page: z.preprocess(blankToUndefined, z.coerce.number().int('must be a whole number').min(1, 'must be 1 or more').max(100_000).default(1)),
})

export type HistoryQuery = z.infer<typeof historyQuery>

export function toFilters(q: HistoryQuery): RunFilters {
  return { kind: q.kind, status: q.status, from: q.from, to: q.to, triggeredBy: q.trigger, q: q.q }
}

/** The query string for `q` with `changes` applied (empty values dropped), for links and htmx. */
export function queryString(q: HistoryQuery, changes: Partial<HistoryQuery> = {}): string {
  const merged = { ...q, ...changes }
  const params = new URLSearchParams()
  for (const key of ['kind', 'status', 'from', 'to', 'trigger', 'q'] as const) {
    const v = merged[key]
    if (v) params.set(key, String(v))
  }
  if (merged.page && merged.page > 1) params.set('page', String(merged.page))
  const s = params.toString()
  return s ? `?${s}` : ''
}
