import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import type { Config } from '../config.js'
import type { DatabaseHandle } from '../db/connection.js'
import { createManualTriggersRepository, type ManualTrigger } from '../db/repositories/manual-triggers.js'
import { parseLogDate } from '../ingest/log-date.js'
import { ago, cooldownMessage, cooldownRemainingSeconds } from './cooldown.js'
import { RunnerError } from './errors.js'
import { readLock, tryAcquireLock, type LockOwner } from './lock-file.js'
import { findOpenSection, readLogRange, readLogTail, type LogRange } from './log-tail.js'
import { checkScript, exitCodeOf, spawnScript } from './spawn-script.js'

/** An open `Started` in a log untouched this long is a killed run, not one in progress. */
export const OPEN_RUN_FRESH_MS = 6 * 3_600_000
/** How far a stored run's start may be from the trigger's to be the triggered run. */
export const MATCH_WINDOW_MS = 60_000
const MATCH_LOOKBACK_MS = 7 * 86_400_000

export type TriggerRequest = { by: 'web' | 'cli'; user?: string | null }
export type RunExit = { exitCode: number; signal: NodeJS.Signals | null }
/** A backup this process started: `exited` resolves when the script ends. */
export type StartedRun = { trigger: ManualTrigger; exited: Promise<RunExit> }

/** What is running now: a manual trigger (lock file), or a run the log shows open (cron, a shell). */
export type RunningBackup =
  | { source: 'manual'; trigger: ManualTrigger }
  | { source: 'log'; job: string; startedAt: number | null }
  | { source: 'starting'; startedAt: number }

export type RunnerStatus = {
  running: RunningBackup | null
  /** The latest manual trigger, finished or not. */
  last: ManualTrigger | null
  cooldownRemainingSeconds: number
}

export type RunnerLogger = { info(obj: object, msg: string): void; error(obj: object, msg: string): void }

export type BackupRunnerDeps = {
  config: Pick<Config, 'backupScriptPath' | 'backupLogPath' | 'dataDir' | 'backupCooldownSeconds' | 'timeZone'>
  handle: DatabaseHandle
  logger?: RunnerLogger
  /** Called (and awaited) after a script this process started has ended and been recorded. */
  onFinished?: (trigger: ManualTrigger, exit: RunExit) => void | Promise<void>
  now?: () => number
}

export type BackupRunner = ReturnType<typeof createBackupRunner>

/**
 * Manual backups, the one service behind "Run now" and `replexon --broadcast`: at most one
 * at a time (a lock file in DATA_DIR plus the log's own open `Started`), BACKUP_COOLDOWN
 * apart (remembered in the database), the script spawned as cron would run it.
 */
