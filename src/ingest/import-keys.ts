import { createHash } from 'node:crypto'
import fs from 'node:fs'
import { createGunzip } from 'node:zlib'
import type { ParsedRun } from './types.js'

/** Bytes before a run that, with its first line, tell it apart when it has no readable start time. */
const BEFORE = 256
const FIRST_LINE_MAX = 512

/**
 * The natural key of a log run (see migrations/0001_initial.sql). A snapshot is keyed by
 * the backup that started it, whether or not the parser gave it a time of its own, so it
 * keeps its key when re-read without its parent. Other runs are keyed by kind, job and
 * start instant; a run whose start could not be read by its anchor: a hash of the bytes
 * around its start marker, which copying, renaming and compressing the file preserve.
 */
export function logRunKey(run: ParsedRun, parentKey: string | null, anchor: string | null): string {
  const job = run.jobName ?? ''
  if (run.kind === 'snapshot' && parentKey) return `log|snapshot|${job}|after|${parentKey}`
  const started = run.startedAt ? Date.parse(run.startedAt) : Number.NaN
  if (Number.isFinite(started)) return `log|${run.kind}|${job}|${started}`
  if (!anchor) throw new Error(`no anchor for the ${run.kind} run at offset ${run.source?.start}`)
  return `log|${run.kind}|${job}|anchor|${anchor}`
}

/** True when the key of `run` may need its anchor: no usable start time, or a snapshot whose parent is not in the scan. */
export function needsAnchor(run: ParsedRun): boolean {
  if (run.kind === 'snapshot') return run.parentIndex === null
  return !(run.startedAt && Number.isFinite(Date.parse(run.startedAt)))
}

/** Anchors (hex SHA-256) for runs starting at `starts` in `file` (.gz read in one streamed pass). */
export async function readAnchors(file: string, starts: readonly number[]): Promise<Map<number, string>> {
  const anchors = new Map<number, string>()
  if (starts.length === 0) return anchors
  const windows = starts.map((start) => ({ start, from: Math.max(0, start - BEFORE), to: start + FIRST_LINE_MAX }))
  const bytes = file.endsWith('.gz') ? await gzipWindows(file, windows) : windows.map((w) => readPlain(file, w.from, w.to))
  windows.forEach((w, i) => {
    const window = bytes[i]!
    const split = w.start - w.from
    const newline = window.indexOf(0x0a, split)
    const anchorBytes = window.subarray(0, newline === -1 ? window.length : newline + 1)
    anchors.set(w.start, createHash('sha256').update(anchorBytes).digest('hex'))
  })
  return anchors
}

function readPlain(file: string, from: number, to: number): Buffer {
  const fd = fs.openSync(file, 'r')
  try {
    const buffer = Buffer.alloc(to - from)
    return buffer.subarray(0, fs.readSync(fd, buffer, 0, to - from, from))
  } finally {
    fs.closeSync(fd)
  }
}

function gzipWindows(file: string, windows: { from: number; to: number }[]): Promise<Buffer[]> {
  const last = Math.max(...windows.map((w) => w.to))
  const parts: Buffer[][] = windows.map(() => [])
  return new Promise((resolve, reject) => {
    let position = 0
    const input = fs.createReadStream(file)
    const gunzip = createGunzip()
    const done = () => {
      input.destroy()
      gunzip.destroy()
      resolve(parts.map((p) => Buffer.concat(p)))
    }
    gunzip.on('data', (chunk: Buffer) => {
      const end = position + chunk.length
      windows.forEach((w, i) => {
        if (w.to > position && w.from < end)
          parts[i]!.push(chunk.subarray(Math.max(0, w.from - position), Math.min(chunk.length, w.to - position)))
      })
      position = end
      if (position >= last) done()
    })
    gunzip.on('end', done)
    gunzip.on('error', reject)
    input.on('error', reject)
    input.pipe(gunzip)
  })
}
