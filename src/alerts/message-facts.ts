import { exitCodeMeaning } from '../web/exit-codes.js'
import { formatBytes, formatDuration, formatInstant, formatPercent } from '../web/format.js'
import type { AlertEvent, AlertRun, DigestFacts } from './types.js'

export type Fact = { label: string; value: string }

const KIND_LABELS: Record<AlertRun['kind'], string> = {
  backup: 'Backup',
  snapshot: 'Weekly snapshot',
  cleanup: 'Snapshot clean-up',
  config_backup: 'Config backup',
}

/** "Backup", "Weekly snapshot": what kind of run, for titles and sentences. */
export function kindLabel(run: AlertRun | undefined): string {
  return run ? (KIND_LABELS[run.kind] ?? 'Backup') : 'Backup'
}

/** An instant in the server's zone, with the zone named: "2026-11-27 03:00 GMT+1 (Europe/Berlin)". */
export function when(epochMs: number, zone: string): string {
  return `${formatInstant(epochMs, zone)} (${zone})`
}

/** "23 (partial transfer: ...)". */
export function exitCodeText(code: number): string {
  return `${code} (${exitCodeMeaning(code)})`
}

const PROBLEM_WORDS: Partial<Record<AlertEvent, string>> = {
  failed: 'a failed backup',
  missed: 'a missed backup',
  hung: 'a backup that seemed hung',
  interrupted: 'an interrupted backup',
}

/** "a failed backup": the kind of problem a recovery or reminder is about. */
export function problemWords(event: AlertEvent | undefined): string {
  return (event && PROBLEM_WORDS[event]) ?? 'a backup problem'
}

/** What is known about a run, in words; unknown start times are said to be unknown. */
export function runFacts(run: AlertRun, zone: string): Fact[] {
  const facts: Fact[] = [
    { label: 'Job', value: kindLabel(run) },
    { label: 'Date', value: run.date },
    { label: 'Started', value: run.startedAt === null ? 'not recorded' : when(run.startedAt, zone) },
  ]
  const add = (label: string, value: string | null) => {
    if (value !== null) facts.push({ label, value })
  }
  add('Finished', run.finishedAt === null ? null : when(run.finishedAt, zone))
  add('Duration', run.durationSeconds === null ? null : formatDuration(run.durationSeconds))
  add('Total size', run.totalSizeBytes === null ? null : formatBytes(run.totalSizeBytes))
  add('Transferred', run.sentBytes === null ? null : formatBytes(run.sentBytes))
  add('Files transferred', run.filesTransferred === null ? null : run.filesTransferred.toLocaleString('en-US'))
  add('Exit code', run.exitCode === null ? null : exitCodeText(run.exitCode))
  add('Error', run.error)
  add('Triggered by', run.triggeredBy === 'unknown' ? null : run.triggeredBy)
  return facts
}

function signedBytes(bytes: number): string {
  return bytes > 0 ? `+${formatBytes(bytes)}` : bytes === 0 ? 'no change' : formatBytes(bytes)
}

/** The week's numbers in words; what is not known is said to be unknown. */
export function digestFacts(digest: DigestFacts, zone: string): Fact[] {
  return [
    { label: 'Week', value: `${formatInstant(digest.from, zone)} to ${formatInstant(digest.to, zone)} (${zone})` },
    { label: 'Backups', value: String(digest.runs) },
    { label: 'Failures', value: String(digest.failures) },
    { label: 'Success rate', value: digest.successRate === null ? 'unknown (no finished backups)' : formatPercent(digest.successRate) },
    { label: 'Latest size', value: digest.latestSizeBytes === null ? 'unknown' : formatBytes(digest.latestSizeBytes) },
    { label: 'Size change', value: digest.sizeChangeBytes === null ? 'unknown' : signedBytes(digest.sizeChangeBytes) },
    { label: 'Next run', value: digest.nextRunAt === null ? 'none scheduled' : when(digest.nextRunAt, zone) },
  ]
}
