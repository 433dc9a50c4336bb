import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { RunnerError } from './errors.js'

/** Fails with a RunnerError a person can act on when the script cannot be run. */
export function checkScript(script: string): void {
  const stat = fs.statSync(script, { throwIfNoEntry: false })
  if (!stat) throw new RunnerError('script-missing', `The backup script ${script} does not exist (check BACKUP_SCRIPT_PATH).`)
  if (!stat.isFile()) throw new RunnerError('script-missing', `The backup script ${script} is not a file (check BACKUP_SCRIPT_PATH).`)
  try {
    fs.accessSync(script, fs.constants.X_OK)
  } catch {
    throw new RunnerError('script-not-executable', `The backup script ${script} is not executable (chmod +x it).`)
  }
}

export type SpawnedScript = { child: ChildProcess; pid: number; logOffset: number }

/**
 * Starts the script as cron would (`script >> log 2>&1`): its stdout and stderr are the
 * log opened for appending, so the follower reads its output like any other run. It gets
 * its own session and process group (detached) so stopping the server does not stop it.
 * The child stays referenced, so a caller awaiting its end keeps the process alive; the
 * runner's detach() lets a stopping process go without waiting.
 */
export async function spawnScript(script: string, logPath: string): Promise<SpawnedScript> {
  let fd: number
  try {
    fs.mkdirSync(path.dirname(logPath), { recursive: true })
    fd = fs.openSync(logPath, 'a', 0o640)
  } catch (err) {
    throw new RunnerError('log-unwritable', `Cannot append to the backup log ${logPath}: ${(err as Error).message}`)
  }
  try {
    const logOffset = fs.fstatSync(fd).size
    const child = spawn(script, [], { detached: true, stdio: ['ignore', fd, fd] })
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve)
      child.once('error', reject)
    })
    return { child, pid: child.pid!, logOffset }
  } catch (err) {
    throw new RunnerError('spawn-failed', `Could not start the backup script ${script}: ${(err as Error).message}`)
  } finally {
    fs.closeSync(fd)
  }
}

/** The exit code as a shell reports it: the code, or 128 + the signal's number. */
export function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code
  const n = signal ? os.constants.signals[signal] : undefined
  return n ? 128 + n : 1
}
