import { backupMatchOf } from './backup-job.js'
import type { Config } from '../config.js'
import { readAllCrontabs, type CrontabLocations } from './crontabs.js'
import { collectJobs } from './schedule-jobs.js'

/**
 * When the backup next runs by cron: the earliest next run of any backup job (in CRON_USER's
 * crontab, /etc/crontab or /etc/cron.d) after `now`, with that job's label. Null when no
 * backup job with a clock schedule is found, or the crontabs cannot be read.
 */
export async function nextBackupRun(
  config: Pick<Config, 'cronUser' | 'timeZone' | 'backupScriptPath' | 'backupLogPath' | 'backupJobMatch'>,
  now: number,
  where: CrontabLocations = {},
): Promise<{ at: number; job: string } | null> {
  const { sources } = await readAllCrontabs(config, where)
  const jobs = collectJobs(sources, {
    now,
    zone: config.timeZone,
    match: backupMatchOf(config),
    count: 1,
  })
  let best: { at: number; job: string } | null = null
  for (const job of jobs) {
    const at = job.described.ok ? job.described.nextRuns[0] : undefined
    if (at !== undefined && (best === null || at < best.at)) best = { at, job: job.label }
  }
  return best
}
