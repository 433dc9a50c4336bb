import { createPlexLibrary, fileListBatches, type PlexLibrary } from './plex-paths.js'
import { createPrng, deriveSeed, type Prng } from './prng.js'
import { failureShape, type FailureCode } from './rsync-failures.js'
import { statsLines, summaryLines, type RsyncNumberStyle } from './rsync-numbers.js'
import { cleanupText, configBackupText } from './script-blocks.js'
import { formatScriptDate, localDate, type DateStyle } from './script-date.js'

/** How the server prints: its zone and locale (`date`), rsync's flags, `--stats` or not. */
export type LogStyle = {
  timeZone: string
  dateStyle: DateStyle
  rsync: RsyncNumberStyle
  stats: boolean
  /** Shown in rsync's error lines ("[sender=3.2.7]"). */
  rsyncVersion?: string
}

export type RunOutcome = { kind: 'success' } | { kind: 'failed'; code: FailureCode } | { kind: 'interrupted' }

/** One night in the log: the backup run and whatever the scripts print after it. */
export type RunSpec = {
  /** Drives the file list and message details, so a spec renders the same text every time. */
  seed: number
  startedAt: Date
  durationSeconds: number
  outcome: RunOutcome
  totalSizeBytes: number
  sentBytes: number
  receivedBytes: number
  fileListLines: number
  /** The whole tree, for `--stats`' "Number of files". */
  files: { regular: number; directories: number }
  /** Sunday's copy; only written after a successful run. */
  snapshot: { fileListLines: number; durationSeconds: number; failedCode: SnapshotFailureCode | null } | null
  cleanup: { at: Date; found: number; keep: number; removed: string[] } | null
  configBackup: { at: Date; durationSeconds: number; failedCode: number | null } | null
}

/** A snapshot fails on a full disk (11) or a file it cannot read (23). */
export type SnapshotFailureCode = 11 | 23

export type LogWriter = {
  /** The night's log text in pieces of bounded size, for streaming huge logs. */
  chunks(spec: RunSpec): Generator<string>
  render(spec: RunSpec): string
  /** The tracking-file line for the run (with its newline), or null when it never finished. */
  trackingLine(spec: RunSpec): string | null
}

const SECOND = 1000

/** A writer for one server's style; the library is the pool of item hashes its file lists name. */
export function createLogWriter(style: LogStyle, options: { seed?: number; libraryItems?: number } = {}): LogWriter {
  const library = createPlexLibrary(createPrng(options.seed ?? 1), options.libraryItems ?? 5000)
  const writer: LogWriter = {
    chunks: (spec) => nightChunks(spec, style, library),
    render: (spec) => [...nightChunks(spec, style, library)].join(''),
    trackingLine: (spec) => {
      if (spec.outcome.kind === 'interrupted') return null
      return `${localDate(spec.startedAt, style.timeZone)}:${spec.outcome.kind === 'success' ? 'success' : 'failed'}\n`
    },
  }
  return writer
}

function* nightChunks(spec: RunSpec, style: LogStyle, library: PlexLibrary): Generator<string> {
  const rng = createPrng(spec.seed)
  const date = (instant: Date): string => formatScriptDate(instant, style.timeZone, style.dateStyle)
  const version = style.rsyncVersion ?? '3.2.7'
  const day = localDate(spec.startedAt, style.timeZone)
  const endedAt = new Date(spec.startedAt.getTime() + spec.durationSeconds * SECOND)
  const { outcome } = spec

  yield `=== Plex Backup Started: ${date(spec.startedAt)} ===\n`
  const failure = outcome.kind === 'failed' ? failureShape(outcome.code, rng, library, version) : null
  const listFraction = outcome.kind === 'interrupted' ? rng.real(0.05, 0.9) : failure ? failure.listFraction : 1
  let filesListed = 0
  if (listFraction !== null) {
    yield 'sending incremental file list\n'
    const batches = fileListBatches(rng, library, spec.fileListLines, { date: day })
    filesListed = yield* listText(batches, Math.round(spec.fileListLines * listFraction))
  }
  if (outcome.kind === 'interrupted') return
  if (failure) yield failure.messages.map((m) => `${m}\n`).join('')
  if (!failure || failure.summary) {
    const partial = failure !== null
    yield transferSummary(
      {
        sentBytes: partial ? Math.round(spec.sentBytes * (listFraction ?? 1)) : spec.sentBytes,
        receivedBytes: spec.receivedBytes,
        seconds: spec.durationSeconds,
        totalSizeBytes: spec.totalSizeBytes,
        filesTransferred: filesListed,
        createdFiles: 0,
        files: spec.files,
      },
      style,
    )
  }
  if (failure) {
    yield failure.closing.map((m) => `${m}\n`).join('')
    yield `=== Plex Backup FAILED with code ${outcome.kind === 'failed' ? outcome.code : 1}: ${date(endedAt)} ===\n`
  } else {
    yield `=== Plex Backup Completed Successfully: ${date(endedAt)} ===\n`
    if (spec.snapshot) yield* snapshotChunks(spec, spec.snapshot, day, rng, library, style)
  }
  if (spec.cleanup) yield cleanupText(spec.cleanup, date(spec.cleanup.at))
  if (spec.configBackup) yield configBackupText(spec.configBackup, date)
}

