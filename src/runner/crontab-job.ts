import { Cron } from 'croner'

export type CronJob = { schedule: string; command: string; line: number }

const NICKNAMES = /^@(reboot|yearly|annually|monthly|weekly|daily|midnight|hourly)$/i
const ENV_LINE = /^[A-Za-z_][A-Za-z0-9_]*\s*=/

/**
 * The crontab's jobs whose command mentions one of `needles` (the script's path or name,
 * the log's name), in file order. Comments, blank lines and variable settings are skipped.
 */
export function findBackupJobs(crontab: string, needles: readonly string[]): CronJob[] {
  const jobs: CronJob[] = []
  const wanted = needles.filter((n) => n.length > 0)
  crontab.split(/\r?\n/).forEach((raw, index) => {
    const text = raw.trim()
    if (text === '' || text.startsWith('#') || ENV_LINE.test(text)) return
    const fields = text.split(/\s+/)
    const nickname = NICKNAMES.test(fields[0] ?? '')
    const scheduleFields = nickname ? 1 : 5
    if (fields.length <= scheduleFields) return
    const schedule = fields.slice(0, scheduleFields).join(' ')
    const command = text.slice(text.indexOf(fields[scheduleFields]!, schedule.length))
    if (wanted.some((n) => command.includes(n))) jobs.push({ schedule, command, line: index + 1 })
  })
  return jobs
}

/**
 * The longest gap between the schedule's next runs after `now` (over two weeks of runs, so
 * weekday-only schedules show their weekend gap); null for @reboot or a schedule croner
 * cannot read.
 */
export function longestGapMs(schedule: string, now: Date, timeZone: string): number | null {
  if (/^@reboot$/i.test(schedule)) return null
  const pattern = /^@midnight$/i.test(schedule) ? '@daily' : schedule
  try {
    const cron = new Cron(pattern, { paused: true, timezone: timeZone })
    const runs = cron.nextRuns(32, now)
    cron.stop()
    let gap = 0
    for (let i = 1; i < runs.length; i++) gap = Math.max(gap, runs[i]!.getTime() - runs[i - 1]!.getTime())
    return runs.length > 1 ? gap : null
  } catch {
    return null
  }
}
