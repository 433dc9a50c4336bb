import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { DateTime } from 'luxon'
import type { Config } from '../config.js'
import type { DatabaseHandle } from '../db/connection.js'
import { createRunReportsRepository } from '../db/repositories/run-reports.js'
import { findBackupJobs, longestGapMs, type CronJob } from './crontab-job.js'
import { freeSpaceVerdict, lastSuccessVerdict, maxSuccessAgeMs } from './health-rules.js'
import { checkScript } from './spawn-script.js'

export type HealthCheck = { name: string; ok: boolean; detail: string }

export type CrontabRead = { ok: true; text: string; note: string } | { ok: false; detail: string }

/** `crontab -l` for CRON_USER (`-u` only for another user: it needs root); "no crontab" reads as empty. */
export function readCrontab(user: string): CrontabRead {
  const args = user === os.userInfo().username ? ['-l'] : ['-l', '-u', user]
  const result = spawnSync('crontab', args, { encoding: 'utf8', timeout: 10_000 })
  if (result.error) return { ok: false, detail: `cannot run crontab: ${result.error.message}` }
  if (result.status === 0) return { ok: true, text: result.stdout, note: `crontab of ${user} read` }
  if (/no crontab for/i.test(result.stderr)) return { ok: true, text: '', note: `${user} has no crontab` }
  return { ok: false, detail: `crontab -l for ${user} failed: ${result.stderr.trim().split('\n')[0] || `exit code ${result.status}`}` }
}

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
  config: Pick<Config, 'backupLogPath' | 'backupTrackingPath' | 'backupScriptPath' | 'cronUser' | 'dataDir' | 'timeZone'>
  handle: DatabaseHandle
  now?: Date
  crontab?: (user: string) => CrontabRead
}): Promise<HealthCheck[]> {
  const { config, handle } = deps
  const now = deps.now ?? new Date()
  const checks: Promise<HealthCheck>[] = []
  let jobs: CronJob[] = []

  checks.push(safely('backup log', () => readable('backup log', config.backupLogPath)))
  checks.push(safely('tracking file', () => readable('tracking file', config.backupTrackingPath)))
  checks.push(
    safely('backup script', () => {
      checkScript(config.backupScriptPath)
      return { name: 'backup script', ok: true, detail: `${config.backupScriptPath} is executable` }
    }),
  )
  const crontab = (deps.crontab ?? readCrontab)(config.cronUser)
  checks.push(Promise.resolve({ name: 'crontab', ok: crontab.ok, detail: crontab.ok ? crontab.note : crontab.detail }))
  if (crontab.ok) {
    const needles = [path.basename(config.backupScriptPath), path.basename(config.backupLogPath)]
    jobs = findBackupJobs(crontab.text, needles)
    const first = jobs[0]
    checks.push(
      Promise.resolve(
        first
          ? { name: 'backup job', ok: true, detail: `"${first.schedule}" runs ${first.command}` }
          : { name: 'backup job', ok: false, detail: `no crontab line of ${config.cronUser} mentions ${needles.join(' or ')}` },
      ),
    )
  }
  checks.push(
    safely('last success', async () => {
      const gaps = jobs.map((j) => longestGapMs(j.schedule, now, config.timeZone)).filter((g): g is number => g !== null)
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
