import type { RunView } from '../db/repositories/run-reports.js'

/** What can be alerted. A channel chooses which of these it receives. */
export const ALERT_EVENTS = ['failed', 'missed', 'hung', 'interrupted', 'recovered', 'reminder', 'digest'] as const
export type AlertEvent = (typeof ALERT_EVENTS)[number]

export const isAlertEvent = (value: unknown): value is AlertEvent => typeof value === 'string' && (ALERT_EVENTS as readonly string[]).includes(value)

/** A run as the alert rules and messages see it (the stored run's facts). Times are UTC epoch ms. */
export type AlertRun = Pick<
  RunView,
  | 'id'
  | 'kind'
  | 'status'
  | 'date'
  | 'startedAt'
  | 'finishedAt'
  | 'durationSeconds'
  | 'exitCode'
  | 'sentBytes'
  | 'totalSizeBytes'
  | 'filesTransferred'
  | 'error'
  | 'triggeredBy'
>

/** Summary of a week for the digest. */
export type DigestFacts = {
  from: number
  to: number
  runs: number
  failures: number
  /** 0..1, null when there were no finished backups. */
  successRate: number | null
  latestSizeBytes: number | null
  /** Size change over the week, null when unknown. */
  sizeChangeBytes: number | null
  nextRunAt: number | null
}

/** JSON-serialisable facts a decision carries; stored with the alert and used to render it. */
export type AlertFacts = {
  run?: AlertRun
  /** missed: the slot the schedule expected, and the job's label. */
  expectedAt?: number
  job?: string
  /** hung: how long it has been running, and the limit it crossed. */
  runningForSeconds?: number
  limitSeconds?: number
  /** recovered / reminder: the problem it is about. */
  problemKey?: string
  problemEvent?: AlertEvent
  problemSince?: number
  digest?: DigestFacts
}

/** One alert decided by the rules; `key` is its natural key (the outbox keeps each key once). */
export type AlertDecision = {
  key: string
  event: AlertEvent
  occurredAt: number
  runId: number | null
  facts: AlertFacts
}

/** What a channel sends: rendered once from a decision. */
export type AlertMessage = {
  event: AlertEvent | 'test'
  severity: 'problem' | 'recovery' | 'info'
  /** One line: the email subject, the push title. */
  title: string
  /** Plain-text body. */
  text: string
  /** HTML body; every value in it is escaped. */
  html: string
  /** Link to the run (or the dashboard) under PUBLIC_ORIGIN; null when PUBLIC_ORIGIN is not set. */
  url: string | null
  /** The facts as label/value pairs, for structured payloads (Discord fields, generic JSON). */
  facts: ReadonlyArray<{ label: string; value: string }>
  /** When it happened, UTC ms. */
  occurredAt: number
}

/** The real outcome of one delivery attempt: the SMTP server's answer, the HTTP status. */
export type DeliveryResult = { ok: true; detail: string } | { ok: false; detail: string; retryable: boolean }
