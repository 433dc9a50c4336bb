import type { ParsedRun, SkippedLine } from './types.js'
import { classifyMarker, cleanLine } from './markers.js'
import { createRunBuilder, type MarkerLine, type RunDetails } from './run-builder.js'
import { firstErrorLine, readSummary, type SummaryProblem } from './rsync-summary.js'

export type ScanCoreOptions = {
  file: string
  timeZone: string
  humanBase: 1000 | 1024
  now: Date
  /** File offset of the first byte fed. */
  baseOffset: number
  collectSkipped: boolean
  /** Bytes read per chunk (tests use tiny ones to straddle boundaries). */
  chunkSize?: number
  /** How far before an end marker summary and error lines are looked for. */
  windowBytes?: number
  /** Longer lines are skipped unread (reported). */
  maxLineBytes?: number
}

/** A failed run whose start lies before its look-back window: its first error needs a re-read. */
export type ErrorSearch = { runIndex: number; start: number; end: number }

export type CoreResult = {
  runs: ParsedRun[]
  skipped: SkippedLine[]
  skippedCount: number
  bytesScanned: number
  resumeOffset: number
  errorSearches: ErrorSearch[]
}

export const SKIPPED_CAP = 1000
const MARKER = Buffer.from('=== ')
const SNAPSHOT_END = Buffer.from('Weekly snapshot')
const CLEANUP_END = Buffer.from('Cleanup complete')
const SNAPSHOT_START = Buffer.from('creating weekly snapshot')
const LONGEST_MARKER = 4096

/**
 * The scanner's pure core: bytes in (through `space`/`commit`), runs out. Only lines that
 * hold a marker are decoded: they are found with Buffer.indexOf on rare byte patterns, and
 * the rare ones (snapshot / clean-up ends, "Sunday detected") are only searched while they
 * can occur. Summary and error lines are read from a bounded window before each end marker.
 * The buffer keeps that window plus at most one partial line, so memory is bounded.
 */
