import fs from 'node:fs'
import path from 'node:path'
import { createLogWriter, type LogStyle, type RunOutcome, type RunSpec } from './log-writer.js'
import { createPrng, deriveSeed } from './prng.js'
import type { FailureCode } from './rsync-failures.js'
import { addDays, isFirstOfMonth, isSunday, lastRunDate, planNight } from './run-plan.js'
import { localDate } from './script-date.js'
import { isValidTimeZone } from '../time/zone.js'

export type DemoHistoryOptions = {
  dir: string
  /** Nights of history; default 70 (ten weeks). */
  days?: number
  /** "Now": the newest run is this day's 03:00 run if that has started, else the day before's. */
  endDate?: Date
  timeZone: string
  seed?: number
  /** How the demo server prints; default en_US `date` and `rsync -avh`. */
  style?: Partial<Omit<LogStyle, 'timeZone'>>
}

export type DemoRun = {
  date: string
  /** `running` only for a newest run that `endDate` catches before its end. */
  status: 'success' | 'failed' | 'interrupted' | 'running'
  exitCode: number | null
  startedAt: string
  finishedAt: string | null
  totalSizeBytes: number
  snapshot: boolean
  cleanup: boolean
  configBackup: boolean
}

export type DemoHistory = { logPath: string; trackingPath: string; runs: DemoRun[] }

const GB = 1_000_000_000
const DEMO_FAILURES: readonly FailureCode[] = [10, 23, 5, 30, 24]
const SNAPSHOTS_KEPT = 4

/**
 * Writes `plex-backup.log` and `plex-backup-tracking.log` into `dir`: weeks of nightly runs
 * ending now, with a few failures of different codes, one interrupted run, Sunday
 * snapshots and clean-ups, and a config backup on each 1st. Same seed, same files.
 */
export function writeDemoHistory(options: DemoHistoryOptions): DemoHistory {
  const days = Math.max(1, Math.floor(options.days ?? 70))
  const now = options.endDate ?? new Date()
  const seed = options.seed ?? 2026
  const { timeZone } = options
  if (!isValidTimeZone(timeZone)) throw new Error(`demo history: "${timeZone}" is not an IANA time zone such as Europe/Berlin`)
  const style: LogStyle = {
    timeZone,
    dateStyle: options.style?.dateStyle ?? 'en_US',
    rsync: options.style?.rsync ?? { flags: '-avh', decimalComma: false },
    stats: options.style?.stats ?? false,
    ...(options.style?.rsyncVersion ? { rsyncVersion: options.style.rsyncVersion } : {}),
  }
  const writer = createLogWriter(style, { seed, libraryItems: 3000 })
  const outcomes = chooseOutcomes(days, seed)
  const rng = createPrng(deriveSeed(seed, 1))
  const last = lastRunDate(now, timeZone)
  const first = addDays(last, -(days - 1))

  // The server has been running for a while: the oldest snapshots predate the demo window.
  const lastSundayBefore = previousSunday(first)
  const snapshots = [-14, -7, 0].map((d) => addDays(lastSundayBefore, d))
  let totalSize = rng.real(16, 22) * GB
  const specs: RunSpec[] = []
  for (let i = 0; i < days; i++) {
    const date = addDays(first, i)
    totalSize += rng.real(-0.01, 0.09) * GB
    const outcome: RunOutcome = outcomes.get(i) ?? { kind: 'success' }
    const sunday = isSunday(date)
    const willSnapshot = sunday && outcome.kind === 'success'
    const found = snapshots.length + (willSnapshot ? 1 : 0)
    const removed = found > SNAPSHOTS_KEPT ? snapshots.slice(0, found - SNAPSHOTS_KEPT) : []
    const spec = planNight({
      date,
      timeZone,
      seed: deriveSeed(seed, 100 + i),
      outcome,
      totalSizeBytes: Math.round(totalSize),
      fileListLines: rng.int(25, 160),
      files: { regular: 18_000 + i * 40, directories: 6_200 + i * 9 },
      snapshot: sunday ? { fileListLines: rng.int(350, 450) } : null,
      cleanup: sunday ? { found, keep: SNAPSHOTS_KEPT, removed } : null,
      configBackup: isFirstOfMonth(date),
    })
    if (willSnapshot) snapshots.push(date)
    if (sunday) snapshots.splice(0, removed.length)
    specs.push(spec)
  }
  const newest = clipToNow(specs.pop() as RunSpec, now)
  specs.push(newest.spec)

  fs.mkdirSync(options.dir, { recursive: true })
  const logPath = path.join(options.dir, 'plex-backup.log')
  const trackingPath = path.join(options.dir, 'plex-backup-tracking.log')
  fs.writeFileSync(logPath, specs.map((s) => writer.render(s)).join(''))
  fs.writeFileSync(trackingPath, specs.map((s) => writer.trackingLine(s) ?? '').join(''))
  const runs = specs.map((s) => summarize(s, timeZone))
  const newestRun = runs[runs.length - 1]
  if (newest.running && newestRun) newestRun.status = 'running'
  return { logPath, trackingPath, runs }
}

