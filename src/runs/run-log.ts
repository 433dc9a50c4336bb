import fs from 'node:fs'
import readline from 'node:readline'
import { Readable } from 'node:stream'
import zlib from 'node:zlib'

export type RunLogExcerpt =
  | { available: false; reason: string }
  | {
      available: true
      /** The first lines of the run's section. */
      head: string[]
      /** The last lines, when the section is longer than head + tail. */
      tail: string[]
      /** Lines between head and tail that are not shown (0 when everything is shown). */
      omittedLines: number
      totalLines: number
      totalBytes: number
      /** True when the section was larger than the read cap, so counts are of what was read. */
      truncated: boolean
    }

export type RunLogSource = { sourceFile: string | null; sourceStart: number | null; sourceEnd: number | null }

/** A run's section bigger than this is never read whole, whatever "show all" asks. */
export const RUN_LOG_MAX_BYTES = 4 * 1024 * 1024
const MAX_LINE_CHARS = 2000

function openSection(file: string, start: number, end: number): Readable {
  if (file.endsWith('.gz')) {
    // Offsets count uncompressed bytes: skip to the start while inflating.
    let position = 0
    const gunzip = fs.createReadStream(file).pipe(zlib.createGunzip())
    return Readable.from(
      (async function* () {
        for await (const chunk of gunzip as AsyncIterable<Buffer>) {
          const from = Math.max(0, start - position)
          const to = Math.min(chunk.length, end - position)
          position += chunk.length
          if (to > from) yield chunk.subarray(from, to)
          if (position >= end) {
            gunzip.destroy()
            return
          }
        }
      })(),
    )
  }
  return fs.createReadStream(file, { start, end: Math.max(start, end - 1) })
}

/**
 * The first `headLines` and last `tailLines` lines of a run's own part of the log, read
 * from its recorded byte range (capped at RUN_LOG_MAX_BYTES) without loading the file.
 */
export async function readRunLog(run: RunLogSource, options: { headLines: number; tailLines: number }): Promise<RunLogExcerpt> {
  if (run.sourceFile === null || run.sourceStart === null || run.sourceEnd === null) {
    return { available: false, reason: 'This run is known only from the tracking file: its log output was not found (rotated away or never logged).' }
  }
  try {
    await fs.promises.access(run.sourceFile, fs.constants.R_OK)
  } catch {
    return { available: false, reason: `The log file ${run.sourceFile} is no longer readable (rotated away or deleted).` }
  }
  const totalBytes = run.sourceEnd - run.sourceStart
  const end = Math.min(run.sourceEnd, run.sourceStart + RUN_LOG_MAX_BYTES)
  const head: string[] = []
  const tail: string[] = []
  let count = 0
  const lines = readline.createInterface({ input: openSection(run.sourceFile, run.sourceStart, end), crlfDelay: Infinity })
  for await (const raw of lines) {
    const line = raw.length > MAX_LINE_CHARS ? `${raw.slice(0, MAX_LINE_CHARS)}… (line cut)` : raw
    count++
    if (head.length < options.headLines) head.push(line)
    else {
      tail.push(line)
      if (tail.length > options.tailLines) tail.shift()
    }
  }
  return {
    available: true,
    head,
    tail,
    omittedLines: Math.max(0, count - head.length - tail.length),
    totalLines: count,
    totalBytes,
    truncated: end < run.sourceEnd,
  }
}

/** Lines that explain a failure, highlighted on the run page. */
export function isProblemLine(line: string): boolean {
  return /^(@ERROR|rsync: |rsync error|WARNING|ERROR|=== .* FAILED)|\b(failed|error|denied|refused|No such file|vanished)\b/i.test(line)
}
