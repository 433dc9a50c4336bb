import type { Config } from '../../config.js'
import type { AlertChannel } from '../../db/repositories/alert-channels.js'
import type { RunSummary, RunView } from '../../db/repositories/run-reports.js'
import { RANGES, type DayState, type HeadlineStatus, type Range, type chartSeries } from '../../reports/dashboard.js'
import { exitCodeMeaning } from '../exit-codes.js'
import { formatDuration, formatInstant, formatPercent, formatRelative } from '../format.js'
import { Layout, type ViewUser } from './layout.js'
import { Bytes, Duration, KIND_LABELS, RunCells, When } from './run-bits.js'
import { RunNowPanel } from './run-now.js'

export type DashboardModel = {
  range: Range
  now: number
  headline: HeadlineStatus
  overdue: { overdue: boolean; expectedEveryMs: number | null; sinceMs: number | null }
  summary: RunSummary
  successRate: number | null
  latestSize: RunView | undefined
  charts: ReturnType<typeof chartSeries>
  days: { date: string; state: DayState }[]
  recent: RunView[]
  totalRuns: number
  /** The next run cron will start, from the crontabs; null hides the card. */
  nextRun: { at: number; job: string } | null
  /** Whether anyone hears about problems: enabled channels, and those whose last attempt failed. */
  alerting: { channels: number; failing: readonly AlertChannel[] }
}

export type DashboardPageProps = {
  user: ViewUser
  csrfToken: string | null
  config: Pick<Config, 'plexDataPath' | 'backupDestination' | 'backupLogPath' | 'backupTrackingPath' | 'timeZone'>
  model: DashboardModel
}

const RANGE_LABELS: Record<Range, string> = { '7': '7 days', '30': '30 days', '90': '90 days', '365': '1 year', all: 'All' }

function Headline(props: { model: DashboardModel; timeZone: string }) {
  const h = props.model.headline
  const now = props.model.now
  if (h.state === 'none') return <p>No backup yet</p>
  if (h.state === 'running') {
    return (
      <p class="status-run" data-testid="headline">
        Running{h.runningForSeconds !== null ? ` for ${formatDuration(h.runningForSeconds)}` : ''}
      </p>
    )
  }
  const ago = h.at !== null ? formatRelative(h.at, now) : `on ${h.run.date}`
  if (h.state === 'success') return <p class="status-ok" data-testid="headline">Success, {ago}</p>
  const code = h.run.exitCode !== null ? ` (code ${h.run.exitCode})` : ''
  return (
    <p class={h.state === 'failed' ? 'status-fail' : 'status-warn'} data-testid="headline" title={h.run.exitCode !== null ? exitCodeMeaning(h.run.exitCode) : undefined}>
      {h.state === 'failed' ? 'FAILED' : 'Interrupted'}
      {code}, {ago}
    </p>
  )
}

function Card(props: { title: string; children: unknown; id?: string }) {
  return (
    <article id={props.id}>
      <h3>{props.title}</h3>
      {props.children as never}
    </article>
  )
}