export function createScanCore(o: ScanCoreOptions) {
  const chunkSize = o.chunkSize ?? 4 << 20
  const windowBytes = o.windowBytes ?? 64 << 10
  const maxLine = o.maxLineBytes ?? 4 << 20
  const buf = Buffer.allocUnsafe(windowBytes + maxLine + chunkSize)
  let base = o.baseOffset
  let len = 0
  let proc = 0
  let discarding = false
  let bytesScanned = 0
  let lastLineEnd = o.baseOffset
  let sundayUntil = -1
  const skipped: SkippedLine[] = []
  let skippedCount = 0
  const errorSearches: ErrorSearch[] = []

  const skip = (offset: number, reason: string, text: string) => {
    skippedCount++
    if (o.collectSkipped && skipped.length < SKIPPED_CAP) skipped.push({ file: o.file, line: null, offset, reason, text: text.slice(0, 200) })
  }

  const details = (index: number, runStart: number, endLineStart: number, failed: boolean): RunDetails => {
    const from = Math.max(runStart, endLineStart - windowBytes, base)
    const window = buf.subarray(from - base, endLineStart - base)
    const problems: SummaryProblem[] = []
    const summary = readSummary(window, from, o.humanBase, problems)
    for (const p of problems) skip(p.offset, p.reason, p.text)
    if (!failed) return { ...summary, error: null }
    if (from > runStart) errorSearches.push({ runIndex: index, start: runStart, end: endLineStart })
    return { ...summary, error: firstErrorLine(window)?.text ?? null }
  }

  const builder = createRunBuilder({ file: o.file, timeZone: o.timeZone, now: o.now, details, skip })

  const find = (pattern: Buffer, from: number, to: number) => {
    if (to - from < pattern.length) return -1
    const at = to === len ? buf.indexOf(pattern, from) : buf.subarray(0, to).indexOf(pattern, from)
    return at < 0 || at >= to ? -1 : at
  }

  /** Handles the marker lines in buf[a, b): b is just after a newline, or the end of input. */
  function processRegion(a: number, b: number): void {
    let pos = a
    let nextMarker = -2
    while (pos < b) {
      if (nextMarker < pos && nextMarker !== -1) nextMarker = find(MARKER, pos, b)
      let hit = nextMarker
      const consider = (pattern: Buffer, to: number) => {
        const at = find(pattern, pos, Math.min(b, to))
        if (at >= 0 && (hit < 0 || at < hit)) hit = at
      }
      if (builder.isSnapshotOpen()) consider(SNAPSHOT_END, b)
      if (builder.isCleanupOpen()) consider(CLEANUP_END, b)
      if (sundayUntil > base + pos) consider(SNAPSHOT_START, sundayUntil - base)
      if (hit < 0) return
      const lineStart = hit === 0 ? 0 : Math.max(a, buf.lastIndexOf(10, hit - 1) + 1)
      const newline = buf.indexOf(10, hit)
      const lineEnd = newline < 0 || newline >= b ? b : newline + 1
      pos = lineEnd
      const text = cleanLine(buf.toString('utf8', lineStart, Math.min(lineEnd, lineStart + LONGEST_MARKER)))
      const marker = classifyMarker(text)
      const line: MarkerLine = { start: base + lineStart, end: base + lineEnd, text }
      if (marker === 'unrecognised') skip(line.start, 'line starts like a marker but is not one we know', text)
      if (marker === null || marker === 'unrecognised') continue
      const touched = builder.marker(marker, line)
      const run = touched === null ? null : builder.runs[touched]
      // "Sunday detected" follows right after a successful backup's end marker: look only there.
      if (marker.type === 'end' && run?.kind === 'backup' && run.status === 'success') sundayUntil = line.end + windowBytes
      else if (marker.type === 'start' || marker.type === 'snapshot-start') sundayUntil = -1
    }
  }

  /** Where to read the next bytes into (compacting the buffer first when needed). */
  function space(): { buffer: Buffer; offset: number; length: number } {
    if (buf.length - len < chunkSize) {
      const keep = Math.max(0, proc - windowBytes)
      buf.copy(buf, 0, keep, len)
      base += keep
      len -= keep
      proc -= keep
    }
    return { buffer: buf, offset: len, length: Math.min(chunkSize, buf.length - len) }
  }

  function commit(bytes: number): void {
    len += bytes
    bytesScanned += bytes
    if (discarding) {
      const nl = buf.indexOf(10, proc)
      if (nl < 0 || nl >= len) {
        proc = len
        return
      }
      proc = nl + 1
      discarding = false
      lastLineEnd = base + proc
    }
    const lastNewline = buf.lastIndexOf(10, len - 1)
    if (lastNewline >= proc) {
      processRegion(proc, lastNewline + 1)
      proc = lastNewline + 1
      lastLineEnd = base + proc
    }
    if (len - proc > maxLine) {
      skip(base + proc, `line longer than ${maxLine} bytes ignored`, buf.toString('utf8', proc, proc + 200))
      discarding = true
      proc = len
    }
  }

  /** Call at the end of input: reads a last line without newline and settles open runs. */
  function end(): CoreResult {
    let closedByLastLine: number[] = []
    if (!discarding && len > proc) {
      const before = builder.openStarts()
      processRegion(proc, len)
      const after = new Set(builder.openStarts())
      closedByLastLine = before.filter((s) => !after.has(s))
    }
    const running = [...builder.finish(base + len), ...closedByLastLine]
    return {
      runs: builder.runs,
      skipped,
      skippedCount,
      bytesScanned,
      resumeOffset: running.length > 0 ? Math.min(...running) : lastLineEnd,
      errorSearches,
    }
  }

  return { space, commit, end }
}

/** Scans bytes already in memory (tests, small inputs) exactly as a file would be. */
export function scanBytes(bytes: Buffer, options: ScanCoreOptions): CoreResult {
  const core = createScanCore(options)
  let at = 0
  while (at < bytes.length) {
    const target = core.space()
    const n = bytes.copy(target.buffer, target.offset, at, at + target.length)
    at += n
    core.commit(n)
  }
  return core.end()
}
