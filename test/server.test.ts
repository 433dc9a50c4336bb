import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import path from 'node:path'
import { describe, it } from 'node:test'
import { REPO_ROOT, tsNodeArgs } from './support/run-node.js'
import { tempDir } from './support/temp-dir.js'
import { TEST_SECRET } from './support/test-app.js'

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

describe('the server process (npm start)', () => {
  it('prints the banner, answers /healthz, and shuts down cleanly on SIGTERM', async () => {
    const dir = tempDir()
    const port = 20000 + Math.floor(Math.random() * 20000)
    const child = spawn(process.execPath, tsNodeArgs('src/main.ts'), {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        SECRET_KEY: TEST_SECRET,
        APP_HOST: '127.0.0.1',
        APP_PORT: String(port),
        DATA_DIR: path.join(dir, 'data'),
        BACKUP_LOG_PATH: path.join(dir, 'plex-backup.log'),
        LOG_TIMEZONE: 'UTC',
      },
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
      assert.match(stdout, /"msg":"RePlexOn is on the air"/, 'logs with pino as JSON lines')
    } finally {
      child.kill('SIGTERM')
    }
    const code = await exited
    assert.equal(code, 0, `exit code; stderr: ${stderr}`)
    assert.match(stdout, /"msg":"stopped"/)
  })
})
