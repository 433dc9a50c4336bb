import fs from 'node:fs'
import type SQLite from 'better-sqlite3'
import { createRunSearchRepository, type RunToIndex } from '../db/repositories/run-search.js'

/** How much of a run's section is read for the index: its start (markers) and its end (errors, summary). */
export const INDEX_HEAD_BYTES = 1024
export const INDEX_TAIL_BYTES = 4 * 1024
const BATCH = 200

// The lines of a run's output that say something: markers, rsync's messages, errors and
// summaries. The file list between them (millions of paths) is not indexed.
const MESSAGE =
  /^(===|rsync|@ERROR|ERROR|WARNING|sent |total size|Number of|Total |Literal data|Matched data|File list|sending |receiving |Sunday detected|Weekly snapshot|Cleanup|Only \d|Removed|Collected|Skipping|file has vanished|IO error|cannot )|error|fail|warn|denied|refused|timeout|vanished/i

/** The message lines of `text`, as one string. */
export function messageLines(text: string): string {
  return text
    .split('\n')
    .filter((line) => MESSAGE.test(line))
    .join('\n')
}

/** Open files of one indexing batch: most runs share one log, so it is opened once. */
function createReader() {
  const open = new Map<string, number | null>()
  const buf = Buffer.alloc(INDEX_HEAD_BYTES + INDEX_TAIL_BYTES)
  function fdOf(file: string): number | null {
    if (!open.has(file)) {
      try {
        open.set(file, fs.openSync(file, 'r'))
      } catch {
        open.set(file, null) // moved or vanished: index what the database knows
      }
    }
    return open.get(file) ?? null
  }
  return {
    read(file: string, start: number, length: number): string {
      const fd = fdOf(file)
      if (fd === null || length <= 0) return ''
      const n = fs.readSync(fd, buf, 0, Math.min(length, buf.length), start)
      return buf.subarray(0, n).toString('utf8')
    },
    close(): void {
      for (const fd of open.values()) if (fd !== null) fs.closeSync(fd)
    },
  }
}

/** The text to index for one run: its error and job, and the message lines at the head and tail of its section. */
function bodyOf(run: RunToIndex, reader: ReturnType<typeof createReader>): string {
  const parts = [run.jobName ?? '', run.error ?? '']
  const { sourceFile, sourceStart, sourceEnd } = run
  // Compressed rotations are not re-read here: their runs stay findable by error and job.
  if (sourceFile && sourceStart !== null && sourceEnd !== null && !sourceFile.endsWith('.gz')) {
    const size = sourceEnd - sourceStart
    if (size <= INDEX_HEAD_BYTES + INDEX_TAIL_BYTES) parts.push(messageLines(reader.read(sourceFile, sourceStart, size)))
    else {
      parts.push(messageLines(reader.read(sourceFile, sourceStart, INDEX_HEAD_BYTES)))
      parts.push(messageLines(reader.read(sourceFile, sourceEnd - INDEX_TAIL_BYTES, INDEX_TAIL_BYTES)))
    }
  }
  return parts.join('\n').replace(/\u0000/g, '')
}

/**
 * Brings the full-text index up to date with backup_runs, in batches, reading at most
 * INDEX_HEAD_BYTES + INDEX_TAIL_BYTES of each new or changed run. Returns how many runs it indexed.
 */
export function updateSearchIndex(sqlite: SQLite.Database): number {
  const repo = createRunSearchRepository(sqlite)
  const reader = createReader()
  let total = 0
  try {
    // Bounded: each round indexes what it read, so the pending list shrinks every time.
    for (let round = 0; round < 1_000_000; round++) {
      const runs = repo.pending(BATCH)
      if (runs.length === 0) break
      repo.store(runs.map((run) => ({ run, body: bodyOf(run, reader) })))
      total += runs.length
      if (runs.length < BATCH) break
    }
  } finally {
    reader.close()
  }
  return total
}
