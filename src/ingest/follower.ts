import fs from 'node:fs'
import path from 'node:path'
import type { Config } from '../config.js'
import type { DatabaseHandle } from '../db/connection.js'
import { importLogs, type ImportSummary } from './import-logs.js'

/** The part of a pino logger the follower uses. */
export type FollowerLogger = {
  debug(obj: object, msg: string): void
  warn(obj: object, msg: string): void
  error(obj: object, msg: string): void
}

export type LogFollowerOptions = {
  handle: DatabaseHandle
  config: Pick<Config, 'backupLogPath' | 'backupTrackingPath' | 'timeZone' | 'rsyncHumanBase' | 'logPollIntervalSeconds'>
  logger?: FollowerLogger
  /** Called after an import that inserted or updated runs (for live dashboard updates). */
  onChange?: (summary: ImportSummary) => void
  /** Clock for deciding whether an unfinished run is still running. */
  now?: () => Date
  /** How long a burst of file events is collected before one import (default 200 ms). */
  debounceMs?: number
}

export type LogFollower = {
  /** Catches up with the logs, then follows them. */
  start(): Promise<void>
  /** Imports now, after any import in flight; resolves when it is done. */
  refresh(): Promise<void>
  /** Closes watchers and timers and waits for an import in flight. */
  stop(): Promise<void>
}

const silent: FollowerLogger = { debug() {}, warn() {}, error() {} }

/**
 * Keeps backup_runs up to date with the logs for the server: file-system events (on the
 * files and their directories, so renames and re-creations are seen) trigger an import
 * within a second, and the poll interval is the safety net for file systems without
 * events. Imports never overlap: triggers during one coalesce into one more. Errors are
 * logged and the next trigger retries; nothing here throws into the server.
 */
export function createLogFollower(options: LogFollowerOptions): LogFollower {
  const { config, handle } = options
  const logger = options.logger ?? silent
  const debounceMs = options.debounceMs ?? 200
  const watched = [config.backupLogPath, config.backupTrackingPath]
  const names = new Set(watched.map((p) => path.basename(p)))
  const logName = path.basename(config.backupLogPath)

  let stopped = true
  let inFlight: Promise<void> | null = null
  let again = false
  let debounce: NodeJS.Timeout | undefined
  let poll: NodeJS.Timeout | undefined
  const dirWatchers: fs.FSWatcher[] = []
  const fileWatchers = new Map<string, { watcher: fs.FSWatcher; inode: number }>()

  async function importOnce(): Promise<void> {
    try {
      const summary = await importLogs({
        handle, config, now: options.now?.(),
        onWarning: (message) => logger.warn({ message }, 'log file skipped'),
      })
      logger.debug({ summary }, 'logs imported')
      if (summary.runsInserted + summary.runsUpdated > 0) options.onChange?.(summary)
    } catch (err) {
      logger.error({ err }, 'log import failed; retrying on the next change or poll')
    }
    rearmFileWatchers()
  }

  function refresh(): Promise<void> {
    if (inFlight) {
      again = true
      return inFlight
    }
    inFlight = (async () => {
      do {
        again = false
        await importOnce()
      } while (again && !stopped)
    })().finally(() => (inFlight = null))
    return inFlight
  }

  function schedule(): void {
    if (stopped) return
    clearTimeout(debounce)
    debounce = setTimeout(() => void refresh(), debounceMs)
  }

  function watch(target: string, onGone: () => void): fs.FSWatcher | null {
    try {
      const watcher = fs.watch(target, { persistent: false }, () => schedule())
      watcher.on('error', () => (watcher.close(), onGone()))
      return watcher
    } catch (err) {
      logger.debug({ target, err }, 'cannot watch; the poll still covers it')
      return null
    }
  }

  // A watch on a file follows its inode: after a rotation it must be set on the new file.
  function rearmFileWatchers(): void {
    if (stopped) return
    for (const file of watched) {
      const inode = statInode(file)
      const current = fileWatchers.get(file)
      if (current && current.inode === inode) continue
      current?.watcher.close()
      fileWatchers.delete(file)
      if (inode === null) continue
      const watcher = watch(file, () => fileWatchers.delete(file))
      if (watcher) fileWatchers.set(file, { watcher, inode })
    }
  }

  return {
    async start() {
      if (!stopped) return
      stopped = false
      for (const dir of new Set(watched.map((p) => path.dirname(p)))) {
        try {
          const watcher = fs.watch(dir, { persistent: false }, (_event, name) => {
            if (!name || names.has(name) || name.startsWith(`${logName}.`)) schedule()
          })
          watcher.on('error', (err) => logger.warn({ dir, err }, 'directory watch failed; the poll still covers it'))
          dirWatchers.push(watcher)
        } catch (err) {
          logger.warn({ dir, err }, 'cannot watch the log directory; polling only')
        }
      }
      rearmFileWatchers()
      poll = setInterval(() => void refresh(), config.logPollIntervalSeconds * 1000)
      poll.unref()
      await refresh()
    },
    refresh,
    async stop() {
      stopped = true
      clearTimeout(debounce)
      clearInterval(poll)
      for (const watcher of dirWatchers.splice(0)) watcher.close()
      for (const { watcher } of fileWatchers.values()) watcher.close()
      fileWatchers.clear()
      await inFlight
    },
  }
}

function statInode(file: string): number | null {
  try {
    return fs.statSync(file).ino
  } catch {
    return null
  }
}
