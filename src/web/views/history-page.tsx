import type { RunView } from '../../db/repositories/run-reports.js'
import { queryString, type HistoryQuery } from '../routes/history-query.js'
import { FilterSelect, Pager } from './paging.js'
import { Layout, type ViewUser } from './layout.js'
import { KIND_LABELS, RunCells, When } from './run-bits.js'

export const PAGE_SIZE = 25

export type HistoryResultsProps = { query: HistoryQuery; rows: RunView[]; total: number; timeZone: string }

/** One run's row plus the empty row its details expand into. */
function RunRow(props: { run: RunView; timeZone: string }) {
  const r = props.run
  return (
    <>
      <tr data-run-id={String(r.id)}>
        <td>
          <When at={r.startedAt} date={r.date} timeZone={props.timeZone} />
        </td>
        <RunCells run={r} />
        <td>{r.triggeredBy}</td>
        <td class="actions">
          <button
            type="button"
            class="secondary outline expand"
            hx-get={`/logs/${r.id}/summary`}
            hx-target={`#details-${r.id}`}
            hx-swap="innerHTML"
            aria-expanded="false"
            aria-controls={`details-${r.id}`}
          >
            Details
          </button>{' '}
          <a href={`/logs/${r.id}`}>Open</a>
        </td>
      </tr>
      <tr class="run-details">
        <td colspan={7} id={`details-${r.id}`}></td>
      </tr>
    </>
  )
}

/** The table and pager: what htmx swaps when a filter or page changes. */
export function HistoryResults(props: HistoryResultsProps) {
  const { query, rows, total } = props
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE))
  const first = total === 0 ? 0 : (query.page - 1) * PAGE_SIZE + 1
  const last = Math.min(total, query.page * PAGE_SIZE)
  const link = (page: number) => `/logs${queryString(query, { page })}`
  return (
    <div id="history-results">
      <p class="muted" data-testid="result-count">
        {total === 0 ? 'No runs match these filters.' : `Runs ${first}–${last} of ${total}`}
      </p>
      {total > 0 && (
        <div class="overflow-auto">
          <table class="history">
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Kind</th>
                <th scope="col">Outcome</th>
                <th scope="col">Duration</th>
                <th scope="col">Size</th>
                <th scope="col">Triggered by</th>
                <th scope="col"></th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <RunRow run={r} timeZone={props.timeZone} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={query.page} pages={pages} href={link} target="#history-results" />
    </div>
  )
}

export function HistoryPage(props: HistoryResultsProps & { user: ViewUser; csrfToken: string | null }) {
  const q = props.query
  return (
    <Layout title="History" user={props.user} csrfToken={props.csrfToken} active="history">
      <div class="page-head">
        <hgroup>
          <h1>History</h1>
          <p class="muted">Every run the logs and the tracking file know of, newest first. Times in {props.timeZone}.</p>
        </hgroup>
        <p class="exports">
          <a href={`/logs/export.csv${queryString(q, { page: 1 })}`} role="button" class="secondary outline" data-testid="export-csv" download>
            Export CSV
          </a>{' '}
          <a href={`/logs/export.json${queryString(q, { page: 1 })}`} role="button" class="secondary outline" data-testid="export-json" download>
            Export JSON
          </a>
        </p>
      </div>
      <form
        class="filters"
        method="get"
        action="/logs"
        hx-get="/logs"
        hx-target="#history-results"
        hx-swap="outerHTML"
        hx-push-url="true"
        hx-trigger="change, input changed delay:400ms from:input[name=q], submit"
      >
        <div class="grid">
          <FilterSelect name="kind" label="Kind" value={q.kind} options={Object.entries(KIND_LABELS)} />
          <FilterSelect
            name="status"
            label="Outcome"
            value={q.status}
            options={[
              ['success', 'Success'],
              ['failed', 'Failed'],
              ['interrupted', 'Interrupted'],
              ['running', 'Running'],
            ]}
          />
          <FilterSelect
            name="trigger"
            label="Triggered by"
            value={q.trigger}
            options={[
              ['cron', 'cron'],
              ['manual', 'manual'],
            ]}
          />
          <label>
            From
            <input type="date" name="from" value={q.from ?? ''} />
          </label>
          <label>
            To
            <input type="date" name="to" value={q.to ?? ''} />
          </label>
        </div>
        <input type="search" name="q" placeholder="Search error messages…" value={q.q ?? ''} aria-label="Search" />
        <noscript>
          <button type="submit">Filter</button>
        </noscript>
      </form>
      <HistoryResults query={q} rows={props.rows} total={props.total} timeZone={props.timeZone} />
    </Layout>
  )
}
