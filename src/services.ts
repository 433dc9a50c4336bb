import type { Logger } from 'pino'
import type { Config } from './config.js'
import type { DatabaseHandle } from './db/connection.js'
import { createSessionsRepository, type SessionsRepository } from './db/repositories/sessions.js'
import { createSettingsRepository, type SettingsRepository } from './db/repositories/settings.js'
import { createLoginAttemptsRepository } from './db/repositories/login-attempts.js'
import { createUsersService, type UsersService } from './auth/users-service.js'
import { pruneExpiredSessions } from './auth/session.js'
import { pruneLoginAttempts } from './auth/rate-limit.js'
import { createLogFollower, type LogFollower } from './ingest/follower.js'
import { createRunEvents, type RunEvents } from './ingest/run-events.js'
import { createBackupRunner, type BackupRunner } from './runner/backup-runner.js'
import { createBackupSchedules, type BackupSchedules } from './schedule/backup-schedules.js'
import { loadChannelTypes } from './alerts/channel-registry.js'
import { followingSince } from './alerts/alert-settings.js'
import { createAlertEngine, type AlertEngine } from './alerts/engine.js'

const HOUR = 60 * 60 * 1000

export type Services = {
  config: Config
  handle: DatabaseHandle
  users: UsersService
  sessions: SessionsRepository
  settings: SettingsRepository
  /** Told when the follower stores new or changed runs (for live pages). */
  runEvents: RunEvents
  /** Manual backups ("Run now"; the CLI's --broadcast uses the same runner). */
  runner: BackupRunner
  /** The backup jobs cron runs (read from the crontabs, cached for a minute). */
  schedules: BackupSchedules
  /** Alerts: decided and delivered in the background once started; the settings pages use it too. */
  alerts(): Promise<AlertEngine>
  /**
   * Starts background work (housekeeping, log following). The first catch-up with a large
   * log can take a while, so it runs in the background unless `waitForCatchUp` is set.
   */
  start(options?: { waitForCatchUp?: boolean }): Promise<void>
  /** Stops background work and waits for what is in flight. */
  stop(): Promise<void>
}

/** Wires repositories and services once per process; the web app and the CLI share them. */
export function createServices(deps: { config: Config; handle: DatabaseHandle; logger: Logger }): Services {
  const { config, handle, logger } = deps
  const sessions = createSessionsRepository(handle.db)
  const attempts = createLoginAttemptsRepository(handle.db)
  let housekeeping: NodeJS.Timeout | undefined
  const runEvents = createRunEvents()
  let follower: LogFollower | undefined
  const settings = createSettingsRepository(handle.db)
  const schedules = createBackupSchedules(config)
  let engine: Promise<AlertEngine> | undefined
  const alerts = (): Promise<AlertEngine> =>
    (engine ??= loadChannelTypes().then((types) =>
      createAlertEngine({ config, handle, settings, schedules, types, logger: logger.child({ part: 'alerts' }) }),
    ))
  // After anything that may have changed the runs: decide and deliver alerts.
  const checkAlerts = () => {
    if (engine) void engine.then((e) => e.check())
  }
  // Marks the runs of manual triggers as manual before pages hear about them.
  const markManual = () => {
    try {
      return runner.markManualRuns()
    } catch (err) {
      logger.warn({ err }, 'could not mark manual runs; retried on the next import')
      return 0
    }
  }
  const runner = createBackupRunner({
    config,
    handle,
    logger: logger.child({ part: 'runner' }),
    // The script has ended: store its run now rather than at the next poll.
    onFinished: async () => {
      await follower?.refresh()
      const marked = markManual()
      checkAlerts()
      if (marked > 0) runEvents.emit({ bytesScanned: 0, runsInserted: 0, runsUpdated: marked, linesSkipped: 0, durationMs: 0 })
    },
  })

  async function tidy(): Promise<void> {
    const now = Date.now()
    try {
      await pruneExpiredSessions(sessions, now)
      await pruneLoginAttempts(attempts, now)
      if (engine) await (await engine).prune(now)
    } catch (err) {
      logger.warn({ err }, 'housekeeping failed; will retry in an hour')
    }
  }

  return {
    config,
    handle,
    users: createUsersService(handle.db),
    sessions,
    settings,
    runEvents,
    runner,
    schedules,
    alerts,
    async start(options = {}) {
      await tidy()
      housekeeping = setInterval(() => void tidy(), HOUR)
      housekeeping.unref()
      // Before the first catch-up, so the history it imports is known to be history; the
      // channels (and their libraries) load in the background.
      await followingSince(settings, Date.now())
      const alertsStarted = alerts().then((e) => e.start())
      alertsStarted.catch((err: unknown) => logger.error({ err }, 'alerts could not start; none will be sent until the next start'))
      follower = createLogFollower({
        handle,
        config,
        logger: logger.child({ part: 'follower' }),
        onChange: (summary) => {
          markManual()
          checkAlerts()
          runEvents.emit(summary)
        },
      })
      const catchUp = follower.start().then(checkAlerts)
      if (options.waitForCatchUp) await Promise.all([catchUp, alertsStarted])
      else catchUp.catch((err: unknown) => logger.error({ err }, 'catching up with the logs failed; the next poll retries'))
    },
    async stop() {
      if (housekeeping) clearInterval(housekeeping)
      runEvents.close()
      runner.detach()
      await follower?.stop()
      if (engine) await (await engine).stop()
    },
  }
}
