import path from 'node:path'
import pino from 'pino'
import { after } from 'node:test'
import { createApp } from '../../src/app.js'
import { loadConfig, type Config } from '../../src/config.js'
import { openDatabase } from '../../src/db/connection.js'
import { createServices, type Services } from '../../src/services.js'
import { tempDir } from './temp-dir.js'

export const TEST_SECRET = 'test-secret-key-0123456789abcdef-0123456789'

/** Configuration for a test: a temp data dir, production rules, quiet logs. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  const dir = tempDir()
  return loadConfig({
    NODE_ENV: 'production',
    SECRET_KEY: TEST_SECRET,
    DATA_DIR: path.join(dir, 'data'),
    BACKUP_LOG_PATH: path.join(dir, 'logs', 'plex-backup.log'),
    BACKUP_SCRIPT_PATH: path.join(dir, 'backup-plex.sh'),
    LOG_TIMEZONE: 'UTC',
    LOG_LEVEL: 'silent',
    ...overrides,
  })
}

/** The real app over a real SQLite file in a temp dir, closed after the test file. */
export function buildTestApp(overrides: Record<string, string> = {}) {
  const config = testConfig(overrides)
  const logger = pino({ level: 'silent' })
  const handle = openDatabase(config.databasePath)
  const services: Services = createServices({ config, handle, logger })
  const app = createApp({ config, services, logger })
  after(() => handle.close())
  return { app, config, services, handle }
}

export type TestApp = ReturnType<typeof buildTestApp>

const ORIGIN = 'http://localhost'

/** A browser-like client for app.request(): keeps cookies, sends same-origin headers. */
export function createClient(app: TestApp['app']) {
  const jar = new Map<string, string>()
  function remember(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const eq = pair!.indexOf('=')
      const name = pair!.slice(0, eq)
      const value = pair!.slice(eq + 1)
      if (value === '' || /max-age=0/i.test(line)) jar.delete(name)
      else jar.set(name, value)
    }
  }
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
  return {
    jar,
    async get(url: string, headers: Record<string, string> = {}) {
      const res = await app.request(`${ORIGIN}${url}`, { headers: { Cookie: cookieHeader(), ...headers } })
      remember(res)
      return res
    },
    /** Posts `form`; a list value is sent as repeated fields (checkboxes). */
    async post(url: string, form: Record<string, string | readonly string[]>, headers: Record<string, string> = {}) {
      const body = new URLSearchParams()
      for (const [name, value] of Object.entries(form)) for (const one of typeof value === 'string' ? [value] : value) body.append(name, one)
      const res = await app.request(`${ORIGIN}${url}`, {
        method: 'POST',
        body: body.toString(),
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Origin: ORIGIN,
          'Sec-Fetch-Site': 'same-origin',
          Cookie: cookieHeader(),
          ...headers,
        },
      })
      remember(res)
      return res
    },
  }
}

/** The CSRF token a page embeds for htmx and forms. */
export function csrfFrom(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html)
  if (!m) throw new Error('no CSRF token on the page')
  return m[1]!
}

export const TEST_PASSWORD = 'correct horse battery'

/** A new user `username` with `role`, and a client signed in as them through the real login form. */
export async function signedInAs(t: Pick<TestApp, 'app' | 'services'>, username: string, role: 'admin' | 'viewer', password = TEST_PASSWORD) {
  await t.services.users.createUser({ username, role, password })
  const client = createClient(t.app)
  const res = await client.post('/login', { username, password })
  if (res.status !== 303) throw new Error(`signing in as ${username} answered ${res.status}`)
  return client
}
