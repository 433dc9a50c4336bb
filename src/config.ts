import path from 'node:path'
import { z } from 'zod'
import { isValidTimeZone, systemTimeZone } from './time/zone.js'

/** A configuration value that cannot be used; `variable` names what to fix. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly problem: string,
  ) {
    super(`${variable}: ${problem}`)
    this.name = 'ConfigError'
  }
}

const booleanFlag = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => ['true', 'false', '1', '0', 'yes', 'no', 'on', 'off', ''].includes(v), {
    message: 'must be true or false',
  })
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v))

/** Whole seconds; accepts "90", "90s", "5m", "1h", "2d". */
export function parseDurationSeconds(text: string): number | undefined {
  const m = /^\s*(\d+)\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hours?|d|days?)?\s*$/i.exec(text)
  if (!m) return undefined
  const n = Number(m[1])
  const unit = (m[2] ?? 's').toLowerCase()[0]
  const factor = unit === 'm' ? 60 : unit === 'h' ? 3600 : unit === 'd' ? 86400 : 1
  return n * factor
}

const duration = (min: number) =>
  z
    .string()
    .transform((v, ctx) => {
      const s = parseDurationSeconds(v)
      if (s === undefined) {
        ctx.addIssue({ code: 'custom', message: `"${v}" is not a duration (use seconds, or e.g. 90s, 5m, 1h)` })
        return z.NEVER
      }
      if (s < min) {
        ctx.addIssue({ code: 'custom', message: `must be at least ${min} s` })
        return z.NEVER
      }
      return s
    })

/** Empty means "not set" (null); otherwise a duration of at least `min` seconds. */
const optionalDuration = (min: number) =>
  z.string().transform((v, ctx) => {
    if (v.trim() === '') return null
    const parsed = duration(min).safeParse(v)
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: parsed.error.issues[0]!.message })
      return z.NEVER
    }
    return parsed.data
  })

const EMAIL = /^[^\s@<>,;]+@[^\s@<>,;]+$/

/** Comma-separated email addresses; empty means not set. */
const emailList = z.string().transform((v, ctx) => {
  const list = v
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '')
  const bad = list.find((a) => !EMAIL.test(a))
  if (bad !== undefined) {
    ctx.addIssue({ code: 'custom', message: `"${bad}" is not an email address` })
    return z.NEVER
  }
  return list
})

const optionalEmail = z.string().transform((v, ctx) => {
  const t = v.trim()
  if (t !== '' && !EMAIL.test(t.replace(/^.*<(.*)>\s*$/, '$1'))) {
    ctx.addIssue({ code: 'custom', message: `"${v}" is not an email address` })
    return z.NEVER
  }
  return t
})

const port = z.string().transform((v, ctx) => {
  const n = Number(v)
  if (!/^\d+$/.test(v.trim()) || !Number.isInteger(n) || n < 0 || n > 65535) {
    ctx.addIssue({ code: 'custom', message: `"${v}" is not a port number (1-65535, or 0 for any free port)` })
    return z.NEVER
  }
  return n
})

const origin = z.string().transform((v, ctx) => {
  if (v.trim() === '') return undefined
  try {
    const u = new URL(v)
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol')
    return u.origin
  } catch {
    ctx.addIssue({ code: 'custom', message: `"${v}" is not an http(s) origin such as https://backup.example.net` })
    return z.NEVER
  }
})

const timeZone = z.string().transform((v, ctx) => {
  const zone = v.trim() === '' ? systemTimeZone() : v.trim()
  if (!isValidTimeZone(zone)) {
    ctx.addIssue({ code: 'custom', message: `"${v}" is not an IANA time zone such as Europe/Berlin` })
    return z.NEVER
  }
  return zone
})

