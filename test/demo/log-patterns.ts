/** Line shapes from docs/log-format.md, shared by the demo tests. */
export const MARKERS = {
  started: /^=== Plex Backup Started: (.+) ===$/,
  completed: /^=== Plex Backup Completed Successfully: (.+) ===$/,
  failed: /^=== Plex Backup FAILED with code (\d+): (.+) ===$/,
  sunday: /^Sunday detected - creating weekly snapshot$/,
  snapshotCreated: /^Weekly snapshot created: snapshots\/\d{4}-\d{2}-\d{2}\/$/,
  snapshotFailed: /^WARNING: Weekly snapshot failed with code \d+$/,
  cleanupStart: /^=== Plex Snapshot Cleanup - (.+) ====$/,
  cleanupEnd: /^Cleanup complete\.( Removed \d+ old snapshot\(s\)\.)?$/,
  configStart: /^=== Script Config Backup Started: (.+) ===$/,
  configEnd: /^=== Script Config Backup (Completed|FAILED with code \d+): (.+) ===$/,
} as const

export const SENT = /^sent (\S+) bytes {2}received (\S+) bytes {2}(\S+) bytes\/sec$/
export const TOTAL = /^total size is (\S+) {2}speedup is (\d+[.,]\d\d)$/

const DAY = '(Mon|Tue|Wed|Thu|Fri|Sat|Sun)'
const MONTH = '(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)'
const ZONE = '([A-Z]{2,5}|[+-]\\d{2,4})'
export const DATE_SHAPES = {
  en_US: new RegExp(`^${DAY} ${MONTH} [ 1-3]\\d \\d\\d:\\d\\d:\\d\\d (AM|PM) ${ZONE} \\d{4}$`),
  C: new RegExp(`^${DAY} ${MONTH} [ 1-3]\\d \\d\\d:\\d\\d:\\d\\d ${ZONE} \\d{4}$`),
  en_GB: new RegExp(`^${DAY} [ 1-3]\\d ${MONTH} \\d\\d:\\d\\d:\\d\\d ${ZONE} \\d{4}$`),
  de_DE: new RegExp(`^(Mo|Di|Mi|Do|Fr|Sa|So) [1-3]?\\d\\. (Jan|Feb|Mär|Apr|Mai|Jun|Jul|Aug|Sep|Okt|Nov|Dez) \\d\\d:\\d\\d:\\d\\d ${ZONE} \\d{4}$`),
  iso: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/,
} as const

/** Lines that are neither markers nor file-list paths but that rsync or the scripts print. */
export const OTHER_LINES: readonly RegExp[] = [
  /^$/,
  /^sending incremental file list$/,
  /^created directory snapshots\/\d{4}-\d{2}-\d{2}$/,
  SENT,
  TOTAL,
  /^(Number of|Total|Literal data|Matched data|File list)[^:]*: /,
  /^rsync (error|warning): .* \(code \d+\) at \S+ \[(sender|receiver)=[\d.]+\]$/,
  /^rsync: /,
  /^@ERROR: /,
  /^file has vanished: ".+"$/,
  /^\[sender\] io timeout after \d+ seconds -- exiting$/,
  /^Collected: \//,
  /^Skipping \(not found\): \//,
  /^Only \d+ snapshots found \(keeping \d+\)\. Nothing to clean\.$/,
  /^Found \d+ snapshots \(keeping \d+\)\.$/,
  /^Removing old snapshot: snapshots\/\d{4}-\d{2}-\d{2}\/$/,
]

export const FILE_LIST_LINE = /^(\.\/|Preferences\.xml|Cache\/|Logs\/|Media\/|Metadata\/|Plug-in Support\/)/

export function isKnownLine(line: string): boolean {
  return (
    Object.values(MARKERS).some((re) => re.test(line)) || OTHER_LINES.some((re) => re.test(line)) || FILE_LIST_LINE.test(line)
  )
}
