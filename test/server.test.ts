import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import path from 'node:path'
import { describe, it } from 'node:test'
import fs from 'node:fs'
import { createUsersService } from '../src/auth/users-service.js'
import { openDatabase } from '../src/db/connection.js'
import { eventually, writeFakeBackupScript } from './runner/fake-script.js'
import { REPO_ROOT, tsNodeArgs } from './support/run-node.js'
import { tempDir } from './support/temp-dir.js'
import { csrfFrom, TEST_SECRET } from './support/test-app.js'

/** Polls `url` until it answers, for at most `ms`. */
async function waitForHealth(url: string, ms: number): Promise<Response> {
  const deadline = Date.now() + ms
  let lastError: unknown
  while (Date.now() < deadline) {
    try {
      return await fetch(url)
    } catch (err) {
      lastError = err
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  throw new Error(`no answer from ${url} within ${ms} ms: ${String(lastError)}`)
}

/** What `npm start` gets in production: only these variables, on loopback. */
function serverEnv(dir: string, port: number, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    SECRET_KEY: TEST_SECRET,
    APP_HOST: '127.0.0.1',
    APP_PORT: String(port),
    DATA_DIR: path.join(dir, 'data'),
    BACKUP_LOG_PATH: path.join(dir, 'plex-backup.log'),
    LOG_TIMEZONE: 'UTC',
    ...extra,
  }
}

describe('the server process (npm start)', () => {
  it('prints the banner, answers /healthz, and shuts down cleanly on SIGTERM', async () => {
    const dir = tempDir()
    const port = 20000 + Math.floor(Math.random() * 20000)
    const child = spawn(process.execPath, tsNodeArgs('src/main.ts'), {
      cwd: REPO_ROOT,
      env: serverEnv(dir, port),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    try {
      const res = await waitForHealth(`http://127.0.0.1:${port}/healthz`, 20_000)
      assert.equal(res.status, 200)
      assert.deepEqual(await res.json(), { status: 'ok', database: 'ok' })
      assert.match(stdout, /Previously on your Plex server/)
      // It listens (and answers /healthz) a moment before start-up has finished.
      await eventually(() => stdout.includes('"msg":"RePlexOn is on the air"'), 10_000, 'pino to log the start as a JSON line')
    } finally {
      child.kill('SIGTERM')
    }
    const code = await exited
    assert.equal(code, 0, `exit code; stderr: ${stderr}`)
    assert.match(stdout, /"msg":"stopped"/)
  })

  it('leaves a manual backup running when it stops, and records it after the next start', async () => {
    const dir = tempDir()
    const port = 20000 + Math.floor(Math.random() * 20000)
    const origin = `http://127.0.0.1:${port}`
    const log = path.join(dir, 'plex-backup.log')
    fs.writeFileSync(log, '')
    const env = serverEnv(dir, port, {
      BACKUP_SCRIPT_PATH: writeFakeBackupScript(path.join(dir, 'backup-plex.sh'), { seconds: 3 }),
      LOG_POLL_INTERVAL: '1',
      LOG_LEVEL: 'warn',
    })
    const handle = openDatabase(path.join(dir, 'data', 'replexon.db'))
    await createUsersService(handle.db).createUser({ username: 'admin', role: 'admin', password: 'correct horse battery' })
    await handle.close()

    const start = () => {
      const child = spawn(process.execPath, tsNodeArgs('src/main.ts'), { cwd: REPO_ROOT, env, stdio: 'ignore' })
      return { child, exited: new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code))) }
    }
    const first = start()
    try {
      await waitForHealth(`${origin}/healthz`, 20_000)
      const login = await fetch(`${origin}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ username: 'admin', password: 'correct horse battery' }),
      })
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!
      const token = csrfFrom(await (await fetch(`${origin}/dashboard`, { headers: { Cookie: cookie } })).text())
      const press = await fetch(`${origin}/run-now`, {
        method: 'POST',
        redirect: 'manual',
        headers: { Origin: origin, Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: token }),
      })
      assert.equal(press.status, 303)
      await eventually(() => fs.readFileSync(log, 'utf8').includes('Plex Backup Started'), 10_000, 'the script to start')
    } finally {
      first.child.kill('SIGTERM')
    }
    assert.equal(await first.exited, 0)
    assert.doesNotMatch(fs.readFileSync(log, 'utf8'), /Completed Successfully/, 'the server stopped before the script ended')
    await eventually(() => fs.readFileSync(log, 'utf8').includes('Completed Successfully'), 15_000, 'the script to finish on its own')

    const second = start()
    try {
      await waitForHealth(`${origin}/healthz`, 20_000)
      await eventually(
        async () => {
          const db = openDatabase(path.join(dir, 'data', 'replexon.db'))
          try {
            const row = db.sqlite.prepare(`SELECT status, triggered_by AS by FROM backup_runs WHERE kind = 'backup'`).get() as { status: string; by: string } | undefined
            return row?.status === 'success' && row.by === 'manual'
          } finally {
            await db.close()
          }
        },
        15_000,
        'the run to be stored as a successful manual backup',
      )
    } finally {
      second.child.kill('SIGTERM')
    }
    assert.equal(await second.exited, 0)
  })
})
