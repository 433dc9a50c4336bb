import fs from 'node:fs'
import type { ParsedRun, SkippedLine } from './types.js'
import { listLogFiles, scanLog } from './scan-log.js'
import { parseTrackingFile } from './tracking.js'
import { reconcile } from './reconcile.js'

export type ReadLogsOptions = {
  logPath: string
  trackingPath?: string | null
  timeZone: string
  humanBase?: 1000 | 1024
  now?: Date
  collectSkipped?: boolean
}

export type ReadLogsResult = { runs: ParsedRun[]; skipped: SkippedLine[]; skippedCount: number; files: string[] }

/** Thrown when a file to read is not there; the message names it. */
export class MissingLogError extends Error {
  constructor(readonly path: string, what: string) {
    super(`${what} ${path} not found`)
    this.name = 'MissingLogError'
  }
}

/**
 * Reads a log with its rotated siblings (oldest first) and, when given, the tracking file,
 * into one list of runs, oldest first. Read-only: touches no database.
 */
export async function readLogs(options: ReadLogsOptions): Promise<ReadLogsResult> {
  const files = listLogFiles(options.logPath)
  if (files.length === 0) throw new MissingLogError(options.logPath, 'log file')
  const runs: ParsedRun[] = []
  const skipped: SkippedLine[] = []
  let skippedCount = 0
  for (const file of files) {
    const scan = await scanLog(file, {
      timeZone: options.timeZone,
      humanBase: options.humanBase,
      now: options.now,
      collectSkipped: options.collectSkipped,
    })
    const shift = runs.length
    runs.push(...scan.runs.map((r) => ({ ...r, parentIndex: r.parentIndex === null ? null : r.parentIndex + shift })))
    skipped.push(...scan.skipped)
    skippedCount += scan.skippedCount
  }
  if (!options.trackingPath) return { runs, skipped, skippedCount, files }
  let text: string
  try {
    text = fs.readFileSync(options.trackingPath, 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new MissingLogError(options.trackingPath, 'tracking file')
    throw err
  }
  const tracking = parseTrackingFile(text, options.trackingPath)
  if (options.collectSkipped) skipped.push(...tracking.skipped)
  return { runs: reconcile(runs, tracking.entries), skipped, skippedCount: skippedCount + tracking.skipped.length, files: [...files, options.trackingPath] }
}