export function createBackupRunner(deps: BackupRunnerDeps) {
  const { config, handle } = deps
  const clock = deps.now ?? Date.now
  const triggers = createManualTriggersRepository(handle.sqlite)
  const lockPath = path.join(config.dataDir, 'backup.lock')
  const children = new Set<ChildProcess>()
  let detached = false

  /**
   * The section the log shows still open, unless it belongs to the latest manual run: only
   * asked when the lock is free or ours, so that run has ended (killed before its end marker).
   */
  function openInLog(now: number): RunningBackup | null {
    const tail = readLogTail(config.backupLogPath)
    const open = tail && findOpenSection(tail.text, tail.baseOffset)
    if (!tail || !open || now - tail.mtimeMs > OPEN_RUN_FRESH_MS) return null
    const last = triggers.latest()
    const ourDeadRun =
      last && last.logPath === config.backupLogPath && open.offset >= last.logOffset && (last.logEnd === null || open.offset < last.logEnd)
    if (ourDeadRun) return null
    const startedAt = open.dateText ? (parseLogDate(open.dateText, config.timeZone)?.epochMs ?? null) : null
    return { source: 'log', job: open.job, startedAt }
  }

  function fromLock(owner: LockOwner): RunningBackup {
    const trigger = owner.triggerId !== null ? triggers.findById(owner.triggerId) : undefined
    return trigger ? { source: 'manual', trigger } : { source: 'starting', startedAt: owner.startedAt }
  }

  function busyMessage(running: RunningBackup, now: number): string {
    if (running.source === 'manual') {
      const t = running.trigger
      const who = t.requestedBy === 'web' ? `from the web${t.username ? ` by ${t.username}` : ''}` : `from the command line${t.username ? ` by ${t.username}` : ''}`
      return `Another backup is running (started ${ago(t.startedAt, now)} ${who}); wait for it to finish.`
    }
    if (running.source === 'starting') return 'Another backup is being started right now; wait for it to finish.'
    const when = running.startedAt !== null ? ` started ${ago(running.startedAt, now)}` : ''
    return `Another backup is running (${running.job}${when}, according to the log); wait for it to finish.`
  }

  function watch(child: ChildProcess, trigger: ManualTrigger, release: () => void): Promise<RunExit> {
    children.add(child)
    if (detached) child.unref()
    return new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        children.delete(child)
        const exit: RunExit = { exitCode: exitCodeOf(code, signal), signal }
        void (async () => {
          try {
            const logEnd = fs.statSync(config.backupLogPath, { throwIfNoEntry: false })?.size ?? null
            triggers.finish(trigger.id, { finishedAt: clock(), exitCode: exit.exitCode, logEnd })
          } catch (err) {
            deps.logger?.error({ err }, 'could not record the end of a manual backup')
          }
          release()
          deps.logger?.info({ trigger: trigger.id, exitCode: exit.exitCode }, 'manual backup ended')
          try {
            await deps.onFinished?.(triggers.findById(trigger.id) ?? trigger, exit)
          } catch (err) {
            deps.logger?.error({ err }, 'after a manual backup')
          }
          resolve(exit)
        })()
      })
    })
  }

  return {
    lockPath,

    /**
     * Starts the backup script now, or throws a RunnerError saying why not (script missing
     * or not executable, another backup running, cooldown not over).
     */
    async trigger(request: TriggerRequest): Promise<StartedRun> {
      const now = clock()
      checkScript(config.backupScriptPath)
      fs.mkdirSync(config.dataDir, { recursive: true })
      const attempt = tryAcquireLock(lockPath, now)
      if ('heldBy' in attempt) throw new RunnerError('busy', busyMessage(fromLock(attempt.heldBy), now))
      const lock = attempt.held
      try {
        const open = openInLog(now)
        if (open) throw new RunnerError('busy', busyMessage(open, now))
        const last = triggers.latest()
        const remaining = cooldownRemainingSeconds(last?.startedAt, config.backupCooldownSeconds, now)
        if (last && remaining > 0) throw new RunnerError('cooldown', cooldownMessage(last.startedAt, remaining, now), remaining)
        const spawned = await spawnScript(config.backupScriptPath, config.backupLogPath)
        const id = triggers.insert({
          requestedBy: request.by,
          username: request.user ?? null,
          startedAt: now,
          pid: spawned.pid,
          logPath: config.backupLogPath,
          logOffset: spawned.logOffset,
        })
        lock.update({ pid: spawned.pid, triggerId: id })
        const trigger = triggers.findById(id)!
        deps.logger?.info({ trigger: id, pid: spawned.pid, by: request.by, user: request.user }, 'manual backup started')
        return { trigger, exited: watch(spawned.child, trigger, () => lock.release()) }
      } catch (err) {
        lock.release()
        throw err
      }
    },

    /** What runs now (found again after a restart from the lock file and the log) and the last manual run. */
    status(): RunnerStatus {
      const now = clock()
      const owner = readLock(lockPath, now)
      const last = triggers.latest() ?? null
      return {
        running: owner ? fromLock(owner) : openInLog(now),
        last,
        cooldownRemainingSeconds: last ? cooldownRemainingSeconds(last.startedAt, config.backupCooldownSeconds, now) : 0,
      }
    },

    /** The output a manual run appended to the log (the last `maxBytes` of it). */
    output(trigger: ManualTrigger, maxBytes?: number): LogRange {
      return readLogRange(trigger.logPath, trigger.logOffset, trigger.logEnd, maxBytes)
    },

    /**
     * Stops keeping this process alive for scripts it started (they keep running; the lock
     * file and the log tell the next process about them). For a server shutting down.
     */
    detach(): void {
      detached = true
      for (const child of children) child.unref()
    },

    /**
     * Marks the runs the follower stored for recent manual triggers as manual; returns how
     * many triggers were matched. Cheap when there is nothing to match.
     */
    markManualRuns(): number {
      const now = clock()
      let matched = 0
      for (const trigger of triggers.unmatched(now - MATCH_LOOKBACK_MS)) {
        if (triggers.matchRun(trigger, MATCH_WINDOW_MS, now) !== null) matched++
      }
      return matched
    },
  }
}
