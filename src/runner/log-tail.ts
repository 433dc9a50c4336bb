import fs from 'node:fs'
import { classifyMarker, cleanLine } from '../ingest/markers.js'

/** A section of the log that was opened and has not been closed (yet). */
export type OpenSection = {
  /** Byte offset of its first line in the log. */
  offset: number
  /** The job ("Plex Backup"), or "weekly snapshot" / the clean-up's name. */
  job: string
  /** The date as printed in the marker; null for a snapshot (it prints none). */
  dateText: string | null
}

/**
 * The section still open at the end of `text` (a slice of the log starting at byte
 * `baseOffset`): a `Started` without its end marker, or a snapshot or clean-up that has
 * not said it finished. Those are the signs of a script still writing. Null when the
 * last thing the log says is that everything ended.
 */
export function findOpenSection(text: string, baseOffset = 0): OpenSection | null {
  let open: OpenSection | null = null
  let next = baseOffset
  for (const raw of text.split('\n')) {
    const offset = next
    next += Buffer.byteLength(raw) + 1
    const marker = classifyMarker(cleanLine(raw))
    if (marker === null || marker === 'unrecognised') continue
    switch (marker.type) {
      case 'start':
      case 'cleanup-start':
        open = { offset, job: marker.job, dateText: marker.dateText }
        break
      case 'snapshot-start':
        open = { offset, job: 'weekly snapshot', dateText: null }
        break
      case 'end':
        if (open && open.job.trim().toLowerCase() === marker.job.trim().toLowerCase()) open = null
        break
      case 'snapshot-end':
      case 'cleanup-end':
        open = null
        break
    }
  }
  return open
}

export type LogTail = { text: string; baseOffset: number; size: number; mtimeMs: number }

/** The last `bytes` of the log, starting at a line boundary; null when there is no log. */
export function readLogTail(file: string, bytes = 256 * 1024): LogTail | null {
  let fd: number
  try {
    fd = fs.openSync(file, 'r')
  } catch {
    return null
  }
  try {
    const stat = fs.fstatSync(fd)
    const start = Math.max(0, stat.size - bytes)
    const buffer = Buffer.alloc(stat.size - start)
    const read = fs.readSync(fd, buffer, 0, buffer.length, start)
    let slice = buffer.subarray(0, read)
    let baseOffset = start
    if (start > 0) {
      const newline = slice.indexOf(0x0a)
      slice = newline < 0 ? Buffer.alloc(0) : slice.subarray(newline + 1)
      baseOffset = start + (newline + 1)
    }
    return { text: slice.toString('utf8'), baseOffset, size: stat.size, mtimeMs: stat.mtimeMs }
  } finally {
    fs.closeSync(fd)
  }
}

export type LogRange = { text: string; omittedBytes: number; end: number }

/**
 * What the log holds from `from` up to `to` (default: its end), at most the last
 * `maxBytes` of it (cut at a line start). Empty when the log is gone or was truncated
 * below `from` (rotated).
 */
export function readLogRange(file: string, from: number, to: number | null, maxBytes = 64 * 1024): LogRange {
  let fd: number
  try {
    fd = fs.openSync(file, 'r')
  } catch {
    return { text: '', omittedBytes: 0, end: from }
  }
  try {
    const size = fs.fstatSync(fd).size
    const end = Math.min(size, to ?? size)
    if (end <= from) return { text: '', omittedBytes: 0, end: Math.max(end, from) }
    const start = Math.max(from, end - maxBytes)
    const buffer = Buffer.alloc(end - start)
    const read = fs.readSync(fd, buffer, 0, buffer.length, start)
    let slice = buffer.subarray(0, read)
    let omitted = start - from
    if (omitted > 0) {
      const newline = slice.indexOf(0x0a)
      if (newline >= 0) {
        slice = slice.subarray(newline + 1)
        omitted += newline + 1
      }
    }
    return { text: slice.toString('utf8'), omittedBytes: omitted, end: start + read }
  } finally {
    fs.closeSync(fd)
  }
}
