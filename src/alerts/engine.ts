import os from 'node:os'
import { DateTime } from 'luxon'
import type { Config } from '../config.js'
import type { DatabaseHandle } from '../db/connection.js'
import { createAlertChannelsRepository } from '../db/repositories/alert-channels.js'
import { createAlertRunsRepository } from '../db/repositories/alert-runs.js'
import { createAlertsRepository } from '../db/repositories/alerts.js'
import type { SettingsRepository } from '../db/repositories/settings.js'
import type { BackupSchedules } from '../schedule/backup-schedules.js'
import { followingSince, readAlertSettings, schedulesFirstSeen } from './alert-settings.js'
import type { ChannelType } from './channel-type.js'
import { createAlertDispatcher, type DispatchSummary } from './dispatcher.js'
import { syncEnvEmailChannel } from './env-channel.js'
import { renderAlert } from './message.js'
import { createAlertOutbox } from './outbox.js'
import { decideAlerts } from './rules.js'
import type { AlertSchedule } from './rules-input.js'
import { createSecretBox } from './secret-box.js'

/** How far back the rules look: runs and alerts of the last 60 days. */
const LOOKBACK_DAYS = 60
/** Missed and hung runs need the clock, not only new log lines. */
export const CHECK_EVERY_MS = 30_000
/** Alerts are kept this long in the history, then pruned. */
const KEEP_ALERTS_MS = 400 * 86_400_000

export type AlertEngineLogger = { info(o: object, m: string): void; warn(o: object, m: string): void; error(o: object, m: string): void }

export type AlertEngine = ReturnType<typeof createAlertEngine>

/**
 * Decides and delivers alerts: on start-up, after every import and every 30 s. Each pass
 * asks the pure rules what should exist now, writes what is new to the outbox (each alert
 * once, under its natural key) and delivers what is due.
 */
export function createAlertEngine(deps: {
  config: Config
  handle: DatabaseHandle
  settings: SettingsRepository
  schedules: BackupSchedules
  types: ReadonlyMap<string, ChannelType>
  logger: AlertEngineLogger
  now?: () => number
}) {
  const { config, handle, settings, schedules, types, logger } = deps
  const clock = deps.now ?? Date.now
  const box = createSecretBox(config.secretKey)
  const channels = createAlertChannelsRepository(handle.db)
  const alerts = createAlertsRepository(handle.db)
  const runs = createAlertRunsRepository(handle.db)
  const outbox = createAlertOutbox({ db: handle.db })
  const hostname = os.hostname()
  const renderOptions = { publicOrigin: config.publicOrigin, timeZone: config.timeZone, hostname }
  const dispatcher = createAlertDispatcher({
    db: handle.db,
    types,
    render: (alert) => renderAlert(alert, renderOptions),
    openSecret: box.open,
    logger,
  })
  let since: number | null = null
  let running: Promise<DispatchSummary | null> | null = null
  let again = false
  let timer: NodeJS.Timeout | undefined
  let stopped = false

  async function backupSchedules(now: number): Promise<AlertSchedule[]> {
    let jobs
    try {
      jobs = (await schedules.jobs(now)).jobs
    } catch (err) {
      logger.warn({ err }, 'cannot read the crontabs; missed-run checks wait for them')
      return []
    }
    const clocked = jobs.filter((j) => j.described.ok && !j.described.reboot)
    const keyOf = (j: (typeof clocked)[number]) => `${j.label}\u0000${j.schedule}`
    const seen = await schedulesFirstSeen(settings, [...new Set(clocked.map(keyOf))], now)
    return clocked.map((j) => ({ label: j.label, expression: j.schedule, firstSeenAt: seen.get(keyOf(j)) ?? now }))
  }

  async function pass(): Promise<DispatchSummary> {
    const now = clock()
    since ??= await followingSince(settings, now)
    const from = DateTime.fromMillis(now, { zone: config.timeZone }).minus({ days: LOOKBACK_DAYS }).toISODate()!
    const [ruleSettings, recentRuns, emitted, scheduleList] = await Promise.all([
      readAlertSettings(config, settings),
      runs.since(from),
      alerts.emittedSince(now - LOOKBACK_DAYS * 86_400_000),
      backupSchedules(now),
    ])
    const decisions = decideAlerts({
      now,
      zone: config.timeZone,
      followingSince: since,
      runs: recentRuns,
      schedules: scheduleList,
      emitted,
      settings: ruleSettings,
    })
    const added = await outbox.enqueue(decisions, now)
    for (const alert of added) logger.info({ alert: alert.key, event: alert.event }, 'alert decided')
    return dispatcher.deliverDue(now)
  }

  /** One pass at a time; a request during a pass runs one more pass after it. */
  function check(): Promise<DispatchSummary | null> {
    if (running) {
      again = true
      return running
    }
    running = (async () => {
      let summary: DispatchSummary | null = null
      do {
        again = false
        try {
          summary = await pass()
        } catch (err) {
          logger.error({ err }, 'alert check failed; the next one retries')
        }
      } while (again)
      running = null
      return summary
    })()
    return running
  }

  return {
    dispatcher,
    types,
    check,

    /** Records when following began, brings the SMTP_* channel in step, then checks every 30 s. */
    async start(): Promise<void> {
      since = await followingSince(settings, clock())
      const emailType = types.get('email')
      if (emailType) {
        const { problem } = await syncEnvEmailChannel({ channels, emailType, env: config.emailEnv, box, now: clock() })
        if (problem) logger.warn({ problem }, problem)
      }
      if (stopped) return
      timer = setInterval(() => void check(), CHECK_EVERY_MS)
      timer.unref()
    },

    async stop(): Promise<void> {
      stopped = true
      if (timer) clearInterval(timer)
      await running
    },

    /** Housekeeping: forgets alerts older than about a year (their runs are long out of the rules' view). */
    prune(now: number): Promise<number> {
      return alerts.prune(now - KEEP_ALERTS_MS)
    },
  }
}
