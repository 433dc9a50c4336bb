import fs from 'node:fs'
import type { Command } from 'commander'
import { cliConfig, withDatabase } from '../context.js'
import { createProgressReporter, formatBytes } from '../progress.js'
import { importLogs } from '../../ingest/import-logs.js'
import { listLogFiles } from '../../ingest/scan-log.js'

export function registerImportLogs(program: Command): void {
  program
    .command('import-logs')
    .description('read what is new in the backup log (and its rotated files) and the tracking file into the database')
    .option('--json', 'print the summary as JSON on stdout')
    .action(async (options: { json?: boolean }) => {
      const config = cliConfig()
      const stderr = process.stderr
      if (listLogFiles(config.backupLogPath).length === 0)
        stderr.write(`replexon: no backup log at ${config.backupLogPath} (BACKUP_LOG_PATH); importing the tracking file only\n`)
      if (!fs.existsSync(config.backupTrackingPath))
        stderr.write(`replexon: no tracking file at ${config.backupTrackingPath} (BACKUP_TRACKING_PATH)\n`)

      // With --json only a terminal gets progress: scripts read stdout and keep stderr clean.
      const progress = !options.json || stderr.isTTY ? createProgressReporter(stderr) : null
      const summary = await withDatabase(config, (handle) =>
        importLogs({
          handle, config,
          onProgress: progress ? (p) => progress.update(p) : undefined,
          onWarning: (message) => {
            stderr.write(`replexon: ${message}\n`)
            process.exitCode = 1 // the other files are imported, but the run is not clean
          },
        }),
      )
      progress?.done()
      if (options.json) {
        process.stdout.write(`${JSON.stringify(summary)}\n`)
        return
      }
      process.stdout.write(
        `Imported ${summary.runsInserted} new run(s), updated ${summary.runsUpdated}; ` +
          `read ${formatBytes(summary.bytesScanned)} in ${(summary.durationMs / 1000).toFixed(1)} s` +
          (summary.linesSkipped > 0 ? `; skipped ${summary.linesSkipped} unreadable line(s)` : '') + '.\n',
      )
    })
}
