import fs from 'node:fs'
import { once } from 'node:events'
import { DateTime } from 'luxon'
import { createLogWriter, type LogStyle, type LogWriter, type RunOutcome, type RunSpec } from '../src/demo/log-writer.js'
import { createPlexLibrary, fileListBatches } from '../src/demo/plex-paths.js'
import { createPrng, deriveSeed } from '../src/demo/prng.js'
import { FAILURE_CODES } from '../src/demo/rsync-failures.js'
import { addDays, isFirstOfMonth, isSunday, planNight } from '../src/demo/run-plan.js'

/** What a generated log holds, saved beside it so a benchmark can reuse it and extend it. */
export type BigLogMeta = {
  style: LogStyle
  seed: number
  firstDate: string
  lastDate: string
  runs: number
  bytes: number
}

const GB = 1_000_000_000
const LIBRARY_ITEMS = 200_000

export function metaPath(logPath: string): string {
  return `${logPath}.meta.json`
}

export function bigLogWriter(style: LogStyle, seed: number): LogWriter {
  return createLogWriter(style, { seed, libraryItems: LIBRARY_ITEMS })
}

function dayNumber(date: string): number {
  return Math.round(DateTime.fromISO(date, { zone: 'UTC' }).toSeconds() / 86_400)
}

/**
 * One night of a big server's log: ~18k file-list lines on an average night, a full-tree
 * snapshot (~80k lines) on Sundays, 3 % failures, a rare interrupted run, a Plex data
 * directory that grows ~8 MB a day. Depends only on the date, so any night can be rebuilt.
 */
export function bigLogNight(date: string, lastDate: string, style: LogStyle, seed: number): RunSpec {
  const rng = createPrng(deriveSeed(seed, dayNumber(date)))
  const daysBack = dayNumber(lastDate) - dayNumber(date)
  const roll = rng.next()
  const outcome: RunOutcome =
    roll < 0.03 ? { kind: 'failed', code: rng.pick(FAILURE_CODES) } : roll < 0.035 ? { kind: 'interrupted' } : { kind: 'success' }
  const size = rng.next()
  const fileListLines = size < 0.05 ? rng.int(40_000, 90_000) : size < 0.3 ? rng.int(2_000, 8_000) : rng.int(8_000, 30_000)
  const sunday = isSunday(date)
  return planNight({
    date,
    timeZone: style.timeZone,
    seed: rng.uint32(),
    outcome,
    totalSizeBytes: Math.round(Math.max(5 * GB, 28 * GB - daysBack * 8_000_000) * rng.real(0.995, 1.005)),
    fileListLines,
    files: { regular: 72_000, directories: 18_000 },
    snapshot: sunday ? { fileListLines: rng.int(60_000, 100_000), ...(rng.chance(0.02) ? { failedCode: 11 as const } : {}) } : null,
    cleanup: sunday ? { found: 5, keep: 4, removed: [addDays(date, -35)] } : null,
    configBackup: isFirstOfMonth(date),
  })
}

/** Mean bytes of a file-list line, measured on the real generator so size estimates hold. */
function meanLineBytes(full: boolean): number {
  const rng = createPrng(99)
  const library = createPlexLibrary(rng, 2000)
  let bytes = 0
  let lines = 0
  for (const batch of fileListBatches(rng, library, 20_000, { full })) {
    for (const line of batch) bytes += Buffer.byteLength(line) + 1
    lines += batch.length
  }
  return bytes / lines
}

/** Newest first, the nights it takes to reach about `targetBytes`. */
function planBackwards(targetBytes: number, lastDate: string, style: LogStyle, seed: number): string[] {
  const incremental = meanLineBytes(false)
  const full = meanLineBytes(true)
  const dates: string[] = []
  let estimate = 0
  for (let back = 0; estimate < targetBytes && back < 200_000; back++) {
    const date = addDays(lastDate, -back)
    const spec = bigLogNight(date, lastDate, style, seed)
    estimate += spec.fileListLines * incremental + (spec.snapshot?.fileListLines ?? 0) * full + 700
    dates.push(date)
  }
  return dates
}

/** Streams the log (oldest night first) and writes its tracking file; memory stays bounded. */
export async function writeBigLog(options: {
  targetBytes: number
  logPath: string
  trackingPath: string
  style: LogStyle
  seed: number
  lastDate: string
}): Promise<BigLogMeta> {
  const { style, seed, lastDate } = options
  const dates = planBackwards(options.targetBytes, lastDate, style, seed).reverse()
  const writer = bigLogWriter(style, seed)
  const out = fs.createWriteStream(options.logPath)
  const tracking: string[] = []
  let bytes = 0
  for (const date of dates) {
    const spec = bigLogNight(date, lastDate, style, seed)
    for (const chunk of writer.chunks(spec)) {
      bytes += Buffer.byteLength(chunk)
      if (!out.write(chunk)) await once(out, 'drain')
    }
    const line = writer.trackingLine(spec)
    if (line) tracking.push(line)
  }
  out.end()
  await once(out, 'finish')
  fs.writeFileSync(options.trackingPath, tracking.join(''))
  const meta: BigLogMeta = { style, seed, firstDate: dates[0] ?? lastDate, lastDate, runs: dates.length, bytes }
  fs.writeFileSync(metaPath(options.logPath), `${JSON.stringify(meta, null, 2)}\n`)
  return meta
}

/** The night after the log's last one, as text, for measuring an incremental scan. */
export function nextNightText(meta: BigLogMeta): string {
  const date = addDays(meta.lastDate, 1)
  return bigLogWriter(meta.style, meta.seed).render(bigLogNight(date, date, meta.style, meta.seed))
}
