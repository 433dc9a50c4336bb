import { serve, type ServerType } from '@hono/node-server'
import type { Config } from './config.js'
import { openDatabase } from './db/connection.js'
import { createLogger } from './logger.js'
import { createApp } from './app.js'
import { createServices, type Services } from './services.js'
import { VERSION } from './version.js'

export type RunningServer = {
  url: string
  /** The running services (tests reach the alert engine through them). */
  services: Services
  /** Stops accepting connections, finishes open requests, stops background work, closes the DB. */
  close(): Promise<void>
}

/** Opens the database, starts background work and listens; the CLI's `demo` uses it too. */
export async function startServer(config: Config, options: { quiet?: boolean; waitForCatchUp?: boolean } = {}): Promise<RunningServer> {
  const logger = createLogger(config.logLevel)
  const handle = openDatabase(config.databasePath)
  const services = createServices({ config, handle, logger })
  const app = createApp({ config, services, logger })
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, () => resolve(s))
    s.once('error', reject)
  })
  await services.start({ waitForCatchUp: options.waitForCatchUp })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host
  const url = `http://${shownHost}:${port}`
  if (!options.quiet) logger.info({ url, version: VERSION, database: config.databasePath }, 'RePlexOn is on the air')

  let closing: Promise<void> | undefined
  return {
    url,
    services,
    close() {
      closing ??= (async () => {
        logger.info('shutting down')
        const closed = new Promise<void>((resolve) => server.close(() => resolve()))
        // Idle keep-alive sockets would hold close() open; active requests still finish.
        if ('closeIdleConnections' in server) server.closeIdleConnections()
        // Stops the follower and ends open event streams, so close() can complete.
        await services.stop()
        await closed
        await handle.close()
        logger.info('stopped')
      })()
      return closing
    },
  }
}
