import { createHash } from 'node:crypto'
import type { Config } from '../config.js'
import { DEFAULT_COMMANDS, readCrontab, type CrontabCommands } from './crontab-io.js'
import type { CrontabSource } from './schedule-jobs.js'
import { DEFAULT_SYSTEM_PATHS, readSystemCrontabs, type SystemCrontabPaths } from './system-crontabs.js'

/** Where the crontabs are; the defaults are the real ones, tests point elsewhere. */
export type CrontabLocations = { commands?: CrontabCommands; systemPaths?: SystemCrontabPaths }

export type ReadCrontabs = {
  sources: CrontabSource[]
  /** Things that could not be read, for people ("may not use root's crontab … sudoers line"). */
  problems: string[]
  /** CRON_USER's crontab as read, with the hash an edit form carries; null when it could not be read. */
  userCrontab: { user: string; text: string; hash: string } | null
}

/** The SHA-256 of a crontab's text: an edit names the version it was made against. */
export function crontabHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

/** CRON_USER's crontab, /etc/crontab and /etc/cron.d/*; what cannot be read is reported, not thrown. */
export async function readAllCrontabs(config: Pick<Config, 'cronUser'>, where: CrontabLocations = {}): Promise<ReadCrontabs> {
  const user = config.cronUser
  const problems: string[] = []
  let userCrontab: ReadCrontabs['userCrontab'] = null
  try {
    const text = await readCrontab(user, where.commands ?? DEFAULT_COMMANDS)
    userCrontab = { user, text, hash: crontabHash(text) }
  } catch (err) {
    problems.push((err as Error).message)
  }
  const system = await readSystemCrontabs(where.systemPaths ?? DEFAULT_SYSTEM_PATHS)
  const sources: CrontabSource[] = userCrontab
    ? [{ name: `crontab of ${user}`, text: userCrontab.text, system: false, owner: user }, ...system.sources]
    : system.sources
  return { sources, problems: [...problems, ...system.problems], userCrontab }
}
