import { backupMatchOf } from './backup-job.js'
import type { Config } from '../config.js'
import { readAllCrontabs, type CrontabLocations } from './crontabs.js'
import { describeSchedule } from './describe.js'
import { collectJobs, type ScheduleJob } from './schedule-jobs.js'

/** Crontabs change rarely; the dashboard and the alert checks ask often. */
const FRESH_MS = 60_000

export type BackupSchedules = {
  /** The backup jobs and what could not be read, re-read at most once a minute (or when `force`). */
  jobs(now: number, options?: { force?: boolean }): Promise<{ jobs: ScheduleJob[]; problems: string[] }>
  /** When the backup next runs by cron, with that job's label; null without a clock schedule. */
  nextRun(now: number): Promise<{ at: number; job: string } | null>
  /** Forget what was read (after an edit on the schedules page). */
  invalidate(): void
}

/** The backup jobs of CRON_USER's crontab, /etc/crontab and /etc/cron.d, cached briefly. */
export function createBackupSchedules(
  config: Pick<Config, 'cronUser' | 'timeZone' | 'backupScriptPath' | 'backupLogPath' | 'backupJobMatch'>,
  where: CrontabLocations = {},
): BackupSchedules {
  let cached: { at: number; value: Promise<{ jobs: ScheduleJob[]; problems: string[] }> } | null = null

  async function read(now: number) {
    const { sources, problems } = await readAllCrontabs(config, where)
    const jobs = collectJobs(sources, {
      now,
      zone: config.timeZone,
      match: backupMatchOf(config),
      count: 1,
    })
    return { jobs, problems }
  }

  const self: BackupSchedules = {
    jobs(now, options = {}) {
      if (!cached || options.force) {
        const value = read(now)
        cached = { at: now, value }
        value.catch(() => (cached = null))
        return value
      }
      if (now - cached.at >= FRESH_MS || now < cached.at) {
        // Stale: answer with what was read and read again behind it, so no page waits for `crontab`.
        const previous = cached
        const value = read(now)
        cached = { at: now, value: previous.value }
        value.then(
          () => cached === null || (cached = { at: now, value }),
          () => undefined,
        )
      }
      return cached.value
    },
    async nextRun(now) {
      const { jobs } = await self.jobs(now)
      let best: { at: number; job: string } | null = null
      for (const job of jobs) {
        if (!job.described.ok || job.described.reboot) continue
        // The cached description was made when read; ask again for the run after `now`.
        const again = describeSchedule(job.schedule, { now, zone: job.described.zone, count: 1 })
        const at = again.ok ? again.nextRuns[0] : undefined
        if (at !== undefined && (best === null || at < best.at)) best = { at, job: job.label }
      }
      return best
    },
    invalidate() {
      cached = null
    },
  }
  return self
}