function previousSunday(date: string): string {
  for (let back = 1; back <= 7; back++) {
    const day = addDays(date, -back)
    if (isSunday(day)) return day
  }
  return addDays(date, -7)
}

/** The newest night as far as it has happened by `now`: a run not yet ended has no end marker. */
function clipToNow(spec: RunSpec, now: Date): { spec: RunSpec; running: boolean } {
  const t = now.getTime()
  const end = spec.startedAt.getTime() + spec.durationSeconds * 1000
  if (end > t) {
    return { spec: { ...spec, outcome: { kind: 'interrupted' }, snapshot: null, cleanup: null, configBackup: null }, running: true }
  }
  const snapshotEnd = end + (spec.snapshot?.durationSeconds ?? 0) * 1000
  return {
    spec: {
      ...spec,
      snapshot: snapshotEnd > t ? null : spec.snapshot,
      cleanup: spec.cleanup && spec.cleanup.at.getTime() <= t ? spec.cleanup : null,
      configBackup: spec.configBackup && spec.configBackup.at.getTime() <= t ? spec.configBackup : null,
    },
    running: false,
  }
}

function summarize(spec: RunSpec, timeZone: string): DemoRun {
  const { outcome } = spec
  const finished = outcome.kind !== 'interrupted'
  return {
    date: localDate(spec.startedAt, timeZone),
    status: outcome.kind,
    exitCode: outcome.kind === 'success' ? 0 : outcome.kind === 'failed' ? outcome.code : null,
    startedAt: spec.startedAt.toISOString(),
    finishedAt: finished ? new Date(spec.startedAt.getTime() + spec.durationSeconds * 1000).toISOString() : null,
    totalSizeBytes: spec.totalSizeBytes,
    snapshot: spec.snapshot !== null,
    cleanup: spec.cleanup !== null,
    configBackup: spec.configBackup !== null,
  }
}

/** Failures spread over the window but never on the newest nights, so the demo opens healthy. */
function chooseOutcomes(days: number, seed: number): Map<number, RunOutcome> {
  const rng = createPrng(deriveSeed(seed, 2))
  const eligible: number[] = []
  for (let i = 0; i < days - 3; i++) eligible.push(i)
  const failures = Math.min(DEMO_FAILURES.length, Math.floor(days / 14))
  const outcomes = new Map<number, RunOutcome>()
  const take = (): number | undefined => {
    if (eligible.length === 0) return undefined
    return eligible.splice(rng.int(0, eligible.length - 1), 1)[0]
  }
  for (let f = 0; f < failures; f++) {
    const day = take()
    if (day !== undefined) outcomes.set(day, { kind: 'failed', code: DEMO_FAILURES[f] ?? 23 })
  }
  const interrupted = days >= 7 ? take() : undefined
  if (interrupted !== undefined) outcomes.set(interrupted, { kind: 'interrupted' })
  return outcomes
}
