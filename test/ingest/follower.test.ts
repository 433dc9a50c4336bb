import assert from 'node:assert/strict'
import fs from 'node:fs'
import { gzipSync } from 'node:zlib'
import { after, before, describe, it } from 'node:test'
import type { DatabaseHandle } from '../../src/db/connection.js'
import { createLogFollower, type LogFollower } from '../../src/ingest/follower.js'
import type { ImportSummary } from '../../src/ingest/import-logs.js'
import { DAY_MS, FIRST_RUN, endText, history, runText, sandbox, startText, trackingLine } from './import-log-writer.js'

/** Waits (up to 5 s, in 50 ms steps) until `check` holds; fails with `what` otherwise. */
async function eventually(what: string, check: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000
  while (Date.now() < deadline) {
    if (check()) return
    await new Promise((r) => setTimeout(r, 50))
  }
  assert.fail(`timed out waiting until ${what}`)
}

describe('the log follower', () => {
  const box = sandbox()
  let handle: DatabaseHandle
  let follower: LogFollower
  let clock = FIRST_RUN + 30 * DAY_MS
  const changes: ImportSummary[] = []
  const count = (where = '1 = 1') =>
    (handle.sqlite.prepare(`SELECT count(*) AS n FROM backup_runs WHERE ${where}`).get() as { n: number }).n
  const day = (n: number) => FIRST_RUN + n * DAY_MS
  const appendRun = (n: number, file = box.logPath) => {
    fs.appendFileSync(file, runText(day(n)))
    fs.appendFileSync(box.trackingPath, trackingLine(day(n)))
  }

  before(async () => {
    const { log, tracking } = history(5)
    fs.writeFileSync(box.logPath, log)
    fs.writeFileSync(box.trackingPath, tracking)
    handle = box.open()
    follower = createLogFollower({ handle, config: box.config, now: () => new Date(clock), onChange: (s) => changes.push(s) })
    await follower.start()
  })
  after(async () => {
    await follower.stop()
    await handle.close()
  })

  it('catches up on start', () => {
    assert.equal(count(), 5)
    assert.equal(changes[0]?.runsInserted, 5)
  })

  it('stores an appended run within moments', async () => {
    appendRun(5)
    await eventually('the sixth run is stored', () => count("origin = 'both'") === 6)
  })

  it('updates a run in place as it goes from running to finished', async () => {
    clock = day(6) + 60_000
    fs.appendFileSync(box.logPath, startText(day(6)))
    await eventually('the run shows as running', () => count("status = 'running'") === 1)
    clock = day(6) + 120_000
    fs.appendFileSync(box.logPath, endText(day(6)))
    fs.appendFileSync(box.trackingPath, trackingLine(day(6)))
    await eventually('the run has finished', () => count("status <> 'running' AND origin = 'both'") === 7)
    assert.equal(count(`started_at = ${day(6)} AND status = 'success'`), 1)
    assert.equal(count(), 7)
  })

  it('follows a rotation by create', async () => {
    fs.renameSync(box.logPath, `${box.logPath}.1`)
    fs.writeFileSync(box.logPath, '')
    appendRun(7)
    await eventually('the run in the new file is stored', () => count() === 8)
    appendRun(8)
    await eventually('appends to the new file are followed', () => count("origin = 'both'") === 9)
  })

  it('follows the compression of the rotated file', async () => {
    fs.writeFileSync(`${box.logPath}.2.gz`, gzipSync(fs.readFileSync(`${box.logPath}.1`)))
    fs.rmSync(`${box.logPath}.1`)
    fs.renameSync(box.logPath, `${box.logPath}.1`)
    appendRun(9)
    await eventually('the run in the recreated file is stored', () => count() === 10)
  })

  it('follows a rotation by copytruncate', async () => {
    appendRun(10)
    await eventually('the run is stored', () => count() === 11)
    fs.renameSync(`${box.logPath}.2.gz`, `${box.logPath}.3.gz`)
    fs.writeFileSync(`${box.logPath}.2.gz`, gzipSync(fs.readFileSync(`${box.logPath}.1`)))
    fs.rmSync(`${box.logPath}.1`)
    fs.copyFileSync(box.logPath, `${box.logPath}.1`)
    fs.truncateSync(box.logPath, 0)
    appendRun(11)
    await eventually('the run after the truncation is stored', () => count() === 12)
  })

  it('follows a log that is deleted and created again', async () => {
    fs.rmSync(box.logPath)
    appendRun(12)
    await eventually('the run in the recreated log is stored', () => count() === 13)
  })

  it('has stored every run exactly once and reports each change', async () => {
    await follower.refresh()
    assert.equal(count(), 13)
    assert.equal(count("origin = 'both'"), 13)
    assert.equal(count("origin = 'tracking'"), 0)
    const inserted = changes.reduce((n, s) => n + s.runsInserted, 0)
    assert.ok(inserted >= 13)
  })
})
