import fs from 'node:fs/promises'
import path from 'node:path'
import { expandSchedule } from './cron-expression.js'
import { DEFAULT_COMMANDS, readCrontab, writeCrontab, type CrontabCommands } from './crontab-io.js'
import { parseCrontab, replaceSchedule } from './crontab-parse.js'
import { crontabHash } from './crontabs.js'

/** The crontab changed since the form was shown; nothing was written. */
export class CrontabChangedError extends Error {
  constructor(user: string) {
    super(`${user}'s crontab changed since this page was loaded (someone edited it meanwhile). Nothing was written; look at the current schedule and try again.`)
    this.name = 'CrontabChangedError'
  }
}

/** The line to edit is not a job (a bad or stale form); nothing was written. */
export class NotAJobError extends Error {
  constructor(line: number) {
    super(`Line ${line + 1} of the crontab is not a job.`)
    this.name = 'NotAJobError'
  }
}

export type EditRequest = {
  user: string
  /** 0-based line of the job in the crontab as read. */
  line: number
  /** Five fields or an @macro; the command is never touched. */
  schedule: string
  /** crontabHash() of the crontab the form was made from. */
  expectedHash: string
  dataDir: string
  now: number
  commands?: CrontabCommands
}

// One edit at a time in this process, so two browser tabs cannot interleave read and write.
let queue: Promise<unknown> = Promise.resolve()

/** DATA_DIR/crontab-backups/<user>-<UTC timestamp>.txt, readable by the owner only. */
async function saveBackup(dataDir: string, user: string, text: string, now: number): Promise<string> {
  const dir = path.join(dataDir, 'crontab-backups')
  await fs.mkdir(dir, { recursive: true, mode: 0o700 })
  const stamp = new Date(now).toISOString().replaceAll(':', '').replace('.', '-')
  for (let attempt = 0; attempt < 100; attempt++) {
    const file = path.join(dir, `${user}-${stamp}${attempt === 0 ? '' : `-${attempt}`}.txt`)
    try {
      await fs.writeFile(file, text, { mode: 0o600, flag: 'wx' })
      return file
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    }
  }
  throw new Error(`could not find a free backup file name in ${dir}`)
}

async function edit(req: EditRequest): Promise<{ backupFile: string; text: string }> {
  const commands = req.commands ?? DEFAULT_COMMANDS
  const current = await readCrontab(req.user, commands)
  if (crontabHash(current) !== req.expectedHash) throw new CrontabChangedError(req.user)
  if (parseCrontab(current)[req.line]?.kind !== 'job') throw new NotAJobError(req.line)
  const updated = replaceSchedule(current, req.line, req.schedule)
  const backupFile = await saveBackup(req.dataDir, req.user, current, req.now)
  await writeCrontab(req.user, updated, commands)
  return { backupFile, text: updated }
}

/**
 * Changes the schedule of one job in `user`'s crontab and nothing else. Throws
 * CronExpressionError (bad schedule), CrontabChangedError (edited meanwhile), NotAJobError
 * or CrontabAccessError; in every case nothing is written. The old crontab is saved first.
 */
export async function editSchedule(req: EditRequest): Promise<{ backupFile: string; text: string }> {
  expandSchedule(req.schedule)
  const run = queue.then(() => edit(req))
  queue = run.catch(() => undefined)
  return run
}
