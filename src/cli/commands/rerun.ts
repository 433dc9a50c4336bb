import type { Command } from 'commander'
import type { RunView } from '../../db/repositories/run-reports.js'
import { createRunReportsRepository } from '../../db/repositories/run-reports.js'
import { importLogs } from '../../ingest/import-logs.js'
import { exitCodeMeaning } from '../../web/exit-codes.js'
import { formatBytes, formatDuration, formatInstant, formatRelative } from '../../web/format.js'
import { cliConfig, withDatabase } from '../context.js'
import { addTopLevelFlag } from './top-level-flag.js'

const KINDS: Record<RunView['kind'], string> = { backup: 'backup', snapshot: 'weekly snapshot', cleanup: 'snapshot clean-up', config_backup: 'config backup' }

function status(run: RunView): string {
  if (run.status !== 'failed') return run.status
  return run.exitCode === null ? 'FAILED' : `FAILED with code ${run.exitCode} (${exitCodeMeaning(run.exitCode)})`
}

function transferred(run: RunView): string {
  if (run.sentBytes === null && run.receivedBytes === null && run.filesTransferred === null) return 'not recorded'
  const parts: string[] = []
  if (run.sentBytes !== null) parts.push(`${formatBytes(run.sentBytes)} sent`)
  if (run.receivedBytes !== null) parts.push(`${formatBytes(run.receivedBytes)} received`)
  if (run.filesTransferred !== null) parts.push(`${run.filesTransferred} file(s)`)
  return parts.join(', ')
}

/** "Previously on your Plex server...": the latest backup for people, times in `timeZone`. */
export function formatLastRun(run: RunView | undefined, timeZone: string, now: number): string {
  if (!run) return 'No backup recorded yet. Check BACKUP_LOG_PATH and BACKUP_TRACKING_PATH (replexon --static).\n'
  const rows: [string, string][] = [
    ['Kind', `${KINDS[run.kind]}${run.jobName ? ` (${run.jobName})` : ''}`],
    ['Status', status(run)],
    ['Triggered by', run.triggeredBy],
    ['Started', run.startedAt === null ? `${run.date} (time not recorded)` : `${formatInstant(run.startedAt, timeZone)} (${formatRelative(run.startedAt, now)})`],
    ['Duration', run.durationSeconds === null ? (run.status === 'running' && run.startedAt !== null ? `running for ${formatDuration((now - run.startedAt) / 1000)}` : 'not recorded') : formatDuration(run.durationSeconds)],
    ['Size', run.totalSizeBytes === null ? 'not recorded' : formatBytes(run.totalSizeBytes)],
    ['Transferred', transferred(run)],
    ['Error', run.error ?? (run.status === 'failed' ? 'no error line in the log' : 'none')],
  ]
  return ['Previously on your Plex server...', ...rows.map(([k, v]) => `  ${`${k}:`.padEnd(14)}${v}`)].join('\n') + '\n'
}

export function registerRerun(program: Command): void {
  addTopLevelFlag(program, '--rerun', 'show the most recent backup: status, start, duration, size, transferred, error', async () => {
    const config = cliConfig()
    const run = await withDatabase(config, async (handle) => {
      await importLogs({ handle, config, onWarning: (message) => process.stderr.write(`replexon: ${message}\n`) })
      return createRunReportsRepository(handle.db).latest('backup')
    })
    process.stdout.write(formatLastRun(run, config.timeZone, Date.now()))
  })
}
