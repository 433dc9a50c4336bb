import fs from 'node:fs'
import path from 'node:path'
import { DateTime } from 'luxon'

/** How the script's plain `date` printed a time: C/POSIX ("Tue Mar 10 01:05:00 UTC 2026") or en_US (12-hour clock). */
export type DateStyle = 'C' | 'en_US'

/** `epochMs` as `date` prints it in `zone` under `style`, the day padded with a space as date pads it. */
export function printedDate(epochMs: number, zone: string, style: DateStyle = 'C'): string {
  const t = DateTime.fromMillis(epochMs, { zone, locale: 'en-US' })
  const day = String(t.day).padStart(2, ' ')
  const clock = style === 'C' ? t.toFormat('HH:mm:ss') : t.toFormat('hh:mm:ss a')
  return `${t.toFormat('ccc LLL')} ${day} ${clock} ${t.toFormat('ZZZZ yyyy')}`
}

/** The first rsync error line of the failures written here: what the alert must quote. */
export const RSYNC_ERROR = 'rsync: [sender] change_dir "/var/lib/plexmediaserver/Library/Missing Folder" failed: No such file or directory (2)'

export type LogRun = { startedAt: number; endedAt: number } & ({ status: 'success' } | { status: 'failed'; exitCode: number })

/**
 * The backup log and tracking file as the backup script writes them, in the configured
 * zone: each run appends its block to the log and its line to the tracking file.
 */
export function createBackupLog(options: { logPath: string; trackingPath: string; zone: string; style?: DateStyle }) {
  const { logPath, trackingPath, zone, style = 'C' } = options
  fs.mkdirSync(path.dirname(logPath), { recursive: true })
  const at = (ms: number) => printedDate(ms, zone, style)

  function block(run: LogRun): string[] {
    const started = `=== Plex Backup Started: ${at(run.startedAt)} ===`
    if (run.status === 'success') {
      return [
        started,
        'sending incremental file list',
        'Plug-in Support/Databases/com.plexapp.plugins.library.db',
        '',
        'sent 1.81M bytes  received 26.96K bytes  3.68M bytes/sec',
        'total size is 28.89M  speedup is 15.71',
        `=== Plex Backup Completed Successfully: ${at(run.endedAt)} ===`,
      ]
    }
    return [
      started,
      'sending incremental file list',
      RSYNC_ERROR,
      '',
      'sent 23 bytes  received 19 bytes  84.00 bytes/sec',
      'total size is 0  speedup is 0.00',
      `rsync error: some files/attrs were not transferred (see previous errors) (code ${run.exitCode}) at main.c(1394) [sender=3.5.0]`,
      `=== Plex Backup FAILED with code ${run.exitCode}: ${at(run.endedAt)} ===`,
    ]
  }

  return {
    /** Appends the start of a run that is still going: no end marker, no tracking line yet. */
    begin(startedAt: number): void {
      fs.appendFileSync(logPath, `=== Plex Backup Started: ${at(startedAt)} ===\nsending incremental file list\n`)
    },

    /** Appends the runs, oldest first, as finished runs of the script. */
    append(...runs: LogRun[]): void {
      for (const run of runs) {
        fs.appendFileSync(logPath, `${block(run).join('\n')}\n`)
        const date = DateTime.fromMillis(run.startedAt, { zone }).toISODate()
        fs.appendFileSync(trackingPath, `${date}:${run.status}\n`)
      }
    },
  }
}
