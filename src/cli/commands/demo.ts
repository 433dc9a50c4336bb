import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Command } from 'commander'
import { loadConfig, ConfigError } from '../../config.js'
import { openDatabase } from '../../db/connection.js'
import { createUsersService } from '../../auth/users-service.js'
import { writeDemoHistory } from '../../demo/history.js'
import { systemTimeZone } from '../../time/zone.js'
import { BANNER } from '../banner.js'
import { CliError } from '../context.js'

const DEMO_USER = 'demo-admin'

/** The secret key of the demo, made once and kept so sessions survive a restart of the demo. */
function demoSecret(dir: string): string {
  const file = path.join(dir, 'secret-key')
  try {
    return fs.readFileSync(file, 'utf8').trim()
  } catch {
    const key = crypto.randomBytes(32).toString('hex')
    fs.writeFileSync(file, `${key}\n`, { mode: 0o600 })
    return key
  }
}

/**
 * `npm run demo`: a realistic history that ends today in data/demo/, imported into a
 * database of its own (never the production one), served with a fresh admin password.
 * It does not read .env, so a real installation's paths are never touched.
 */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('serve the dashboard over a generated backup history that ends today (data/demo/)')
    .option('--days <n>', 'nights of history', '70')
    .action(async (options: { days: string }) => {
      const days = Number(options.days)
      if (!Number.isInteger(days) || days < 1 || days > 3650) throw new CliError('--days must be a whole number from 1 to 3650')
      const dir = path.resolve(process.env.DATA_DIR ?? 'data', 'demo')
      const logsDir = path.join(dir, 'logs')
      fs.mkdirSync(logsDir, { recursive: true })
      // The history is written anew each time so that it ends today; so is its database.
      for (const f of ['replexon.db', 'replexon.db-wal', 'replexon.db-shm']) fs.rmSync(path.join(dir, f), { force: true })
      const timeZone = process.env.LOG_TIMEZONE || systemTimeZone()
      let config
      try {
        config = loadConfig({
          NODE_ENV: 'production',
          SECRET_KEY: demoSecret(dir),
          APP_HOST: process.env.APP_HOST ?? '0.0.0.0',
          APP_PORT: process.env.APP_PORT ?? '9847',
          DATA_DIR: dir,
          BACKUP_LOG_PATH: path.join(logsDir, 'plex-backup.log'),
          BACKUP_TRACKING_PATH: path.join(logsDir, 'plex-backup-tracking.log'),
          BACKUP_SCRIPT_PATH: path.join(dir, 'backup-plex.sh'),
          BACKUP_DESTINATION: 'backup-nas::plex-backups/latest',
          PLEX_DATA_PATH: '/var/lib/plexmediaserver/Library/Application Support/Plex Media Server',
          LOG_TIMEZONE: timeZone,
          LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
        })
      } catch (err) {
        if (err instanceof ConfigError) throw new CliError(`configuration error: ${err.message}`, 2)
        throw err
      }
      const history = writeDemoHistory({ dir: logsDir, days, timeZone })

      const password = crypto.randomBytes(12).toString('base64url')
      const handle = openDatabase(config.databasePath)
      try {
        await createUsersService(handle.db).createUser({ username: DEMO_USER, role: 'admin', password })
      } finally {
        await handle.close()
      }

      // Loaded here, not at the top: the web server is heavy and other commands never need it.
      const { startServer } = await import('../../server.js')
      const server = await startServer(config, { quiet: true, waitForCatchUp: true })
      process.stdout.write(
        `${BANNER}\n` +
          `  Demo history: ${history.runs.length} nights in ${logsDir}\n` +
          `  Dashboard:    ${server.url}\n` +
          `  Sign in as:   ${DEMO_USER}\n` +
          `  Password:     ${password}\n\n` +
          `  Press Ctrl-C to stop.\n`,
      )
      await new Promise<void>((resolve) => {
        const stop = () => void server.close().then(resolve)
        process.once('SIGINT', stop)
        process.once('SIGTERM', stop)
      })
    })
}
