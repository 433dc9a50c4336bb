import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after } from 'node:test'
import type { Config } from '../../src/config.js'
import { openDatabase, type DatabaseHandle } from '../../src/db/connection.js'

/** Log text for tests, written the way the backup script writes it (`date -Iseconds`, UTC). */
export const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00')
export const day = (ms: number) => new Date(ms).toISOString().slice(0, 10)
export const DAY_MS = 86_400_000
/** 2026-03-02 03:00:00 UTC, a Monday. */
export const FIRST_RUN = Date.UTC(2026, 2, 2, 3, 0, 0)

export type RunText = { status?: 'success' | 'failed' | 'open'; fileLines?: number; snapshot?: boolean }

export function startText(start: number, job = 'Plex Backup'): string {
  return `=== ${job} Started: ${iso(start)} ===\nsending incremental file list\n`
}

export function endText(start: number, options: RunText = {}): string {
  const { status = 'success', fileLines = 3 } = options
  if (status === 'open') return ''
  const files = Array.from({ length: fileLines }, (_, i) => `Metadata/Movies/${i % 10}/${String(i).padStart(40, '0')}.bundle/Contents/poster.jpg\n`).join('')
  const end = iso(start + 61_000)
  if (status === 'failed')
    return `${files}rsync error: some files/attrs were not transferred (see previous errors) (code 23) at main.c(1338) [sender=3.2.7]\n=== Plex Backup FAILED with code 23: ${end} ===\n`
  let text = `${files}\nsent 24,265,611 bytes  received 114,210 bytes  10,123,456.00 bytes/sec\ntotal size is 8,081,447,228  speedup is 58.36\n=== Plex Backup Completed Successfully: ${end} ===\n`
  if (options.snapshot)
    text += `Sunday detected - creating weekly snapshot\ncreated directory snapshots/${day(start)}\nWeekly snapshot created: snapshots/${day(start)}/\n`
  return text
}

export function runText(start: number, options: RunText = {}): string {
  return startText(start) + endText(start, options)
}

export function trackingLine(start: number, status: 'success' | 'failed' = 'success'): string {
  return `${day(start)}:${status}\n`
}

/** `count` runs a day apart (or `stepMs`) from FIRST_RUN, every 7th failed, as log text and tracking text. */
export function history(count: number, options: { from?: number; fileLines?: number; stepMs?: number } = {}) {
  let log = ''
  let tracking = ''
  for (let i = 0; i < count; i++) {
    const start = (options.from ?? FIRST_RUN) + i * (options.stepMs ?? DAY_MS)
    const status = i % 7 === 3 ? 'failed' : 'success'
    log += runText(start, { status, fileLines: options.fileLines })
    tracking += trackingLine(start, status)
  }
  return { log, tracking }
}

export type Sandbox = {
  dir: string
  logPath: string
  trackingPath: string
  config: Pick<Config, 'backupLogPath' | 'backupTrackingPath' | 'timeZone' | 'rsyncHumanBase' | 'logPollIntervalSeconds'>
  open(name?: string): DatabaseHandle
}

/** A temp dir holding plex-backup.log, its tracking file and SQLite databases; removed after the test. */
export function sandbox(): Sandbox {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replexon-import-'))
  after(() => fs.rmSync(dir, { recursive: true, force: true }))
  const logPath = path.join(dir, 'plex-backup.log')
  const trackingPath = path.join(dir, 'plex-backup-tracking.log')
  return {
    dir, logPath, trackingPath,
    config: { backupLogPath: logPath, backupTrackingPath: trackingPath, timeZone: 'UTC', rsyncHumanBase: 1000, logPollIntervalSeconds: 60 },
    open: (name = 'replexon.db') => openDatabase(path.join(dir, 'data', name)),
  }
}

/** Every run as comparable rows: ids replaced by natural keys, bookkeeping times left out. */
export function runRows(handle: DatabaseHandle): Record<string, unknown>[] {
  return handle.sqlite
    .prepare(
      `SELECT r.run_key, r.kind, r.job_name, r.status, r.date, r.started_at, r.finished_at, r.duration_seconds,
        r.exit_code, r.sent_bytes, r.received_bytes, r.total_size_bytes, r.files_transferred, r.error,
        r.source_file, r.source_start, r.source_end, r.origin, r.tracking_line, p.run_key AS parent_key
       FROM backup_runs r LEFT JOIN backup_runs p ON p.id = r.parent_run_id ORDER BY r.run_key`,
    )
    .all() as Record<string, unknown>[]
}
