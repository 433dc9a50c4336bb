/** What a marker line says; see docs/log-format.md "Markers". Dates are still text here. */
export type Marker =
  | { type: 'start'; job: string; dateText: string | null }
  | { type: 'end'; job: string; exitCode: number; dateText: string | null }
  | { type: 'cleanup-start'; job: string; dateText: string | null }
  | { type: 'cleanup-end'; removed: number | null }
  | { type: 'snapshot-start' }
  | { type: 'snapshot-end'; exitCode: number; path: string | null }

const START = /^=== (.+?) Started\b:?\s*(.*?)\s*=*$/
const COMPLETED = /^=== (.+?) Completed(?: Successfully)?\b:?\s*(.*?)\s*=*$/
const FAILED = /^=== (.+?) FAILED with code (\d+)\b:?\s*(.*?)\s*=*$/
const CLEANUP = /^=== (.*Cleanup) - (.*?)\s*=*$/
const SNAPSHOT_START = /detected - creating weekly snapshot/i
const SNAPSHOT_CREATED = /^Weekly snapshot created:?\s*(.*)$/
const SNAPSHOT_FAILED = /^WARNING: Weekly snapshot failed with code (\d+)/
const CLEANUP_DONE = /^Cleanup complete\.?(?:\s*Removed (\d+) old snapshot)?/

const orNull = (s: string | undefined) => (s === undefined || s === '' ? null : s)

/**
 * Reads one line (already stripped of CR, NUL and surrounding blanks). Returns null when
 * the line is not a marker; `unrecognised` when it starts like one (`=== `) but says
 * nothing we know, so the caller can report it.
 */
export function classifyMarker(line: string): Marker | 'unrecognised' | null {
  let m: RegExpExecArray | null
  if (line.startsWith('=== ')) {
    if ((m = FAILED.exec(line))) return { type: 'end', job: m[1]!, exitCode: Number(m[2]), dateText: orNull(m[3]) }
    if ((m = CLEANUP.exec(line))) return { type: 'cleanup-start', job: m[1]!, dateText: orNull(m[2]) }
    if ((m = START.exec(line))) return { type: 'start', job: m[1]!, dateText: orNull(m[2]) }
    if ((m = COMPLETED.exec(line))) return { type: 'end', job: m[1]!, exitCode: 0, dateText: orNull(m[2]) }
    return 'unrecognised'
  }
  if (SNAPSHOT_START.test(line)) return { type: 'snapshot-start' }
  if ((m = SNAPSHOT_CREATED.exec(line))) return { type: 'snapshot-end', exitCode: 0, path: orNull(m[1]) }
  if ((m = SNAPSHOT_FAILED.exec(line))) return { type: 'snapshot-end', exitCode: Number(m[1]), path: null }
  if ((m = CLEANUP_DONE.exec(line))) return { type: 'cleanup-end', removed: m[1] === undefined ? null : Number(m[1]) }
  return null
}

/** Cleans a raw line for reading: CR, NUL and surrounding blanks removed. */
export function cleanLine(raw: string): string {
  return raw.replace(/[\r\0]/g, '').trim()
}
