import assert from 'node:assert/strict'
import path from 'node:path'
import { createAlertEngine } from '../../src/alerts/engine.js'
import { splitConfig } from '../../src/alerts/channel-config.js'
import { loadChannelTypes } from '../../src/alerts/channel-registry.js'
import { createSecretBox } from '../../src/alerts/secret-box.js'
import { ALERT_EVENTS, type AlertEvent, type AlertRun } from '../../src/alerts/types.js'
import { openDatabase } from '../../src/db/connection.js'
import { createAlertChannelsRepository, type AlertChannel } from '../../src/db/repositories/alert-channels.js'
import { createAlertRunsRepository } from '../../src/db/repositories/alert-runs.js'
import { createAlertsRepository, type AlertHistoryEntry } from '../../src/db/repositories/alerts.js'
import { createSettingsRepository } from '../../src/db/repositories/settings.js'
import { importLogs } from '../../src/ingest/import-logs.js'
import { createBackupSchedules } from '../../src/schedule/backup-schedules.js'
import { createScratchUser, installCrontab, scratchCrontabSkipReason } from '../schedule/scratch-user.js'
import { tempDir } from '../support/temp-dir.js'
import { testConfig } from '../support/test-app.js'
import { createBackupLog, type DateStyle } from './engine-log.js'

export const PUBLIC_ORIGIN = 'https://backups.example.net'
export const MINUTE = 60_000
/** Tuesday 2026-03-10 01:00:00 UTC: where the tests start following, before the nightly 02:30 slot. */
export const T0 = Date.UTC(2026, 2, 10, 1, 0, 0)
/** A time of that day, "HH:MM" UTC. */
export const at = (hhmm: string) => Date.parse(`2026-03-10T${hhmm}:00Z`)

/** Tests that set a crontab need root (a throwaway user); the others run anywhere. */
export const crontabSkip = scratchCrontabSkipReason() ?? false

export type HarnessOptions = {
  /** The clock when the engine starts following (UTC ms). */
  start: number
  /** LOG_TIMEZONE; UTC unless a test is about a zone. */
  zone?: string
  style?: DateStyle
  /** The crontab of CRON_USER (a throwaway user); none when absent. */
  crontab?: string
  env?: Record<string, string>
}

/**
 * The alert engine as the server builds it, over a real SQLite file, a real backup log
 * in a temp dir and a throwaway user's real crontab, with a clock the test moves.
 * Nothing is started: the test imports history first if it wants, then calls start().
 */
export async function engineHarness(options: HarnessOptions) {
  const dir = tempDir()
  const zone = options.zone ?? 'UTC'
  // Without root there is no throwaway user: a user that does not exist leaves the engine without schedules.
  const scratch = crontabSkip === false ? createScratchUser() : null
  if (scratch && options.crontab !== undefined) installCrontab(scratch.user, options.crontab)
  const config = testConfig({
    DATA_DIR: path.join(dir, 'data'),
    BACKUP_LOG_PATH: path.join(dir, 'logs', 'plex-backup.log'),
    LOG_TIMEZONE: zone,
    PUBLIC_ORIGIN,
    CRON_USER: scratch?.user ?? 'replexon-nobody',
    ...options.env,
  })
  const handle = openDatabase(config.databasePath)
  const types = await loadChannelTypes()
  const box = createSecretBox(config.secretKey)
  const errors: unknown[] = []
  let now = options.start
  // The machine's own /etc/crontab and /etc/cron.d stay out of it: only the test's crontab counts.
  const systemPaths = { crontab: path.join(dir, 'no-crontab'), cronDir: path.join(dir, 'no-cron.d') }
  const engine = createAlertEngine({
    config,
    handle,
    settings: createSettingsRepository(handle.db),
    schedules: createBackupSchedules(config, { systemPaths }),
    types,
    logger: { info() {}, warn() {}, error: (o) => errors.push(o) },
    now: () => now,
  })
  const log = createBackupLog({ logPath: config.backupLogPath, trackingPath: config.backupTrackingPath, zone, style: options.style })
  const channels = createAlertChannelsRepository(handle.db)

  return {
    config,
    engine,
    log,
    /** What the engine logged as errors: a pass that threw. */
    errors,
    get now() {
      return now
    },
    /** Starts following and checks once, as the server does at start-up. */
    async startFollowing() {
      await engine.start()
      await engine.check()
    },

    /** Moves the clock (never back). */
    advanceTo(ms: number) {
      assert.ok(ms >= now, 'the clock only moves forward')
      now = ms
    },

    /** `import-logs` at the current clock, as the follower does after the log grows. */
    importLog() {
      return importLogs({ handle, config, now: new Date(now) })
    },

    /** A channel stored as the settings page stores it: the form strings parsed, the secrets sealed. */
    async addChannel(type: string, input: Record<string, string>, events: readonly AlertEvent[] = ALERT_EVENTS): Promise<AlertChannel> {
      const channelType = types.get(type)
      assert.ok(channelType, `channel type ${type}`)
      const parsed = channelType.parse(input)
      assert.ok(parsed.ok, `the ${type} form should parse: ${JSON.stringify(parsed)}`)
      const { config: clear, secret } = splitConfig(channelType, parsed.config, box)
      return channels.create({ type, name: `${type} ${input.to ?? input.url ?? input.topic ?? ''}`.trim(), enabled: true, events, config: clear, secret, managedBy: null }, now)
    },

    channel(id: number): Promise<AlertChannel | undefined> {
      return channels.findById(id)
    },

    /** The alert history, oldest first, with each alert's deliveries. */
    async history(): Promise<AlertHistoryEntry[]> {
      return (await createAlertsRepository(handle.db).history({ limit: 100, offset: 0 })).reverse()
    },

    /** The stored runs, oldest first. */
    runs(): Promise<AlertRun[]> {
      return createAlertRunsRepository(handle.db).since('1970-01-01')
    },

    async close() {
      await engine.stop()
      handle.close()
      scratch?.remove()
    },
  }
}

export type EngineHarness = Awaited<ReturnType<typeof engineHarness>>
