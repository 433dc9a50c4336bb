import fs from 'node:fs'
import { DateTime } from 'luxon'
import type { Config } from '../config.js'
import type { DatabaseHandle } from '../db/connection.js'
import { createRunReportsRepository } from '../db/repositories/run-reports.js'
import { backupMatchOf, backupNeedles } from '../schedule/backup-job.js'
import { readAllCrontabs, type CrontabLocations } from '../schedule/crontabs.js'
import { collectJobs, type ScheduleJob } from '../schedule/schedule-jobs.js'
import { longestGapMs } from './crontab-job.js'
import { freeSpaceVerdict, lastSuccessVerdict, maxSuccessAgeMs } from './health-rules.js'
import { checkScript } from './spawn-script.js'

export type HealthCheck = { name: string; ok: boolean; detail: string }

function readable(name: string, file: string): HealthCheck {
  try {
    fs.accessSync(file, fs.constants.R_OK)
    if (!fs.statSync(file).isFile()) return { name, ok: false, detail: `${file} is not a file` }
    return { name, ok: true, detail: `${file} is readable` }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    return { name, ok: false, detail: `${file} ${code === 'ENOENT' ? 'does not exist' : 'is not readable'}` }
  }
}

function safely(name: string, fn: () => HealthCheck | Promise<HealthCheck>): Promise<HealthCheck> {
  return Promise.resolve()
    .then(fn)
    .catch((err: unknown) => ({ name, ok: false, detail: err instanceof Error ? err.message : String(err) }))
}

/** When the last success ended (or started); a tracking-only run counts from the end of its date. */
function successInstant(run: { startedAt: number | null; finishedAt: number | null; date: string }, timeZone: string): number {
  return run.finishedAt ?? run.startedAt ?? DateTime.fromISO(run.date, { zone: timeZone }).endOf('day').toMillis()
}

/**
 * `replexon --static`: each check a line, OK or FAIL. The database should be current
 * (import first); `crontab` is injectable so tests need not touch a real crontab.
 */
export async function runHealthChecks(deps: {
  config: Pick<Config, 'backupLogPath' | 'backupTrackingPath' | 'backupScriptPath' | 'backupJobMatch' | 'cronUser' | 'dataDir' | 'timeZone'>
  handle: DatabaseHandle
  now?: Date
  /** Where the crontabs are (tests point elsewhere). */
  crontabs?: CrontabLocations
}): Promise<HealthCheck[]> {
  const { config, handle } = deps
  const now = deps.now ?? new Date()
  const checks: Promise<HealthCheck>[] = []
  let jobs: ScheduleJob[] = []

  checks.push(safely('backup log', () => readable('backup log', config.backupLogPath)))
  checks.push(safely('tracking file', () => readable('tracking file', config.backupTrackingPath)))
  checks.push(
    safely('backup script', () => {
      checkScript(config.backupScriptPath)
      return { name: 'backup script', ok: true, detail: `${config.backupScriptPath} is executable` }
    }),
  )
  // The same crontabs and the same idea of "the backup job" as the schedules page.
  const read = await readAllCrontabs(config, deps.crontabs)
  checks.push(
    Promise.resolve(
      read.userCrontab
        ? { name: 'crontab', ok: true, detail: `crontab of ${config.cronUser} read${read.userCrontab.text.trim() === '' ? ' (empty)' : ''}` }
        : { name: 'crontab', ok: false, detail: read.problems[0] ?? `cannot read the crontab of ${config.cronUser}` },
    ),
  )
  jobs = collectJobs(read.sources, { now: now.getTime(), zone: config.timeZone, match: backupMatchOf(config), count: 1 })
  const first = jobs[0]
  checks.push(
    Promise.resolve(
      first
        ? { name: 'backup job', ok: true, detail: `"${first.schedule}" in ${first.source} runs ${first.command}` }
        : { name: 'backup job', ok: false, detail: `no cron job (${read.sources.map((src) => src.name).join(', ') || 'no crontab readable'}) mentions ${backupNeedles(backupMatchOf(config)).join(' or ')}` },
    ),
  )
  checks.push(
    safely('last success', async () => {
      const gaps = jobs.map((j) => longestGapMs(j.schedule, now, j.described.zone)).filter((g): g is number => g !== null)
      const maxAge = maxSuccessAgeMs(gaps.length > 0 ? Math.min(...gaps) : null)
      const last = await createRunReportsRepository(handle.db).latest('backup', 'success')
      const verdict = lastSuccessVerdict(last ? successInstant(last, config.timeZone) : null, maxAge, now.getTime())
      return { name: 'last success', ...verdict }
    }),
  )
  checks.push(
    safely('database', () => {
      const result = handle.sqlite.pragma('integrity_check', { simple: true })
      return { name: 'database', ok: result === 'ok', detail: result === 'ok' ? 'integrity check ok' : `integrity check: ${String(result)}` }
    }),
  )
  checks.push(
    safely('free space', () => {
      const stat = fs.statfsSync(config.dataDir)
      const verdict = freeSpaceVerdict(stat.bavail * stat.bsize, stat.blocks * stat.bsize)
      return { name: 'free space', ok: verdict.ok, detail: `${config.dataDir}: ${verdict.detail}` }
    }),
  )
  return Promise.all(checks)
}
