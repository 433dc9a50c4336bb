import { isBackupJob, jobLabel, type BackupMatch } from './backup-job.js'
import { parseCrontab } from './crontab-parse.js'
import { describeSchedule, type ScheduleDescription } from './describe.js'

/** One crontab's text and where it came from. */
export type CrontabSource = {
  /** "crontab of root", "/etc/crontab", "/etc/cron.d/plex-backup" */
  name: string
  text: string
  /** System crontabs carry a user field on each job. */
  system: boolean
  /** The crontab of CRON_USER, the only one RePlexOn may rewrite. */
  owner: string | null
}

export type ScheduleJob = {
  source: string
  /** 0-based line number in its source. */
  line: number
  raw: string
  schedule: string
  command: string
  /** Who the job runs as. */
  runsAs: string | null
  label: string
  backup: boolean
  /** The environment in effect for the job (MAILTO, PATH, CRON_TZ …), as cron reads it. */
  env: Readonly<Record<string, string>>
  /** True when a CRON_TZ line above the job moved it out of the server's zone. */
  zoneFromCrontab: boolean
  described: ScheduleDescription
  /** Only jobs in CRON_USER's own crontab can be rewritten (through `crontab`). */
  editable: boolean
}

export type CollectOptions = { now: number; zone: string; match: BackupMatch; count?: number }

/** Every job of `source` with its meaning, next runs and whether it is the backup. Pure. */
export function jobsOf(source: CrontabSource, options: CollectOptions): ScheduleJob[] {
  const env: Record<string, string> = {}
  const jobs: ScheduleJob[] = []
  let commentAbove: string | null = null
  for (const line of parseCrontab(source.text, { system: source.system })) {
    if (line.kind === 'env') env[line.name] = line.value
    if (line.kind !== 'job') {
      commentAbove = line.kind === 'comment' ? line.comment : null
      continue
    }
    const cronTz = env.CRON_TZ?.trim()
    const zone = cronTz || options.zone
    const backup = isBackupJob(line.command, options.match)
    const described = describeSchedule(line.schedule, { now: options.now, zone, count: options.count })
    jobs.push({
      source: source.name,
      line: line.index,
      raw: line.text.replace(/\r$/, ''),
      schedule: line.schedule,
      command: line.command,
      runsAs: line.user ?? source.owner,
      label: jobLabel(line.command, commentAbove, backup),
      backup,
      env: { ...env },
      zoneFromCrontab: Boolean(cronTz),
      described,
      editable: source.owner !== null && !source.system,
    })
    commentAbove = null
  }
  return jobs
}

/** The jobs of every source, in the order read; only backup jobs unless `all`. */
export function collectJobs(sources: readonly CrontabSource[], options: CollectOptions & { all?: boolean }): ScheduleJob[] {
  const jobs = sources.flatMap((s) => jobsOf(s, options))
  return options.all ? jobs : jobs.filter((j) => j.backup)
}
