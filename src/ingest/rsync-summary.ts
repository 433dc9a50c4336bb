import { parseRsyncNumber } from './rsync-number.js'

/** What rsync's closing lines say about a run, null where not printed. */
export type RsyncSummary = {
  sentBytes: number | null
  receivedBytes: number | null
  totalSizeBytes: number | null
  filesTransferred: number | null
}

export type SummaryProblem = { offset: number; reason: string; text: string }

const SENT = Buffer.from('\nsent ')
const TOTAL = Buffer.from('\ntotal size is ')
const FILES = [Buffer.from('\nNumber of regular files transferred: '), Buffer.from('\nNumber of files transferred: ')]

const TAIL = 4096

function lastIndexIn(buf: Buffer, pattern: Buffer, from: number, to: number): number {
  const at = buf.subarray(from, to).lastIndexOf(pattern)
  return at < 0 ? -1 : from + at
}

function lineAt(buf: Buffer, start: number): string {
  const nl = buf.indexOf(10, start)
  return buf.toString('utf8', start, nl < 0 ? buf.length : nl).replace(/[\r\0]/g, '').trim()
}

/**
 * Reads the last summary lines in `window` (the bytes just before an end marker, starting at a
 * line start or mid-line; a first partial line is never read). `base` is the window's file offset.
 */
export function readSummary(window: Buffer, base: number, humanBase: 1000 | 1024, problems: SummaryProblem[]): RsyncSummary {
  const summary: RsyncSummary = { sentBytes: null, receivedBytes: null, totalSizeBytes: null, filesTransferred: null }
  const report = (at: number, reason: string, text: string) => problems.push({ offset: base + at, reason, text })
  // The summary sits in the last lines; search a short tail first, the whole window only if needed.
  const tailFrom = Math.max(0, window.length - TAIL)
  let sentAt = lastIndexIn(window, SENT, tailFrom, window.length)
  if (sentAt < 0) sentAt = window.lastIndexOf(SENT)
  if (sentAt >= 0) {
    const text = lineAt(window, sentAt + 1)
    const m = /^sent\s+(\S+)\s+bytes\s+received\s+(\S+)\s+bytes/.exec(text)
    const sent = m ? parseRsyncNumber(m[1]!, humanBase) : null
    const received = m ? parseRsyncNumber(m[2]!, humanBase) : null
    if (sent === null || received === null) report(sentAt + 1, 'rsync "sent ... received" line not understood', text)
    else Object.assign(summary, { sentBytes: sent, receivedBytes: received })
  }
  let totalAt = sentAt >= 0 ? window.indexOf(TOTAL, sentAt) : lastIndexIn(window, TOTAL, tailFrom, window.length)
  if (totalAt < 0) totalAt = window.lastIndexOf(TOTAL)
  if (totalAt >= 0) {
    const text = lineAt(window, totalAt + 1)
    const m = /^total size is\s+(\S+)/.exec(text)
    const total = m ? parseRsyncNumber(m[1]!, humanBase) : null
    if (total === null) report(totalAt + 1, 'rsync "total size is" line not understood', text)
    else summary.totalSizeBytes = total
  }
  // --stats prints its block (about 15 lines) just before the "sent" line.
  const statsEnd = sentAt >= 0 ? sentAt : window.length
  for (const pattern of FILES) {
    const at = lastIndexIn(window, pattern, Math.max(0, statsEnd - TAIL), statsEnd)
    if (at < 0) continue
    const text = lineAt(window, at + 1)
    const files = parseRsyncNumber(text.slice(text.indexOf(':') + 1).trim().split(/\s/)[0] ?? '', humanBase)
    if (files === null) report(at + 1, 'rsync "Number of files transferred" line not understood', text)
    else summary.filesTransferred = files
    break
  }
  return summary
}

/** The first rsync error line (`@ERROR`, `rsync: `, `rsync error: `, `rsync warning: `) in `bytes`, cut to 500 characters. */
export function firstErrorLine(bytes: Buffer): { at: number; text: string } | null {
  const at = Math.min(firstAtLineStart(bytes, AT_ERROR, () => true), firstAtLineStart(bytes, RSYNC, isRsyncMessage))
  return at === Infinity ? null : { at, text: lineAt(bytes, at).slice(0, 500) }
}

// No leading newline in the patterns: '@' and 'r' are far rarer than '\n', so the search runs faster.
const AT_ERROR = Buffer.from('@ERROR')
const RSYNC = Buffer.from('rsync')
const RSYNC_KINDS = [': ', ' error: ', ' warning: '].map((s) => Buffer.from(s))
const isRsyncMessage = (bytes: Buffer, at: number) =>
  RSYNC_KINDS.some((kind) => bytes.subarray(at + RSYNC.length, at + RSYNC.length + kind.length).equals(kind))

/** Offset of the first occurrence of `pattern` that starts a line (not the buffer's first line) and passes `accept`. */
function firstAtLineStart(bytes: Buffer, pattern: Buffer, accept: (bytes: Buffer, at: number) => boolean): number {
  for (let at = bytes.indexOf(pattern, 1); at >= 0; at = bytes.indexOf(pattern, at + 1)) {
    if (bytes[at - 1] === 10 && accept(bytes, at)) return at
  }
  return Infinity
}