const schema = z.object({
  NODE_ENV: z.enum(['production', 'development', 'test']),
  SECRET_KEY: z.string(),
  APP_HOST: z.string().min(1, 'must not be empty'),
  APP_PORT: port,
  DATA_DIR: z.string().min(1, 'must not be empty'),
  BACKUP_LOG_PATH: z.string().min(1, 'must not be empty'),
  BACKUP_TRACKING_PATH: z.string(),
  BACKUP_SCRIPT_PATH: z.string().min(1, 'must not be empty'),
  BACKUP_DESTINATION: z.string(),
  PLEX_DATA_PATH: z.string(),
  CRON_EDIT_ENABLED: booleanFlag,
  BACKUP_JOB_MATCH: z.string().transform((v) =>
    v
      .split(',')
      .map((w) => w.trim())
      .filter((w) => w !== ''),
  ),
  CRON_USER: z.string().regex(/^[a-z_][a-z0-9_.-]*\$?$/i, 'must be a user name'),
  LOG_POLL_INTERVAL: duration(1),
  BACKUP_COOLDOWN: duration(0),
  LOG_TIMEZONE: timeZone,
  RSYNC_HUMAN_BASE: z.enum(['1000', '1024'], { message: 'must be 1000 or 1024' }).transform(Number),
  COOKIE_SECURE: z.string().transform((v, ctx) => {
    const t = v.trim().toLowerCase()
    if (t === '' || t === 'auto') return 'auto' as const
    const parsed = booleanFlag.safeParse(t)
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: 'must be auto, true or false' })
      return z.NEVER
    }
    return parsed.data
  }),
  TRUSTED_PROXY: booleanFlag,
  PUBLIC_ORIGIN: origin,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  SMTP_HOST: z.string().trim(),
  SMTP_PORT: z.string().transform((v, ctx) => {
    if (v.trim() === '') return null
    const n = Number(v)
    if (!/^\d+$/.test(v.trim()) || n < 1 || n > 65535) {
      ctx.addIssue({ code: 'custom', message: `"${v}" is not a port number (1-65535)` })
      return z.NEVER
    }
    return n
  }),
  SMTP_SECURITY: z.enum(['', 'none', 'starttls', 'tls'], { message: 'must be none, starttls or tls' }),
  SMTP_USER: z.string(),
  SMTP_PASSWORD: z.string(),
  SMTP_FROM: optionalEmail,
  ALERT_EMAIL_TO: emailList,
  ALERT_GRACE: optionalDuration(0),
  ALERT_HUNG_AFTER: optionalDuration(60),
})

const DEFAULTS: Record<string, string> = {
  NODE_ENV: 'production',
  SECRET_KEY: '',
  APP_HOST: '0.0.0.0',
  APP_PORT: '9847',
  DATA_DIR: './data',
  BACKUP_LOG_PATH: '/var/log/plex-backup.log',
  BACKUP_TRACKING_PATH: '',
  BACKUP_SCRIPT_PATH: '/usr/local/bin/backup-plex.sh',
  BACKUP_DESTINATION: '',
  PLEX_DATA_PATH: '/var/lib/plexmediaserver/Library/Application Support/Plex Media Server',
  CRON_EDIT_ENABLED: 'false',
  BACKUP_JOB_MATCH: '',
  CRON_USER: 'root',
  LOG_POLL_INTERVAL: '60',
  BACKUP_COOLDOWN: '300',
  LOG_TIMEZONE: '',
  RSYNC_HUMAN_BASE: '1000',
  COOKIE_SECURE: 'auto',
  TRUSTED_PROXY: 'false',
  PUBLIC_ORIGIN: '',
  LOG_LEVEL: 'info',
  SMTP_HOST: '',
  SMTP_PORT: '',
  SMTP_SECURITY: '',
  SMTP_USER: '',
  SMTP_PASSWORD: '',
  SMTP_FROM: '',
  ALERT_EMAIL_TO: '',
  ALERT_GRACE: '',
  ALERT_HUNG_AFTER: '',
}

/** Email settings given by SMTP_* / ALERT_EMAIL_TO; only the variables that are set appear. They win over the page. */
export type EmailEnv = Readonly<
  Partial<{
    host: string
    port: number
    security: 'none' | 'starttls' | 'tls'
    user: string
    password: string
    from: string
    to: readonly string[]
  }>
>

export type Config = Readonly<{
  env: 'production' | 'development' | 'test'
  secretKey: string
  host: string
  port: number
  dataDir: string
  databasePath: string
  backupLogPath: string
  backupTrackingPath: string
  backupScriptPath: string
  backupDestination: string
  plexDataPath: string
  cronEditEnabled: boolean
  /** Extra words that mark a cron job as the backup (BACKUP_JOB_MATCH, comma-separated). */
  backupJobMatch: readonly string[]
  cronUser: string
  logPollIntervalSeconds: number
  backupCooldownSeconds: number
  timeZone: string
  rsyncHumanBase: 1000 | 1024
  cookieSecure: 'auto' | boolean
  trustedProxy: boolean
  publicOrigin: string | undefined
  logLevel: string
  /** Which of the backup facts were set in the environment (they win over the settings page). */
  backupInfoFromEnv: Readonly<{ destination: boolean; plexDataPath: boolean }>
  emailEnv: EmailEnv
  /** ALERT_GRACE / ALERT_HUNG_AFTER in seconds; null when not set (the settings page decides). */
  alertGraceSeconds: number | null
  alertHungAfterSeconds: number | null
}>

