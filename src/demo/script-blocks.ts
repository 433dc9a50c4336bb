import type { RunSpec } from './log-writer.js'

/** What the snapshot clean-up script prints (its marker ends with four '='). */
export function cleanupText(cleanup: NonNullable<RunSpec['cleanup']>, date: string): string {
  const lines = [`=== Plex Snapshot Cleanup - ${date} ====`]
  if (cleanup.removed.length === 0) {
    lines.push(`Only ${cleanup.found} snapshots found (keeping ${cleanup.keep}). Nothing to clean.`, 'Cleanup complete.')
  } else {
    lines.push(`Found ${cleanup.found} snapshots (keeping ${cleanup.keep}).`)
    for (const day of cleanup.removed) lines.push(`Removing old snapshot: snapshots/${day}/`)
    lines.push(`Cleanup complete. Removed ${cleanup.removed.length} old snapshot(s).`)
  }
  return `${lines.join('\n')}\n`
}

/** The monthly backup of the scripts and their configs, a job of its own. */
export function configBackupText(config: NonNullable<RunSpec['configBackup']>, date: (d: Date) => string): string {
  const end = new Date(config.at.getTime() + config.durationSeconds * 1000)
  const lines = [
    `=== Script Config Backup Started: ${date(config.at)} ===`,
    'Collected: /usr/local/bin/backup-plex.sh',
    'Collected: /usr/local/bin/cleanup-plex-snapshots.sh',
    'Collected: /etc/cron.d/plex-backup',
    'Collected: /etc/logrotate.d/plex-backup',
    'Skipping (not found): /etc/msmtprc',
  ]
  if (config.failedCode === null) {
    lines.push(`=== Script Config Backup Completed: ${date(end)} ===`)
  } else {
    lines.push(
      `rsync: [sender] failed to connect to 10.0.0.5 (10.0.0.5): Connection refused (111)`,
      `=== Script Config Backup FAILED with code ${config.failedCode}: ${date(end)} ===`,
    )
  }
  return `${lines.join('\n')}\n`
}
