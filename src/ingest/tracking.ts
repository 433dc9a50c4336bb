import type { SkippedLine } from './types.js'

export type TrackingEntry = { date: string; status: 'success' | 'failed'; line: number }

const ENTRY = /^(\d{4})-(\d{2})-(\d{2})\s*:\s*(success|failed)$/i

/**
 * Reads the tracking file (`YYYY-MM-DD:success|failed`, one line per finished backup).
 * CRLF endings are fine; blank, truncated or foreign lines are skipped and reported.
 */
export function parseTrackingFile(text: string, file = ''): { entries: TrackingEntry[]; skipped: SkippedLine[] } {
  const entries: TrackingEntry[] = []
  const skipped: SkippedLine[] = []
  const lines = text.split('\n')
  if (lines.at(-1) === '') lines.pop()
  let offset = 0
  lines.forEach((raw, i) => {
    const line = raw.replace(/[\r\0]/g, '').trim()
    const m = ENTRY.exec(line)
    const skip = (reason: string) => skipped.push({ file, line: i + 1, offset, reason, text: line.slice(0, 200) })
    if (line === '') skip('blank line')
    else if (!m) skip('not a "YYYY-MM-DD:success|failed" line')
    else if (!validDate(+m[1]!, +m[2]!, +m[3]!)) skip('not a real calendar date')
    else entries.push({ date: `${m[1]}-${m[2]}-${m[3]}`, status: m[4]!.toLowerCase() as 'success' | 'failed', line: i + 1 })
    offset += Buffer.byteLength(raw) + 1
  })
  return { entries, skipped }
}

function validDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day))
  return month >= 1 && month <= 12 && d.getUTCDate() === day
}