/** The live part of the dashboard: re-fetched by htmx when the follower stores a run. */
export function DashboardBody(props: { model: DashboardModel; timeZone: string }) {
  const m = props.model
  const tz = props.timeZone
  return (
    <div
      id="dashboard-body"
      hx-get={`/dashboard?range=${m.range}`}
      hx-trigger="runs-changed from:body, every 120s"
      hx-select="#dashboard-body"
      hx-swap="outerHTML"
    >
      {m.overdue.overdue && m.overdue.sinceMs !== null && m.overdue.expectedEveryMs !== null && (
        <p class="flash error overdue" role="alert" data-testid="overdue">
          <strong>Backup overdue.</strong> The last backup started {formatDuration(m.overdue.sinceMs / 1000)} ago; backups
          usually run every {formatDuration(m.overdue.expectedEveryMs / 1000)}. Check the cron job and the backup script.
        </p>
      )}
      <section class="cards" aria-label="Status">
        <Card title="Last backup" id="card-status">
          <Headline model={m} timeZone={tz} />
          {m.headline.state !== 'none' && m.headline.run.error && <small class="muted">{m.headline.run.error}</small>}
        </Card>
        <Card title="Success rate">
          <p data-testid="success-rate">{m.successRate === null ? '—' : formatPercent(m.successRate)}</p>
          <small class="muted">
            {m.summary.successes} of {m.summary.backups} backups
          </small>
        </Card>
        <Card title="Runs">
          <p>{m.summary.runs}</p>
          <small class={m.summary.failures > 0 ? 'status-fail' : 'muted'}>
            {m.summary.failures} failed{m.summary.interrupted > 0 ? `, ${m.summary.interrupted} interrupted` : ''}
          </small>
        </Card>
        <Card title="Latest size">
          <p>
            <Bytes value={m.latestSize?.totalSizeBytes ?? null} />
          </p>
          {m.latestSize && (
            <small class="muted">
              <When at={m.latestSize.startedAt} date={m.latestSize.date} timeZone={tz} />
            </small>
          )}
        </Card>
        <Card title="Average duration">
          <p>
            <Duration seconds={m.summary.averageDurationSeconds} />
          </p>
          <small class="muted">successful backups</small>
        </Card>
        {m.nextRun && (
          <Card title="Next backup" id="card-next">
            <p data-testid="next-run" title={formatInstant(m.nextRun.at, tz)}>
              {formatRelative(m.nextRun.at, m.now)}
            </p>
            <small class="muted">
              {formatInstant(m.nextRun.at, tz)} · <a href="/schedules">{m.nextRun.job}</a>
            </small>
          </Card>
        )}
      </section>

      <section class="charts" aria-label="Charts">
        <article>
          <h3>Backup size{m.charts.per === 'week' ? ' (weekly)' : ''}</h3>
          <canvas data-chart="size" data-series={JSON.stringify(m.charts.size)} aria-label="Backup size over time" role="img"></canvas>
        </article>
        <article>
          <h3>Data transferred {m.charts.per === 'week' ? 'per week' : 'per run'}</h3>
          <canvas data-chart="transferred" data-series={JSON.stringify(m.charts.transferred)} aria-label="Data sent per run" role="img"></canvas>
        </article>
        <article>
          <h3>Duration {m.charts.per === 'week' ? '(weekly mean)' : 'per run'}</h3>
          <canvas data-chart="duration" data-series={JSON.stringify(m.charts.duration)} aria-label="Duration per run" role="img"></canvas>
        </article>
        <article>
          <h3>Runs by kind</h3>
          <canvas

            data-chart="kinds"
            data-series={JSON.stringify(Object.entries(m.charts.kinds).map(([kind, n]) => ({ label: KIND_LABELS[kind as keyof typeof KIND_LABELS], y: n })))}
            aria-label="Runs by kind"
            role="img"
          ></canvas>
        </article>
        <article class="wide">
          <h3>The last year, day by day</h3>
          <canvas data-chart="calendar" data-series={JSON.stringify(m.days)} aria-label="Backup outcome per day over the last year" role="img"></canvas>
          <p class="legend muted">
            <span class="swatch success"></span> success <span class="swatch failed"></span> failed <span class="swatch missed"></span> missed{' '}
            <span class="swatch none"></span> no data
          </p>
        </article>
      </section>

      <section aria-label="Recent activity">
        <h2>Recent activity</h2>
        <div class="overflow-auto">
          <table class="striped">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Kind</th>
                <th scope="col">Outcome</th>
                <th scope="col">Duration</th>
                <th scope="col">Size</th>
              </tr>
            </thead>
            <tbody>
              {m.recent.map((r) => (
                <tr>
                  <td>
                    <a href={`/logs/${r.id}`}>
                      <When at={r.startedAt} date={r.date} timeZone={tz} />
                    </a>
                  </td>
                  <RunCells run={r} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>
          <a href="/logs">All runs →</a>
        </p>
      </section>
    </div>
  )
}

function EmptyState(props: { config: DashboardPageProps['config'] }) {
  return (
    <article id="dashboard-body" hx-get="/dashboard" hx-trigger="runs-changed from:body, every 60s" hx-select="#dashboard-body" hx-swap="outerHTML">
      <h2>No backup runs yet</h2>
      <p>
        RePlexOn reads the backup script's log at <code>{props.config.backupLogPath}</code> and its tracking file at{' '}
        <code>{props.config.backupTrackingPath}</code>, and follows them while it runs.
      </p>
      <ul>
        <li>
          If your logs live elsewhere, set <code>BACKUP_LOG_PATH</code> and <code>BACKUP_TRACKING_PATH</code> in <code>.env</code> and restart.
        </li>
        <li>
          To import years of history at once (with a progress bar), run <code>npx replexon import-logs</code> on the server.
        </li>
        <li>
          To see why a log is not understood, run <code>npx replexon parse --log {props.config.backupLogPath} --verbose</code>.
        </li>
      </ul>
    </article>
  )
}

/** A notifier that fails is as bad as none: both are said where people look every morning. */
function AlertingState(props: { alerting: DashboardModel['alerting']; admin: boolean; now: number }) {
  const { channels, failing } = props.alerting
  const where = props.admin ? <a href="/settings/notifications">Notifications</a> : 'the settings (ask an admin)'
  if (failing.length > 0) {
    return (
      <div class="flash error" role="alert" data-testid="channel-failing">
        {failing.map((ch) => (
          <p>
            <strong>Alerts to "{ch.name}" are failing</strong> ({ch.consecutiveFailures} attempt{ch.consecutiveFailures === 1 ? '' : 's'} in a row
            {ch.lastFailureAt !== null ? `, last ${formatRelative(ch.lastFailureAt, props.now)}` : ''}): {ch.lastError ?? 'unknown error'}.
          </p>
        ))}
        <p>Check the channel on {where}.</p>
      </div>
    )
  }
  if (channels === 0 && props.admin) {
    return (
      <p class="flash info" data-testid="no-channels">
        No notification channel is set up: nobody will be told when a backup fails. Add one on <a href="/settings/notifications">Notifications</a>.
      </p>
    )
  }
  return null
}

/** The morning check: did last night's backup work, and is anything drifting? */
export function DashboardPage(props: DashboardPageProps) {
  const m = props.model
  return (
    <Layout title="Dashboard" user={props.user} csrfToken={props.csrfToken} active="dashboard" live>
      <div class="page-head">
        <hgroup>
          <h1>Dashboard</h1>
          <p class="muted">Times in {props.config.timeZone}</p>
        </hgroup>
        <nav aria-label="Range" class="range">
          <ul>
            {RANGES.map((r) => (
              <li>
                <a href={`/dashboard?range=${r}`} aria-current={r === m.range ? 'true' : undefined} role="button" class={r === m.range ? '' : 'secondary outline'}>
                  {RANGE_LABELS[r]}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      <AlertingState alerting={m.alerting} admin={props.user.role === 'admin'} now={m.now} />
      {props.user.role === 'admin' && <RunNowPanel back="/dashboard" />}
      <section class="cards paths" aria-label="Backup paths">
        <article>
          <h3>Plex data</h3>
          <code>{props.config.plexDataPath || 'not set (Settings, or PLEX_DATA_PATH)'}</code>
        </article>
        <article>
          <h3>Destination</h3>
          <code>{props.config.backupDestination || 'not set (Settings, or BACKUP_DESTINATION)'}</code>
        </article>
      </section>
      {m.totalRuns === 0 ? <EmptyState config={props.config} /> : <DashboardBody model={m} timeZone={props.config.timeZone} />}
      <script src="/vendor/chart.umd.min.js" defer></script>
      <script src="/vendor/chartjs-adapter-date-fns.bundle.min.js" defer></script>
      <script src="/vendor/chartjs-chart-matrix.min.js" defer></script>
      <script src="/static/charts.js" defer></script>
    </Layout>
  )
}
