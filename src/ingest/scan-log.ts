import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import type { ParsedRun, SkippedLine } from './types.js'
import { createScanCore, type CoreResult, type ScanCoreOptions } from './scan-core.js'
import { findFirstErrorLine, lineNumbersAt } from './file-regions.js'

export type ScanOptions = {
  timeZone: string
  humanBase?: 1000 | 1024
  fromOffset?: number
  now?: Date
  onProgress?: (bytesRead: number, totalBytes: number) => void
  collectSkipped?: boolean
  /** Tuning for tests: chunk size, look-back window, longest line read. */
  chunkSize?: number
  windowBytes?: number
  maxLineBytes?: number
}

export type LogScan = {
  /** Runs whose Started marker is at or after fromOffset, oldest first, origin 'log'. */
  runs: ParsedRun[]
  /** Only filled when collectSkipped (at most 1000). */
  skipped: SkippedLine[]
  skippedCount: number
  bytesScanned: number
  /** Where an incremental scan should resume next time: the start offset of the last run that has not ended yet (running), else the end of the last complete line read. Bytes after it are re-read next time. */
  resumeOffset: number
}

/**
 * Scans one log file for runs with bounded memory (a few MiB whatever the size).
 * `.gz` files are streamed through zlib; offsets then count uncompressed bytes, and a failed
 * run longer than the look-back window keeps the first error found in that window.
 */
export async function scanLog(file: string, options: ScanOptions): Promise<LogScan> {
  const fromOffset = options.fromOffset ?? 0
  const coreOptions: ScanCoreOptions = {
    file,
    timeZone: options.timeZone,
    humanBase: options.humanBase ?? 1000,
    now: options.now ?? new Date(),
    baseOffset: fromOffset,
    collectSkipped: options.collectSkipped ?? false,
    chunkSize: options.chunkSize,
    windowBytes: options.windowBytes,
    maxLineBytes: options.maxLineBytes,
  }
  const result = file.endsWith('.gz') ? await scanGzip(file, coreOptions, options.onProgress) : scanPlain(file, coreOptions, options.onProgress)
  const { errorSearches: _, ...scan } = result
  return scan
}

function scanPlain(file: string, options: ScanCoreOptions, onProgress?: (read: number, total: number) => void): CoreResult {
  const fd = fs.openSync(file, 'r')
  try {
    const total = fs.fstatSync(fd).size
    const core = createScanCore(options)
    let position = options.baseOffset
    for (;;) {
      const target = core.space()
      const n = fs.readSync(fd, target.buffer, target.offset, target.length, position)
      if (n <= 0) break
      position += n
      core.commit(n)
      onProgress?.(position, total)
    }
    const result = core.end()
    for (const search of result.errorSearches) {
      const error = findFirstErrorLine(fd, search.start, search.end)
      const run = result.runs[search.runIndex]
      if (error !== null && run) run.error = error
    }
    if (result.skipped.length > 0) {
      const lines = lineNumbersAt(fd, result.skipped.map((s) => s.offset))
      for (const s of result.skipped) s.line = lines.get(s.offset) ?? null
    }
    return result
  } finally {
    fs.closeSync(fd)
  }
}

async function scanGzip(file: string, options: ScanCoreOptions, onProgress?: (read: number, total: number) => void): Promise<CoreResult> {
  const total = fs.statSync(file).size
  const input = fs.createReadStream(file, { highWaterMark: 1 << 20 })
  const core = createScanCore(options)
  let toSkip = options.baseOffset
  for await (const chunk of input.pipe(zlib.createGunzip()) as AsyncIterable<Buffer>) {
    let at = Math.min(toSkip, chunk.length)
    toSkip -= at
    while (at < chunk.length) {
      const target = core.space()
      const n = chunk.copy(target.buffer, target.offset, at, at + target.length)
      at += n
      core.commit(n)
    }
    onProgress?.(input.bytesRead, total)
  }
  return core.end()
}

/**
 * The log and its rotated siblings that exist, oldest first: dated ones
 * (FILE-20260101[.gz]) by date, then FILE.N(.gz) ... FILE.2.gz, FILE.1, then FILE.
 */
export function listLogFiles(logPath: string): string[] {
  const dir = path.dirname(logPath)
  const base = path.basename(logPath)
  let names: string[]
  try {
    names = fs.readdirSync(dir)
  } catch {
    return []
  }
  const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const numbered = new RegExp(`^${escaped}\\.(\\d+)(\\.gz)?$`)
  const dated = new RegExp(`^${escaped}-(\\d{8,10})(\\.gz)?$`)
  const byDate = names.filter((n) => dated.test(n)).sort((a, b) => dated.exec(a)![1]!.localeCompare(dated.exec(b)![1]!))
  const byNumber = names.filter((n) => numbered.test(n)).sort((a, b) => Number(numbered.exec(b)![1]) - Number(numbered.exec(a)![1]))
  const current = names.includes(base) ? [base] : []
  return [...byDate, ...byNumber, ...current].map((n) => path.join(dir, n)).filter((p) => fs.statSync(p).isFile())
}
