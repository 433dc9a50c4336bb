import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import { ConfigError, loadConfig, parseDurationSeconds } from '../src/config.js'
import { tsNodeArgs } from './support/run-node.js'
import { tempDir } from './support/temp-dir.js'

const KEY = 'k'.repeat(32)

function problemWith(env: Record<string, string>): ConfigError {
  try {
    loadConfig({ SECRET_KEY: KEY, ...env })
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected a ConfigError, got ${String(err)}`)
    return err
  }
  assert.fail(`expected ${JSON.stringify(env)} to be refused`)
}

describe('configuration', () => {
  it('has working defaults for everything but the secret', () => {
    const c = loadConfig({ SECRET_KEY: KEY })
    assert.equal(c.host, '0.0.0.0')
    assert.equal(c.port, 9847)
    assert.equal(c.dataDir, path.resolve('data'))
    assert.equal(c.databasePath, path.resolve('data/replexon.db'))
    assert.equal(c.backupLogPath, '/var/log/plex-backup.log')
    assert.equal(c.backupTrackingPath, '/var/log/plex-backup-tracking.log', 'the tracking file sits beside the log')
    assert.equal(c.backupScriptPath, '/usr/local/bin/backup-plex.sh')
    assert.equal(c.cronEditEnabled, false)
    assert.equal(c.cronUser, 'root')
    assert.equal(c.logPollIntervalSeconds, 60)
    assert.equal(c.backupCooldownSeconds, 300)
    assert.equal(c.timeZone, Intl.DateTimeFormat().resolvedOptions().timeZone)
    assert.equal(c.cookieSecure, 'auto')
    assert.equal(c.trustedProxy, false)
    assert.equal(c.publicOrigin, undefined)
  })

  it('is frozen', () => {
    const c = loadConfig({ SECRET_KEY: KEY })
    assert.ok(Object.isFrozen(c))
    assert.throws(() => {
      ;(c as { port: number }).port = 1
    })
  })

  it('reads every variable', () => {
    const c = loadConfig({
      SECRET_KEY: KEY,
      APP_HOST: '127.0.0.1',
      APP_PORT: '8080',
      DATA_DIR: '/srv/replexon',
      BACKUP_LOG_PATH: '/logs/backup.log',
      BACKUP_TRACKING_PATH: '/logs/track.log',
      BACKUP_SCRIPT_PATH: '/opt/backup.sh',
      BACKUP_DESTINATION: 'nas::plex-backups',
      PLEX_DATA_PATH: '/plex',
      CRON_EDIT_ENABLED: 'true',
      CRON_USER: 'plex',
      LOG_POLL_INTERVAL: '5m',
      BACKUP_COOLDOWN: '0',
      LOG_TIMEZONE: 'Europe/Berlin',
      COOKIE_SECURE: 'true',
      TRUSTED_PROXY: 'yes',
      PUBLIC_ORIGIN: 'https://backups.example.net/',
      BACKUP_JOB_MATCH: 'plexsync, docker exec plex-backup',
      SMTP_HOST: 'mail.example.net',
      SMTP_PORT: '465',
      SMTP_SECURITY: 'tls',
      SMTP_USER: 'alerts',
      SMTP_PASSWORD: 'hunter2',
      SMTP_FROM: 'RePlexOn <alerts@example.net>',
      ALERT_EMAIL_TO: 'me@example.net, you@example.net',
      ALERT_GRACE: '90m',
      ALERT_HUNG_AFTER: '4h',
    })
    assert.equal(c.host, '127.0.0.1')
    assert.equal(c.port, 8080)
    assert.equal(c.databasePath, '/srv/replexon/replexon.db')
    assert.equal(c.backupTrackingPath, '/logs/track.log')
    assert.equal(c.backupDestination, 'nas::plex-backups')
    assert.equal(c.cronEditEnabled, true)
    assert.equal(c.cronUser, 'plex')
    assert.equal(c.logPollIntervalSeconds, 300)
    assert.equal(c.backupCooldownSeconds, 0)
    assert.equal(c.timeZone, 'Europe/Berlin')
    assert.equal(c.cookieSecure, true)
    assert.equal(c.trustedProxy, true)
    assert.equal(c.publicOrigin, 'https://backups.example.net')
    assert.deepEqual(c.backupJobMatch, ['plexsync', 'docker exec plex-backup'])
    assert.deepEqual(c.backupInfoFromEnv, { destination: true, plexDataPath: true })
    assert.deepEqual(
      { ...c.emailEnv, to: [...(c.emailEnv.to ?? [])] },
      {
        host: 'mail.example.net',
        port: 465,
        security: 'tls',
        user: 'alerts',
        password: 'hunter2',
        from: 'RePlexOn <alerts@example.net>',
        to: ['me@example.net', 'you@example.net'],
      },
    )
    assert.equal(c.alertGraceSeconds, 5400)
    assert.equal(c.alertHungAfterSeconds, 14400)
  })

  it('leaves email and alert limits to the settings page when the environment does not set them', () => {
    const c = loadConfig({ SECRET_KEY: KEY })
    assert.deepEqual(c.emailEnv, {})
    assert.equal(c.alertGraceSeconds, null)
    assert.equal(c.alertHungAfterSeconds, null)
    assert.deepEqual(c.backupInfoFromEnv, { destination: false, plexDataPath: false })
    const blank = loadConfig({ SECRET_KEY: KEY, PLEX_DATA_PATH: '' })
    assert.equal(blank.plexDataPath, '/var/lib/plexmediaserver/Library/Application Support/Plex Media Server', 'empty means the usual place')
    assert.equal(blank.backupInfoFromEnv.plexDataPath, false)
  })

  for (const [variable, value, message] of [
    ['APP_PORT', 'abc', /not a port number/],
    ['APP_PORT', '70000', /not a port number/],
    ['LOG_POLL_INTERVAL', '-5', /not a duration/],
    ['LOG_POLL_INTERVAL', '0', /at least 1 s/],
    ['BACKUP_COOLDOWN', 'soon', /not a duration/],
    ['LOG_TIMEZONE', 'Mars/Olympus_Mons', /not an IANA time zone/],
    ['CRON_EDIT_ENABLED', 'maybe', /true or false/],
    ['COOKIE_SECURE', 'sometimes', /auto, true or false/],
    ['PUBLIC_ORIGIN', 'backups.example.net', /not an http\(s\) origin/],
    ['CRON_USER', 'root; rm -rf /', /user name/],
    ['NODE_ENV', 'staging', /production/],
    ['RSYNC_HUMAN_BASE', '999', /1000 or 1024/],
    ['SMTP_PORT', 'abc', /not a port number/],
    ['SMTP_SECURITY', 'ssl', /none, starttls or tls/],
    ['SMTP_FROM', 'not-an-address', /not an email address/],
    ['ALERT_EMAIL_TO', 'me@example.net, nobody', /"nobody" is not an email address/],
    ['ALERT_GRACE', 'an hour', /not a duration/],
    ['ALERT_HUNG_AFTER', '30s', /at least 60 s/],
  ] as const) {
    it(`refuses ${variable}=${value}, naming the variable`, () => {
      const err = problemWith({ [variable]: value })
      assert.equal(err.variable, variable)
      assert.match(err.message, new RegExp(`^${variable}: `))
      assert.match(err.message, message)
    })
  }

  it('requires SECRET_KEY of at least 32 characters in production', () => {
    assert.equal(problemWith({ SECRET_KEY: '' }).variable, 'SECRET_KEY')
    assert.match(problemWith({ SECRET_KEY: 'short' }).message, /at least 32 characters/)
    assert.doesNotThrow(() => loadConfig({ NODE_ENV: 'development' }))
  })

  it('lets commands that sign nothing run without SECRET_KEY, but never with a short one', () => {
    assert.doesNotThrow(() => loadConfig({}, { requireSecret: false }))
    assert.throws(() => loadConfig({ SECRET_KEY: 'short' }, { requireSecret: false }), ConfigError)
  })

  it('reads durations in seconds, minutes, hours and days', () => {
    assert.equal(parseDurationSeconds('90'), 90)
    assert.equal(parseDurationSeconds('90s'), 90)
    assert.equal(parseDurationSeconds('5m'), 300)
    assert.equal(parseDurationSeconds('1h'), 3600)
    assert.equal(parseDurationSeconds('2d'), 172800)
    assert.equal(parseDurationSeconds('-1'), undefined)
    assert.equal(parseDurationSeconds('1.5h'), undefined)
  })
})

describe('start-up with a bad value', () => {
  for (const [variable, value] of [
    ['APP_PORT', 'abc'],
    ['LOG_POLL_INTERVAL', '-5'],
    ['LOG_TIMEZONE', 'Not/AZone'],
    ['SECRET_KEY', 'too-short'],
  ] as const) {
    it(`stops with one line naming ${variable} and exit code 2`, () => {
      const cwd = tempDir()
      const result = spawnSync(process.execPath, tsNodeArgs('src/main.ts'), {
        cwd,
        env: { PATH: process.env.PATH, NODE_ENV: 'production', SECRET_KEY: KEY, DATA_DIR: cwd, [variable]: value },
        encoding: 'utf8',
        timeout: 30_000,
      })
      assert.equal(result.status, 2, result.stderr)
      const lines = result.stderr.trim().split('\n')
      assert.equal(lines.length, 1, result.stderr)
      assert.match(lines[0]!, new RegExp(`^replexon: configuration error: ${variable}: `))
    })
  }

  it('reads .env from the working directory, with the environment winning', () => {
    const cwd = tempDir()
    fs.writeFileSync(path.join(cwd, '.env'), 'APP_PORT=not-a-port\nLOG_POLL_INTERVAL=-1\n')
    const result = spawnSync(process.execPath, tsNodeArgs('src/main.ts'), {
      cwd,
      env: { PATH: process.env.PATH, SECRET_KEY: KEY, DATA_DIR: cwd, APP_PORT: '9999' },
      encoding: 'utf8',
      timeout: 30_000,
    })
    assert.equal(result.status, 2)
    assert.match(result.stderr, /LOG_POLL_INTERVAL/, 'the .env value was read, and APP_PORT from the environment won')
  })
})


