// Usage: npm run build && node --import tsx bench/startup.ts
// Times `node dist/main.js` (what `npm start` runs) from spawn until GET /healthz answers,
// five times with a fresh data directory each time, and prints the median. Target: < 2 s.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const ROUNDS = 5

async function once(port: number): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replexon-startup-'))
  const started = performance.now()
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'main.js')], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      SECRET_KEY: 'startup-bench-secret-0123456789abcdef',
      APP_HOST: '127.0.0.1',
      APP_PORT: String(port),
      DATA_DIR: dir,
      BACKUP_LOG_PATH: path.join(dir, 'plex-backup.log'),
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  })
  try {
    for (let i = 0; i < 1000; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return performance.now() - started
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 10))
    }
    throw new Error('the server did not answer within 10 s')
  } finally {
    child.kill('SIGTERM')
    await new Promise((r) => child.once('exit', r))
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

if (!fs.existsSync(path.join(ROOT, 'dist', 'main.js'))) throw new Error('run `npm run build` first')
const times: number[] = []
for (let i = 0; i < ROUNDS; i++) times.push(await once(21000 + i))
times.sort((a, b) => a - b)
const median = times[Math.floor(ROUNDS / 2)]!
process.stdout.write(`start to healthy: median ${median.toFixed(0)} ms (min ${times[0]!.toFixed(0)}, max ${times.at(-1)!.toFixed(0)}); target < 2000 ms: ${median < 2000 ? 'ok' : 'MISSED'}\n`)
