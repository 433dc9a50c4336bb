import fs from 'node:fs'
import { firstErrorLine } from './rsync-summary.js'

const CHUNK = 1 << 20

/**
 * The first rsync error line in bytes [start, end) of an open file, read in bounded chunks
 * (a failed run can be far longer than the scanner's look-back window).
 */
export function findFirstErrorLine(fd: number, start: number, end: number): string | null {
  const buf = Buffer.allocUnsafe(CHUNK * 2)
  let carry = 0
  let position = start
  while (position < end) {
    const n = fs.readSync(fd, buf, carry, Math.min(CHUNK, end - position), position)
    if (n <= 0) break
    position += n
    const filled = carry + n
    const lastNewline = position >= end ? filled - 1 : buf.lastIndexOf(10, filled - 1)
    if (lastNewline < 0) {
      carry = 0 // a line longer than a chunk cannot be an error line worth showing
      continue
    }
    const found = firstErrorLine(buf.subarray(0, lastNewline + 1 === filled ? filled : lastNewline + 1))
    if (found) return found.text
    // Keep the last (partial) line, with the newline before it, so a pattern at a chunk edge is seen.
    carry = Math.min(filled - lastNewline, CHUNK)
    buf.copy(buf, 0, filled - carry, filled)
  }
  return null
}

/** 1-based line numbers of the given byte offsets (ascending or not), counting newlines in one pass. */
export function lineNumbersAt(fd: number, offsets: number[]): Map<number, number> {
  const wanted = [...new Set(offsets)].sort((a, b) => a - b)
  const result = new Map<number, number>()
  const buf = Buffer.allocUnsafe(CHUNK)
  let line = 1
  let position = 0
  let next = 0
  while (next < wanted.length) {
    const n = fs.readSync(fd, buf, 0, CHUNK, position)
    while (next < wanted.length && (n <= 0 || wanted[next]! < position + n)) {
      const upTo = Math.max(0, wanted[next]! - position)
      result.set(wanted[next]!, line + countNewlines(buf, 0, Math.min(upTo, Math.max(n, 0))))
      next++
    }
    if (n <= 0) break
    line += countNewlines(buf, 0, n)
    position += n
  }
  return result
}

function countNewlines(buf: Buffer, from: number, to: number): number {
  let count = 0
  let at = buf.indexOf(10, from)
  while (at >= 0 && at < to) {
    count++
    at = buf.indexOf(10, at + 1)
  }
  return count
}
