import type { RunView } from '../../db/repositories/run-reports.js'
import type { RunKind, RunStatus } from '../../db/schema.js'
import { exitCodeMeaning } from '../exit-codes.js'
import { formatBytes, formatBytesExact, formatDuration, formatInstant, formatInstantExact, formatRelative } from '../format.js'

export const KIND_LABELS: Record<RunKind, string> = {
  backup: 'Backup',
  snapshot: 'Snapshot',
  cleanup: 'Clean-up',
  config_backup: 'Config backup',
}

const STATUS_CLASS: Record<RunStatus, string> = {
  success: 'status-ok',
  failed: 'status-fail',
  interrupted: 'status-warn',
  running: 'status-run',
}

const STATUS_LABEL: Record<RunStatus, string> = {
  success: 'Success',
  failed: 'Failed',
  interrupted: 'Interrupted',
  running: 'Running',
}

/** "Failed (code 23)" with the code's meaning on hover. */
export function StatusBadge(props: { run: Pick<RunView, 'status' | 'exitCode'> }) {
  const { status, exitCode } = props.run
  const code = status === 'failed' && exitCode !== null ? ` (code ${exitCode})` : ''
  return (
    <span class={`badge ${STATUS_CLASS[status]}`} title={exitCode !== null ? `exit code ${exitCode}: ${exitCodeMeaning(exitCode)}` : undefined}>
      {STATUS_LABEL[status]}
      {code}
    </span>
  )
}

/** A byte count for people, exact on hover; "—" when not logged. */
export function Bytes(props: { value: number | null }) {
  if (props.value === null) return <span class="muted" title="not recorded">—</span>
  return <span title={formatBytesExact(props.value)}>{formatBytes(props.value)}</span>
}

export function Duration(props: { seconds: number | null }) {
  if (props.seconds === null) return <span class="muted" title="not recorded">—</span>
  return <span title={`${Math.round(props.seconds)} seconds`}>{formatDuration(props.seconds)}</span>
}

/** A time in the server's zone with the zone shown, exact on hover; or what is known of it. */
export function When(props: { at: number | null; date?: string; timeZone: string; now?: number }) {
  if (props.at === null) {
    return (
      <span title="start time not recorded (known from the tracking file only)">
        {props.date ?? 'unknown'} <span class="muted">(time not recorded)</span>
      </span>
    )
  }
  return (
    <time datetime={new Date(props.at).toISOString()} title={formatInstantExact(props.at, props.timeZone)}>
      {formatInstant(props.at, props.timeZone)}
      {props.now !== undefined && <span class="muted"> · {formatRelative(props.at, props.now)}</span>}
    </time>
  )
}

/** The kind, outcome, duration and size cells of a run's table row (dashboard and history alike). */
export function RunCells(props: { run: Pick<RunView, 'kind' | 'status' | 'exitCode' | 'durationSeconds' | 'totalSizeBytes'> }) {
  const r = props.run
  return (
    <>
      <td>{KIND_LABELS[r.kind]}</td>
      <td>
        <StatusBadge run={r} />
      </td>
      <td>
        <Duration seconds={r.durationSeconds} />
      </td>
      <td>
        <Bytes value={r.totalSizeBytes} />
      </td>
    </>
  )
}
