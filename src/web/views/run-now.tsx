import type { ManualTrigger } from '../../db/repositories/manual-triggers.js'
import type { RunView } from '../../db/repositories/run-reports.js'
import type { RunnerStatus } from '../../runner/backup-runner.js'
import type { LogRange } from '../../runner/log-tail.js'
import { exitCodeMeaning } from '../exit-codes.js'
import { formatDuration, formatInstant, formatRelative } from '../format.js'
import { Layout, type ViewUser } from './layout.js'

/** Everything the panel shows; built by routes/run-now.tsx. */
export type RunNowModel = {
  status: RunnerStatus
  /** Output of the running manual backup, or of the last one while it is recent. */
  output: LogRange | null
  /** The stored run of the last manual trigger, once the follower has it. */
  storedRun: RunView | null
  now: number
  timeZone: string
  csrfToken: string | null
  /** Where to come back to after pressing the button (a local path). */
  back: string
  error?: string | null
}

const panelUrl = (back: string) => `/run-now/panel?back=${encodeURIComponent(back)}`

function who(t: ManualTrigger): string {
  const by = t.username ? ` by ${t.username}` : ''
  return t.requestedBy === 'web' ? `from the web${by}` : `from the command line${by}`
}

/** `stream` (for a running backup) is where the page hears the rest of the output as it is written. */
function Output(props: { output: LogRange | null; stream?: string }) {
  if (!props.output) return null
  const { text, omittedBytes } = props.output
  return (
    <pre class="run-now-output" data-testid="run-now-output" data-stream={props.stream}>
      {omittedBytes > 0 && <span class="muted">{`… ${omittedBytes} earlier bytes not shown …\n`}</span>}
      {text === '' ? <span class="muted" data-placeholder>No output yet.</span> : text}
    </pre>
  )
}

function Outcome(props: { trigger: ManualTrigger; storedRun: RunView | null; timeZone: string; now: number }) {
  const { trigger: t, storedRun: run } = props
  const code = t.exitCode ?? (run && run.status !== 'running' ? run.exitCode : null)
  const took = t.finishedAt !== null ? ` after ${formatDuration((t.finishedAt - t.startedAt) / 1000)}` : ''
  const result =
    code === null ? (
      <span class="muted">ended; outcome not known yet</span>
    ) : code === 0 ? (
      <strong class="status-ok">finished successfully{took}</strong>
    ) : (
      <strong class="status-fail" title={exitCodeMeaning(code)}>
        FAILED with exit code {code}
        {took} ({exitCodeMeaning(code)})
      </strong>
    )
  return (
    <p data-testid="run-now-result">
      Last manual backup, started {formatInstant(t.startedAt, props.timeZone)} ({formatRelative(t.startedAt, props.now)}) {who(t)}: {result}.
      {t.runId !== null && (
        <>
          {' '}
          <a href={`/logs/${t.runId}`}>See it in the history</a>.
        </>
      )}
    </p>
  )
}

/**
 * The "Run now" panel with what it knows: a running backup's output, continued live over
 * server-sent events, and its elapsed time (public/app.js), or the button. The same
 * component is the htmx fragment; it re-renders when the stream says the run finished.
 */
export function RunNowContent(props: RunNowModel) {
  const { status, now } = props
  const running = status.running
  const last = status.last
  const trigger = running?.source === 'manual' ? running.trigger : null
  return (
    <section
      id="run-now"
      class="run-now"
      aria-label="Run a backup now"
      data-state={running ? 'running' : 'idle'}
      hx-get={panelUrl(props.back)}
      hx-trigger={running ? 'run-finished, every 60s' : 'runs-changed from:body, every 30s'}
      hx-swap="outerHTML"
    >
      <h2>Run a backup now</h2>
      {props.error && (
        <p class="flash error" role="alert" data-testid="run-now-error">
          {props.error}
        </p>
      )}
      {trigger && (
        <>
          <p class="status-run" data-testid="run-now-running">
            Backup running, started {who(trigger)} · elapsed{' '}
            <span data-testid="run-now-elapsed" data-elapsed-since={String(trigger.startedAt)}>
              {formatDuration((now - trigger.startedAt) / 1000)}
            </span>
          </p>
          <Output output={props.output} stream={props.output ? `/run-now/stream?trigger=${trigger.id}&from=${props.output.end}` : undefined} />
        </>
      )}
      {running?.source === 'starting' && <p class="status-run">A backup is being started…</p>}
      {running?.source === 'log' && (
        <p class="status-run" data-testid="run-now-running">
          {running.job} is running
          {running.startedAt !== null ? `, started ${formatRelative(running.startedAt, now)}` : ''} (from cron or a shell; its output is in the log).
        </p>
      )}
      {!running && (
        <form method="post" action="/run-now" class="run-now-form">
          <input type="hidden" name="_csrf" value={props.csrfToken ?? ''} />
          <input type="hidden" name="back" value={props.back} />
          <button type="submit" data-testid="run-now" disabled={status.cooldownRemainingSeconds > 0}>
            Run now
          </button>
          {status.cooldownRemainingSeconds > 0 && (
            <small class="muted"> Manual backups are spaced out: possible again in {formatDuration(status.cooldownRemainingSeconds)}.</small>
          )}
        </form>
      )}
      {!running && last && <Outcome trigger={last} storedRun={props.storedRun} timeZone={props.timeZone} now={now} />}
      {!running && last && props.output && (
        <details>
          <summary>Output of the last manual backup</summary>
          <Output output={props.output} />
        </details>
      )}
    </section>
  )
}

/**
 * The panel to place on a page (dashboard, schedules) for admins: it loads its state
 * itself, so the page needs no data for it. `back` is where the button returns to.
 */
export function RunNowPanel(props: { back?: string }) {
  const back = props.back ?? '/dashboard'
  return (
    <section id="run-now" class="run-now" aria-label="Run a backup now" hx-get={panelUrl(back)} hx-trigger="load" hx-swap="outerHTML">
      <h2>Run a backup now</h2>
      <p class="muted">
        Checking for a backup in progress… (<a href="/run-now">open the Run now page</a>)
      </p>
    </section>
  )
}

/** `/run-now` as a page of its own: where a refused press lands with its message. */
export function RunNowPage(props: RunNowModel & { user: ViewUser }) {
  return (
    <Layout title="Run now" user={props.user} csrfToken={props.csrfToken} active="dashboard" live>
      <h1>Run now</h1>
      <p class="muted">
        Starts the backup script as cron does; its output goes to the backup log, and the run shows up in the history marked manual.
      </p>
      <RunNowContent {...props} />
    </Layout>
  )
}
