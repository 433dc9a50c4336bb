import { DateTime } from 'luxon'
import type { RunOutcome, RunSpec, SnapshotFailureCode } from './log-writer.js'
import { createPrng } from './prng.js'
import { wallClock } from './script-date.js'

/** What decides a night; planNight fills in plausible times and byte counts around it. */
export type NightInput = {
  /** Local date of the run (YYYY-MM-DD); it starts at 03:00 in `timeZone`. */
  date: string
  timeZone: string
  seed: number
  outcome: RunOutcome
  totalSizeBytes: number
  fileListLines: number
  files: RunSpec['files']
  /** Sunday's snapshot (written only if the run succeeds). */
  snapshot?: { fileListLines: number; failedCode?: SnapshotFailureCode } | null
  cleanup?: { found: number; keep: number; removed: string[] } | null
  configBackup?: boolean
}

const MB = 1_000_000

/** Durations in seconds of a failed rsync, by how it fails: refused at once, or after a timeout. */
function failureSeconds(code: number, rng: ReturnType<typeof createPrng>): number {
  switch (code) {
    case 5:
      return rng.int(0, 1)
    case 10:
      return rng.chance(0.6) ? rng.int(0, 2) : rng.int(60, 130)
    case 30:
      return rng.pick([300, 600, 900]) + rng.int(5, 120)
    default:
      return rng.int(40, 420)
  }
}

export function planNight(input: NightInput): RunSpec {
  const rng = createPrng(input.seed)
  const startedAt = wallClock(input.date, { hour: 3, minute: 0, second: rng.int(0, 2) }, input.timeZone)
  const { outcome } = input
  const durationSeconds =
    outcome.kind === 'failed' && outcome.code !== 23 && outcome.code !== 24
      ? failureSeconds(outcome.code, rng)
      : rng.int(90, 480)
  // Nightly deltas: the database files are rewritten, so speedups sit between ~6 and ~150.
  const speedup = Math.exp(rng.real(Math.log(6), Math.log(150)))
  const sentBytes = Math.round(input.totalSizeBytes / speedup)
  const receivedBytes = Math.round(input.fileListLines * rng.real(18, 32) + rng.int(9_000, 40_000))
  const snapshot =
    input.snapshot && outcome.kind === 'success'
      ? {
          fileListLines: input.snapshot.fileListLines,
          durationSeconds: Math.max(5, Math.round(input.totalSizeBytes / (rng.real(150, 320) * MB))),
          failedCode: input.snapshot.failedCode ?? null,
        }
      : null
  return {
    seed: rng.uint32(),
    startedAt,
    durationSeconds,
    outcome,
    totalSizeBytes: input.totalSizeBytes,
    sentBytes,
    receivedBytes,
    fileListLines: input.fileListLines,
    files: input.files,
    snapshot,
    cleanup: input.cleanup ? { ...input.cleanup, at: wallClock(input.date, { hour: 4, minute: 0, second: 0 }, input.timeZone) } : null,
    configBackup: input.configBackup
      ? { at: wallClock(input.date, { hour: 5, minute: 0, second: 0 }, input.timeZone), durationSeconds: rng.int(0, 2), failedCode: null }
      : null,
  }
}

/** The date of the newest nightly run at `now`: today's if 03:00 has passed, else yesterday's. */
export function lastRunDate(now: Date, timeZone: string): string {
  const local = DateTime.fromJSDate(now, { zone: timeZone })
  const today = local.startOf('day')
  const started = local >= today.set({ hour: 3, minute: 0, second: 3 })
  return (started ? today : today.minus({ days: 1 })).toISODate() ?? ''
}

/** `date` moved by `days` calendar days (YYYY-MM-DD in, YYYY-MM-DD out). */
export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() ?? ''
}

export function isSunday(date: string): boolean {
  return DateTime.fromISO(date, { zone: 'UTC' }).weekday === 7
}

export function isFirstOfMonth(date: string): boolean {
  return date.endsWith('-01')
}
