// Usage: node --import tsx bench/dashboard.ts [years, default 10]
// Imports a nightly history of that many years (generated, small file lists) into a fresh
// database, then times the pages people open every morning through the real app
// (app.request, no network): the dashboard for each range, the history, a search, a run.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pino from 'pino'
import { createApp } from '../src/app.js'
import { createSession } from '../src/auth/session.js'
import { loadConfig } from '../src/config.js'
import { openDatabase } from '../src/db/connection.js'
import { writeDemoHistory } from '../src/demo/history.js'
import { importLogs } from '../src/ingest/import-logs.js'
import { createServices } from '../src/services.js'

const ROUNDS = 30
const years = Number(process.argv[2] ?? 10)
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replexon-dashboard-bench-'))

try {
  let t = performance.now()
  const history = writeDemoHistory({ dir, days: Math.round(years * 365.25), timeZone: 'America/New_York', seed: 10 })
  const logBytes = fs.statSync(history.logPath).size
  process.stdout.write(`history: ${history.runs.length} nights, ${(logBytes / 1e6).toFixed(0)} MB log, written in ${((performance.now() - t) / 1000).toFixed(1)} s\n`)

  const config = loadConfig({
    NODE_ENV: 'production',
    SECRET_KEY: 'bench-secret-key-0123456789abcdef0123456789',
    DATA_DIR: dir,
    BACKUP_LOG_PATH: history.logPath,
    BACKUP_TRACKING_PATH: history.trackingPath,
    LOG_TIMEZONE: 'America/New_York',
    LOG_LEVEL: 'silent',
  })
  const handle = openDatabase(config.databasePath)
  t = performance.now()
  const summary = await importLogs({ handle, config })
  process.stdout.write(`import: ${summary.runsInserted} runs in ${((performance.now() - t) / 1000).toFixed(1)} s\n`)

  const logger = pino({ level: 'silent' })
  const services = createServices({ config, handle, logger })
  const app = createApp({ config, services, logger })
  const user = await services.users.createUser({ username: 'bench', role: 'admin', password: 'bench-password-123' })
  const { token } = await createSession(services.sessions, user.id, { now: Date.now() })
  const headers = { Cookie: `replexon_session=${token}` }
  const failed = handle.sqlite.prepare("SELECT id FROM backup_runs WHERE status = 'failed' LIMIT 1").pluck().get() as number

  const pages: [string, string][] = [
    ['dashboard, 30 days', '/dashboard?range=30'],
    ['dashboard, 1 year', '/dashboard?range=365'],
    ['dashboard, all 10 years', '/dashboard?range=all'],
    ['history, first page', '/logs'],
    ['history, page 100', '/logs?page=100'],
    ['history, failed only', '/logs?status=failed'],
    ['history, search "connection refused"', '/logs?q=connection%20refused'],
    ['run page (failed run)', `/logs/${failed}`],
  ]
  process.stdout.write(`\n| page | median | p95 | target |\n|---|---|---|---|\n`)
  for (const [label, url] of pages) {
    const times: number[] = []
    for (let i = 0; i < ROUNDS + 3; i++) {
      const start = performance.now()
      const res = await app.request(`http://localhost${url}`, { headers })
      await res.text()
      if (res.status !== 200) throw new Error(`${url}: ${res.status}`)
      if (i >= 3) times.push(performance.now() - start) // the first rounds warm up caches and the JIT
    }
    times.sort((a, b) => a - b)
    const median = times[Math.floor(times.length / 2)]!
    const p95 = times[Math.floor(times.length * 0.95)]!
    const target = label.startsWith('dashboard') ? ` < 50 ms: ${median < 50 ? 'ok' : 'MISSED'}` : ''
    process.stdout.write(`| ${label} | ${median.toFixed(1)} ms | ${p95.toFixed(1)} ms |${target} |\n`)
  }
  await handle.close()
} finally {
  fs.rmSync(dir, { recursive: true, force: true })
}