/**
 * Builds the typed, frozen configuration from environment variables.
 * Throws ConfigError naming the first variable that cannot be used. SECRET_KEY is
 * required in production unless `requireSecret` is false (CLI commands that sign nothing).
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  options: { requireSecret?: boolean } = {},
): Config {
  const input: Record<string, string> = {}
  for (const key of Object.keys(DEFAULTS)) input[key] = env[key] ?? DEFAULTS[key]!
  const parsed = schema.safeParse(input)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new ConfigError(String(issue.path[0] ?? 'configuration'), issue.message)
  }
  const v = parsed.data
  const secretKey = v.SECRET_KEY
  // Commands that sign nothing (init-db, create-user, parse) may run without the key.
  const secretRequired = options.requireSecret !== false || secretKey !== ''
  if (v.NODE_ENV === 'production' && secretRequired && secretKey.length < 32) {
    throw new ConfigError(
      'SECRET_KEY',
      secretKey === ''
        ? 'is required in production (generate one with: openssl rand -hex 32)'
        : `must be at least 32 characters in production (it has ${secretKey.length})`,
    )
  }
  const dataDir = path.resolve(v.DATA_DIR)
  const backupLogPath = path.resolve(v.BACKUP_LOG_PATH)
  return Object.freeze({
    env: v.NODE_ENV,
    // Development and test runs without a key get a fixed one; production never does (checked above).
    secretKey: secretKey || 'replexon-development-key-not-for-production-use',
    host: v.APP_HOST,
    port: v.APP_PORT,
    dataDir,
    databasePath: path.join(dataDir, 'replexon.db'),
    backupLogPath,
    backupTrackingPath: v.BACKUP_TRACKING_PATH
      ? path.resolve(v.BACKUP_TRACKING_PATH)
      : path.join(path.dirname(backupLogPath), 'plex-backup-tracking.log'),
    backupScriptPath: path.resolve(v.BACKUP_SCRIPT_PATH),
    backupDestination: v.BACKUP_DESTINATION,
    plexDataPath: v.PLEX_DATA_PATH.trim() || DEFAULTS.PLEX_DATA_PATH!,
    cronEditEnabled: v.CRON_EDIT_ENABLED,
    backupJobMatch: Object.freeze(v.BACKUP_JOB_MATCH),
    cronUser: v.CRON_USER,
    logPollIntervalSeconds: v.LOG_POLL_INTERVAL,
    backupCooldownSeconds: v.BACKUP_COOLDOWN,
    timeZone: v.LOG_TIMEZONE,
    rsyncHumanBase: v.RSYNC_HUMAN_BASE as 1000 | 1024,
    cookieSecure: v.COOKIE_SECURE,
    trustedProxy: v.TRUSTED_PROXY,
    publicOrigin: v.PUBLIC_ORIGIN,
    logLevel: v.LOG_LEVEL,
    backupInfoFromEnv: Object.freeze({
      destination: (env.BACKUP_DESTINATION ?? '').trim() !== '',
      plexDataPath: (env.PLEX_DATA_PATH ?? '').trim() !== '',
    }),
    emailEnv: Object.freeze({
      ...(v.SMTP_HOST !== '' && { host: v.SMTP_HOST }),
      ...(v.SMTP_PORT !== null && { port: v.SMTP_PORT }),
      ...(v.SMTP_SECURITY !== '' && { security: v.SMTP_SECURITY }),
      ...(v.SMTP_USER !== '' && { user: v.SMTP_USER }),
      ...(v.SMTP_PASSWORD !== '' && { password: v.SMTP_PASSWORD }),
      ...(v.SMTP_FROM !== '' && { from: v.SMTP_FROM }),
      ...(v.ALERT_EMAIL_TO.length > 0 && { to: Object.freeze(v.ALERT_EMAIL_TO) }),
    }),
    alertGraceSeconds: v.ALERT_GRACE,
    alertHungAfterSeconds: v.ALERT_HUNG_AFTER,
  })
}

/** Reads `.env` from the working directory when present; real environment variables win. */
export function loadEnvFile(file = '.env'): void {
  try {
    process.loadEnvFile(file)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
  }
}