function* snapshotChunks(
  spec: RunSpec,
  snapshot: NonNullable<RunSpec['snapshot']>,
  day: string,
  rng: Prng,
  library: PlexLibrary,
  style: LogStyle,
): Generator<string> {
  yield 'Sunday detected - creating weekly snapshot\n'
  yield `sending incremental file list\ncreated directory snapshots/${day}\n`
  const snapshotRng = createPrng(deriveSeed(spec.seed, 7))
  const budget = snapshot.failedCode === null ? snapshot.fileListLines : Math.round(snapshot.fileListLines * rng.real(0.1, 0.9))
  yield* listText(fileListBatches(snapshotRng, library, snapshot.fileListLines, { full: true }), budget)
  if (snapshot.failedCode !== null) {
    const version = style.rsyncVersion ?? '3.2.7'
    yield snapshot.failedCode === 11
      ? `rsync: [receiver] write failed on "/srv/plex-backups/snapshots/${day}/Plug-in Support/Databases/com.plexapp.plugins.library.db": No space left on device (28)\n` +
        `rsync error: error in file IO (code 11) at receiver.c(381) [receiver=${version}]\n`
      : `rsync: [sender] send_files failed to open "/srv/plex-backups/current/Plug-in Support/Databases/com.plexapp.plugins.library.db-shm": Permission denied (13)\n` +
        `rsync error: some files/attrs were not transferred (see previous errors) (code 23) at main.c(1338) [sender=${version}]\n`
    yield `WARNING: Weekly snapshot failed with code ${snapshot.failedCode}\n`
    return
  }
  const all = spec.files.regular + spec.files.directories
  yield transferSummary(
    {
      sentBytes: Math.round(spec.totalSizeBytes * 1.0003) + all * 90,
      receivedBytes: all * 12 + 10_000,
      seconds: snapshot.durationSeconds,
      totalSizeBytes: spec.totalSizeBytes,
      filesTransferred: spec.files.regular,
      createdFiles: all,
      files: spec.files,
    },
    style,
  )
  yield `Weekly snapshot created: snapshots/${day}/\n`
}

/**
 * The file list cut after `budget` lines (a run that dies mid-transfer stops in the middle
 * of its list, not after a short one). Returns how many files (not directories) it named.
 */
function* listText(batches: Iterable<string[]>, budget: number): Generator<string, number> {
  let files = 0
  let left = budget
  for (const full of batches) {
    if (left <= 0) break
    const batch = full.length > left ? full.slice(0, left) : full
    left -= batch.length
    for (const line of batch) if (!line.endsWith('/')) files++
    yield `${batch.join('\n')}\n`
  }
  return files
}

type Transfer = {
  sentBytes: number
  receivedBytes: number
  seconds: number
  totalSizeBytes: number
  filesTransferred: number
  createdFiles: number
  files: RunSpec['files']
}

function transferSummary(t: Transfer, style: LogStyle): string {
  const lines = ['']
  if (style.stats) {
    const transferred = Math.min(t.totalSizeBytes, Math.round(t.sentBytes * 14))
    lines.push(
      ...statsLines(
        {
          regularFiles: t.files.regular,
          directories: t.files.directories,
          createdFiles: t.createdFiles,
          filesTransferred: t.filesTransferred,
          totalSizeBytes: t.totalSizeBytes,
          transferredSizeBytes: t.createdFiles > 0 ? t.totalSizeBytes : transferred,
          sentBytes: t.sentBytes,
          receivedBytes: t.receivedBytes,
        },
        style.rsync,
      ),
      '',
    )
  }
  lines.push(...summaryLines(t, style.rsync))
  return `${lines.join('\n')}\n`
}
