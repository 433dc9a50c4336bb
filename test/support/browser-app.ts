import type { Browser, Page } from 'playwright-core'
import { createUsersService } from '../../src/auth/users-service.js'
import { openDatabase } from '../../src/db/connection.js'
import type { Role } from '../../src/db/schema.js'
import { startServer, type RunningServer } from '../../src/server.js'
import { launchBrowser, signIn, watchForProblems } from './browser.js'
import { testConfig } from './test-app.js'

export const BROWSER_PASSWORD = 'correct horse battery'

export type BrowserApp = {
  server: RunningServer
  browser: Browser
  /** Signed in as the first user, watched for script errors, CSP refusals and failed requests. */
  page: Page
  problems: string[]
  close(): Promise<void>
}

/**
 * A real server on a free loopback port with `users` (password BROWSER_PASSWORD), Debian's
 * Chromium, and a page signed in as the first user.
 */
export async function startBrowserApp(options: {
  env?: Record<string, string>
  users: ReadonlyArray<{ username: string; role: Role }>
  waitForCatchUp?: boolean
  acceptDownloads?: boolean
}): Promise<BrowserApp> {
  const config = testConfig({ APP_HOST: '127.0.0.1', APP_PORT: '0', ...options.env })
  const handle = openDatabase(config.databasePath)
  const users = createUsersService(handle.db)
  for (const u of options.users) await users.createUser({ ...u, password: BROWSER_PASSWORD })
  await handle.close()
  const server = await startServer(config, { quiet: true, waitForCatchUp: options.waitForCatchUp })
  const browser = await launchBrowser()
  const page = await (await browser.newContext({ acceptDownloads: options.acceptDownloads })).newPage()
  const problems = watchForProblems(page)
  await signIn(page, server.url, options.users[0]!.username, BROWSER_PASSWORD)
  return {
    server,
    browser,
    page,
    problems,
    async close() {
      await browser.close()
      await server.close()
    },
  }
}
