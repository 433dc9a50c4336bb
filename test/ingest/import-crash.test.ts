import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import { openDatabase } from '../../src/db/connection.js'
import { importLogs } from '../../src/ingest/import-logs.js'
import { FIRST_RUN, history, runRows, sandbox, startText } from './import-log-writer.js'

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'import-crash-child.ts')
const RUNS = 20_000

describe('an import killed midway', () => {
  it('ends, once run again, with exactly the rows of one clean import', async () => {
    const box = sandbox()
    // Four runs a day, so days have several tracking lines; the last run is still open.
    const { log, tracking } = history(RUNS, { stepMs: 6 * 3600_000 })
    const openStart = FIRST_RUN + RUNS * 6 * 3600_000
    fs.writeFileSync(box.logPath, log + startText(openStart) + 'Preferences.xml\n')
    fs.writeFileSync(box.trackingPath, tracking)
    const now = openStart + 60_000
    const killedDb = path.join(box.dir, 'killed.db')
    openDatabase(killedDb).sqlite.close() // migrated before the child starts, so the test can poll it

    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, killedDb, box.logPath, box.trackingPath, String(now)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)))
    const watcher = openDatabase(killedDb)
    const stored = () => (watcher.sqlite.prepare('SELECT count(*) AS n FROM backup_runs').get() as { n: number }).n
    const deadline = Date.now() + 60_000
    let atKill = 0
    while (Date.now() < deadline) {
      atKill = stored()
      if (atKill > 0) break
      await new Promise((r) => setTimeout(r, 5))
    }
    child.kill('SIGKILL')
    assert.equal(await exited, 'SIGKILL')
    const afterKill = stored()
    assert.ok(atKill > 0 && afterKill < RUNS + 1, `killed with ${afterKill} of ${RUNS + 1} runs stored`)
    assert.doesNotMatch(output, /^done/m)

    const config = { ...box.config }
    await importLogs({ handle: watcher, config, now: new Date(now) })
    const clean = openDatabase(path.join(box.dir, 'clean.db'))
    await importLogs({ handle: clean, config, now: new Date(now) })

    const resumed = runRows(watcher)
    assert.equal(resumed.length, RUNS + 1)
    assert.deepEqual(resumed, runRows(clean))
    await watcher.close()
    await clean.close()
  })
})
