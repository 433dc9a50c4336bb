import type { RunView } from '../../db/repositories/run-reports.js'
import { isProblemLine, type RunLogExcerpt } from '../../runs/run-log.js'
import { exitCodeMeaning } from '../exit-codes.js'
import { formatBytes } from '../format.js'
import { Layout, type ViewUser } from './layout.js'
import { Bytes, Duration, KIND_LABELS, StatusBadge, When } from './run-bits.js'

function Facts(props: { run: RunView; timeZone: string }) {
  const r = props.run
  return (
    <dl class="facts">
      <dt>Kind</dt>
      <dd>
        {KIND_LABELS[r.kind]}
        {r.jobName && r.jobName !== 'Plex Backup' && <span class="muted"> ({r.jobName})</span>}
      </dd>
      <dt>Outcome</dt>
      <dd>
        <StatusBadge run={r} />
      </dd>
      <dt>Started</dt>
      <dd>
        <When at={r.startedAt} date={r.date} timeZone={props.timeZone} />
      </dd>
      <dt>Ended</dt>
      <dd>{r.finishedAt !== null ? <When at={r.finishedAt} timeZone={props.timeZone} /> : <span class="muted">not recorded</span>}</dd>
      <dt>Duration</dt>
      <dd>
        <Duration seconds={r.durationSeconds} />
      </dd>
      <dt>Backup size</dt>
      <dd>
        <Bytes value={r.totalSizeBytes} />
      </dd>
      <dt>Sent / received</dt>
      <dd>
        <Bytes value={r.sentBytes} /> / <Bytes value={r.receivedBytes} />
      </dd>
      <dt>Files transferred</dt>
      <dd>{r.filesTransferred ?? <span class="muted">not recorded</span>}</dd>
      <dt>Exit code</dt>
      <dd>
        {r.exitCode === null ? (
          <span class="muted">not recorded</span>
        ) : (
          <>
            {r.exitCode}: {exitCodeMeaning(r.exitCode)}
          </>
        )}
      </dd>
      <dt>Triggered by</dt>
      <dd>{r.triggeredBy}</dd>
      {r.error && (
        <>
          <dt>Error</dt>
          <dd class="status-fail">
            <code>{r.error}</code>
          </dd>
        </>
      )}
      {r.origin === 'tracking' && (
        <>
          <dt>Source</dt>
          <dd class="status-warn">Known only from the tracking file: the main log no longer has this run (rotated away), so only its date and outcome are known.</dd>
        </>
      )}
    </dl>
  )
}

function LogLines(props: { lines: string[]; startAt?: number }) {
  return (
    <>
      {props.lines.map((line) => (
        <span class={isProblemLine(line) ? 'line problem' : 'line'}>{line}</span>
      ))}
    </>
  )
}

function LogExcerpt(props: { excerpt: RunLogExcerpt; runId: number; showAll: boolean }) {
  const e = props.excerpt
  if (!e.available) return <p class="muted">{e.reason}</p>
  return (
    <>
      <pre class="run-log" data-testid="run-log">
        <LogLines lines={e.head} />
        {e.omittedLines > 0 && (
          <span class="line omitted">
            … {e.omittedLines.toLocaleString('en-US')} lines not shown …
          </span>
        )}
        <LogLines lines={e.tail} />
      </pre>
      <p class="muted">
        {e.totalLines.toLocaleString('en-US')} lines, {formatBytes(e.totalBytes)}
        {e.truncated && ' (only the first part of this very long run can be shown here)'}
        {e.omittedLines > 0 && !props.showAll && (
          <>
            {' · '}
            <a href={`/logs/${props.runId}?all=1`}>Show all</a>
          </>
        )}
      </p>
    </>
  )
}

/** What a history row expands into. */
export function RunSummaryFragment(props: { run: RunView; excerpt: RunLogExcerpt; timeZone: string }) {
  return (
    <div class="run-summary">
      <Facts run={props.run} timeZone={props.timeZone} />
      <h4>End of its output</h4>
      <LogExcerpt excerpt={props.excerpt} runId={props.run.id} showAll={false} />
      <p>
        <a href={`/logs/${props.run.id}`}>Open this run →</a>
      </p>
    </div>
  )
}

export function RunPage(props: { run: RunView; excerpt: RunLogExcerpt; timeZone: string; showAll: boolean; user: ViewUser; csrfToken: string | null }) {
  const r = props.run
  return (
    <Layout title={`${KIND_LABELS[r.kind]} ${r.date}`} user={props.user} csrfToken={props.csrfToken} active="history">
      <p>
        <a href="/logs">← History</a>
      </p>
      <h1>
        {KIND_LABELS[r.kind]} of {r.date}
      </h1>
      <Facts run={r} timeZone={props.timeZone} />
      <h2>Its part of the log</h2>
      <LogExcerpt excerpt={props.excerpt} runId={r.id} showAll={props.showAll} />
    </Layout>
  )
}
