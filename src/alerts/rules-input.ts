import type { AlertEvent, AlertRun } from './types.js'

/** A backup schedule the missed-run rule watches. */
export type AlertSchedule = {
  label: string
  expression: string
  /** When this expression was first seen (ms): slots before it were never promised. */
  firstSeenAt: number
}

export type AlertSettings = {
  graceSeconds: number
  /** null = automatic (from the durations of recent successful backups). */
  hungAfterSeconds: number | null
  /** null = no reminders. */
  reminderHours: number | null
  /** null = no digest; weekday 1=Mon..7=Sun, hour 0-23 local. */
  digest: { weekday: number; hour: number } | null
}

/** An alert the outbox already holds. */
export type EmittedAlert = { key: string; event: AlertEvent; occurredAt: number; createdAt: number }

export type RulesInput = {
  now: number
  /** The IANA zone the logs' dates and the schedules are in. */
  zone: string
  /** When RePlexOn started following the logs: anything before is history, not news. */
  followingSince: number
  runs: readonly AlertRun[]
  schedules: readonly AlertSchedule[]
  emitted: readonly EmittedAlert[]
  settings: AlertSettings
}
