import { ALERT_EVENTS, type AlertEvent } from '../../alerts/types.js'
import type { AlertDeliveryView, AlertHistoryEntry } from '../../db/repositories/alerts.js'
import { formatInstant, formatInstantExact, formatRelative } from '../format.js'
import { alertSummary } from './alert-summary.js'
import { FilterSelect, Pager } from './paging.js'
import { Layout, type ViewUser } from './layout.js'
import { SettingsNav } from './settings-nav.js'

export const ALERTS_PAGE_SIZE = 25

export type AlertFilters = { event?: AlertEvent | undefined; channel?: number | undefined; page: number }

export type AlertHistoryResultsProps = { query: AlertFilters; rows: AlertHistoryEntry[]; total: number; timeZone: string; now: number }

const EVENTS: Record<AlertEvent, { label: string; class: string }> = {
  failed: { label: 'Failed', class: 'status-fail' },
  missed: { label: 'Missed', class: 'status-fail' },
  hung: { label: 'Hung', class: 'status-warn' },
  interrupted: { label: 'Interrupted', class: 'status-warn' },
  recovered: { label: 'Recovered', class: 'status-ok' },
  reminder: { label: 'Reminder', class: 'status-fail' },
  digest: { label: 'Digest', class: 'status-run' },
}

/** The query string for `q` with `changes` applied (empty values dropped), for links and htmx. */
export function alertQueryString(q: AlertFilters, changes: Partial<AlertFilters> = {}): string {
  const merged = { ...q, ...changes }
  const params = new URLSearchParams()
  if (merged.event) params.set('event', merged.event)
  if (merged.channel) params.set('channel', String(merged.channel))
  if (merged.page > 1) params.set('page', String(merged.page))
  const s = params.toString()
  return s ? `?${s}` : ''
}

/** A time in the server's zone; how long ago (and the exact instant) on hover. */
function Instant(props: { at: number; zone: string; now: number }) {
  return (
    <time datetime={new Date(props.at).toISOString()} title={`${formatRelative(props.at, props.now)} · ${formatInstantExact(props.at, props.zone)}`}>
      {formatInstant(props.at, props.zone)}
    </time>
  )
}

const attempts = (n: number) => `${n} attempt${n === 1 ? '' : 's'}`

function DeliveryState(props: { d: AlertDeliveryView; zone: string; now: number }) {
  const { d, zone, now } = props
  if (d.status === 'sent') {
    return (
      <>
        <span class="badge status-ok">Sent</span> at {d.sentAt === null ? 'a time not recorded' : <Instant at={d.sentAt} zone={zone} now={now} />}
        {d.attempts > 1 && ` after ${attempts(d.attempts)}`}
      </>
    )
  }
  if (d.status === 'pending') {
    return (
      <>
        <span class="badge status-run">Pending</span>: {d.attempts === 0 ? 'first try at ' : 'next try at '}
        <Instant at={d.nextAttemptAt} zone={zone} now={now} />
        {d.attempts > 0 && ` after ${attempts(d.attempts)}`}
      </>
    )
  }
  return (
    <>
      <span class="badge status-fail">Failed</span> {d.attempts === 0 ? 'without being tried' : `after ${attempts(d.attempts)}`}
    </>
  )
}

function AlertRow(props: { alert: AlertHistoryEntry; zone: string; now: number }) {
  const { alert: a, zone, now } = props
  const summary = alertSummary(a, zone)
  return (
    <tr data-alert-id={String(a.id)}>
      <td>
        <Instant at={a.createdAt} zone={zone} now={now} />
      </td>
      <td>
        <span class={`badge ${EVENTS[a.event].class}`}>{EVENTS[a.event].label}</span>
      </td>
      <td>{a.runId === null ? summary : <a href={`/logs/${a.runId}`}>{summary}</a>}</td>
      <td>
        {a.deliveries.length === 0 ? (
          <span class="muted">No channel was set to receive it</span>
        ) : (
          <ul class="deliveries">
            {a.deliveries.map((d) => (
              <li data-delivery-status={d.status}>
                <strong>{d.channelName}</strong> <span class="muted">({d.channelType})</span>: <DeliveryState d={d} zone={zone} now={now} />
                {d.lastResult !== null && (
                  <div>
                    <small class="muted">Result: </small>
                    <code class="delivery-result">{d.lastResult}</code>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  )
}

/** The table and pager: what htmx swaps when a filter or page changes. */
export function AlertHistoryResults(props: AlertHistoryResultsProps) {
  const { query, rows, total } = props
  const pages = Math.max(1, Math.ceil(total / ALERTS_PAGE_SIZE))
  const first = (query.page - 1) * ALERTS_PAGE_SIZE + 1
  const filtered = query.event !== undefined || query.channel !== undefined
  return (
    <div id="alert-results">
      {total === 0 && !filtered ? (
        <p data-testid="alerts-empty">
          No alerts yet. Alerts are decided when a backup fails, is missed, hangs, is interrupted or recovers; set up where they go on the{' '}
          <a href="/settings/notifications">Notifications page</a>.
        </p>
      ) : (
        <p class="muted" data-testid="result-count">
          {total === 0
            ? 'No alerts match these filters.'
            : rows.length === 0
              ? `Page ${query.page} is past the last page (${pages}).`
              : `Alerts ${first}–${first + rows.length - 1} of ${total}`}
        </p>
      )}
      {rows.length > 0 && (
        <div class="overflow-auto">
          <table class="alert-history">
            <thead>
              <tr>
                <th scope="col">Decided</th>
                <th scope="col">Event</th>
                <th scope="col">What happened</th>
                <th scope="col">Deliveries</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => (
                <AlertRow alert={a} zone={props.timeZone} now={props.now} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={query.page} pages={pages} href={(page) => `/settings/alerts${alertQueryString(query, { page })}`} target="#alert-results" />
    </div>
  )
}

export function AlertHistoryPage(props: AlertHistoryResultsProps & { channels: { id: number; name: string }[]; user: ViewUser; csrfToken: string | null }) {
  const q = props.query
  return (
    <Layout title="Alert history" user={props.user} csrfToken={props.csrfToken} active="settings">
      <SettingsNav active="alerts" />
      <hgroup>
        <h1>Alert history</h1>
        <p class="muted">What was sent, when, to which channel, and what came back; newest first. Times in {props.timeZone}.</p>
      </hgroup>
      <form class="filters" method="get" action="/settings/alerts" hx-get="/settings/alerts" hx-target="#alert-results" hx-swap="outerHTML" hx-push-url="true" hx-trigger="change, submit">
        <div class="grid">
          <FilterSelect name="event" label="Event" value={q.event} options={ALERT_EVENTS.map((e) => [e, EVENTS[e].label])} />
          <FilterSelect name="channel" label="Channel" value={q.channel?.toString()} options={props.channels.map((ch) => [String(ch.id), ch.name])} />
        </div>
        <noscript>
          <button type="submit">Filter</button>
        </noscript>
      </form>
      <AlertHistoryResults query={q} rows={props.rows} total={props.total} timeZone={props.timeZone} now={props.now} />
    </Layout>
  )
}
