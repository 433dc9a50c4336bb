import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { after, describe, it } from 'node:test'
import { fileURLToPath } from 'node:url'
import type { DatabaseHandle } from '../../src/db/connection.js'
import { importLogs } from '../../src/ingest/import-logs.js'
import { DAY_MS, FIRST_RUN, endText, history, runRows, runText, sandbox, startText, trackingLine } from './import-log-writer.js'

const SAMPLES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'samples')
const handles: DatabaseHandle[] = []
after(async () => {
  for (const h of handles) await h.close()
})

function setup() {
  const box = sandbox()
  const handle = box.open()
  handles.push(handle)
  const run = (now?: Date) => importLogs({ handle, config: box.config, now })
  const rows = (where = '1 = 1') =>
    handle.sqlite.prepare(`SELECT * FROM backup_runs WHERE ${where} ORDER BY id`).all() as Record<string, any>[]
  return { box, handle, run, rows }
}

describe('importLogs', () => {
  it('imports the sample logs: tracking lines and log runs become one run each', async () => {
    const { box, run, rows } = setup()
    fs.copyFileSync(path.join(SAMPLES, 'basic', 'plex-backup.log'), box.logPath)
    fs.copyFileSync(path.join(SAMPLES, 'basic', 'plex-backup-tracking.log'), box.trackingPath)
    box.config = { ...box.config, timeZone: 'America/Chicago' }

    const summary = await run()

    const backups = rows("kind = 'backup'")
    assert.equal(backups.length, 14)
    assert.equal(backups.filter((r) => r.origin === 'both').length, 13)
    const killed = backups.filter((r) => r.origin === 'log')
    assert.deepEqual(killed.map((r) => [r.date, r.status, r.tracking_line]), [['2026-09-02', 'interrupted', null]])
    assert.equal(rows("origin = 'tracking'").length, 0)
    const snapshots = rows("kind = 'snapshot'")
    assert.equal(snapshots.length, 2)
    for (const s of snapshots) assert.equal(rows(`id = ${s.parent_run_id}`)[0]?.kind, 'backup')
    assert.equal(summary.runsInserted, rows().length)
    assert.equal(summary.bytesScanned >= fs.statSync(box.logPath).size, true)
  })

  it('inserts nothing and reads almost nothing the second time', async () => {
    const { box, run, rows } = setup()
    const { log, tracking } = history(30)
    fs.writeFileSync(box.logPath, log)
    fs.writeFileSync(box.trackingPath, tracking)
    await run()
    const before = rows()

    const again = await run()

    assert.deepEqual({ ...again, durationMs: 0 }, { bytesScanned: 0, runsInserted: 0, runsUpdated: 0, linesSkipped: 0, durationMs: 0 })
    assert.deepEqual(rows(), before)
  })

  it('reads only the new bytes after a run is appended to a big log', async () => {
    const { box, run, rows } = setup()
    const { log, tracking } = history(200, { fileLines: 250 })
    fs.writeFileSync(box.logPath, log)
    fs.writeFileSync(box.trackingPath, tracking)
    await run()
    const next = FIRST_RUN + 200 * DAY_MS
    fs.appendFileSync(box.logPath, runText(next))
    fs.appendFileSync(box.trackingPath, trackingLine(next))

    const summary = await run()

    const size = fs.statSync(box.logPath).size
    assert.ok(size > 3_000_000, `the log is ${size} bytes`)
    assert.ok(summary.bytesScanned < size / 100, `read ${summary.bytesScanned} of ${size} bytes`)
    assert.equal(summary.runsInserted, 1)
    assert.equal(rows().length, 201)
    assert.equal(rows("origin = 'both'").length, 201)
  })

  it('updates a running run in place when it completes', async () => {
    const { box, run, rows } = setup()
    const start = FIRST_RUN
    fs.writeFileSync(box.logPath, runText(start - DAY_MS) + startText(start) + 'Preferences.xml\n')
    fs.writeFileSync(box.trackingPath, trackingLine(start - DAY_MS))
    await run(new Date(start + 60_000))
    const running = rows(`date = '2026-03-02'`)
    assert.deepEqual(running.map((r) => [r.status, r.origin]), [['running', 'log']])

    fs.appendFileSync(box.logPath, endText(start))
    fs.appendFileSync(box.trackingPath, trackingLine(start))
    const summary = await run(new Date(start + 120_000))

    const done = rows(`date = '2026-03-02'`)
    assert.deepEqual(done.map((r) => [r.id, r.status, r.origin]), [[running[0]!.id, 'success', 'both']])
    assert.equal(summary.runsInserted, 0)
    assert.ok(summary.runsUpdated >= 1)
    assert.equal(rows().length, 2)
  })

  it('keeps a run known only from the tracking file, with no invented start time', async () => {
    const { box, run, rows } = setup()
    fs.writeFileSync(box.logPath, runText(FIRST_RUN + DAY_MS))
    fs.writeFileSync(box.trackingPath, trackingLine(FIRST_RUN, 'failed') + trackingLine(FIRST_RUN + DAY_MS))

    await run()
    await run()

    const only = rows("origin = 'tracking'")
    assert.deepEqual(
      only.map((r) => [r.date, r.status, r.started_at, r.finished_at, r.source_file, r.tracking_line]),
      [['2026-03-02', 'failed', null, null, null, 1]],
    )
    assert.equal(rows("origin = 'both'").length, 1)
  })

  it('keeps a run known only from the log as interrupted', async () => {
    const { box, run, rows } = setup()
    fs.writeFileSync(box.logPath, startText(FIRST_RUN) + 'Preferences.xml\n' + runText(FIRST_RUN + DAY_MS))
    fs.writeFileSync(box.trackingPath, trackingLine(FIRST_RUN + DAY_MS))

    await run()

    assert.deepEqual(
      rows().map((r) => [r.date, r.status, r.origin]),
      [['2026-03-02', 'interrupted', 'log'], ['2026-03-03', 'success', 'both']],
    )
  })

  it('reads the tracking file alone when there is no log', async () => {
    const { box, run, rows } = setup()
    fs.writeFileSync(box.trackingPath, 'junk\n' + history(3).tracking)

    const summary = await run()

    assert.equal(summary.runsInserted, 3)
    assert.equal(summary.linesSkipped, 1)
    assert.equal(rows("origin = 'tracking'").length, 3)
  })

  it('stores each run once across rotation by create, compression and copytruncate', async () => {
    const { box, handle, run, rows } = setup()
    const { log, tracking } = history(10)
    fs.writeFileSync(box.logPath, log)
    fs.writeFileSync(box.trackingPath, tracking)
    await run()

    // create: the file (with a run still being written) is renamed, a new one created.
    const day10 = FIRST_RUN + 10 * DAY_MS
    fs.appendFileSync(box.logPath, startText(day10))
    await run(new Date(day10 + 1000))
    fs.renameSync(box.logPath, `${box.logPath}.1`)
    fs.appendFileSync(`${box.logPath}.1`, endText(day10))
    fs.writeFileSync(box.logPath, runText(day10 + DAY_MS))
    fs.appendFileSync(box.trackingPath, trackingLine(day10) + trackingLine(day10 + DAY_MS))
    await run(new Date(day10 + DAY_MS + 120_000))
    assert.equal(rows().length, 12)
    assert.equal(rows(`source_file = '${box.logPath}.1'`).length, 11)

    // the next rotation compresses .1 into .2.gz
    const { gzipSync } = await import('node:zlib')
    fs.writeFileSync(`${box.logPath}.2.gz`, gzipSync(fs.readFileSync(`${box.logPath}.1`)))
    fs.rmSync(`${box.logPath}.1`)
    fs.renameSync(box.logPath, `${box.logPath}.1`)
    fs.writeFileSync(box.logPath, runText(day10 + 2 * DAY_MS))
    fs.appendFileSync(box.trackingPath, trackingLine(day10 + 2 * DAY_MS))
    const compressed = await run(new Date(day10 + 2 * DAY_MS + 120_000))
    assert.equal(compressed.runsInserted, 1)
    assert.ok(compressed.bytesScanned < 2000, `read ${compressed.bytesScanned} bytes`)
    assert.equal(rows(`source_file = '${box.logPath}.2.gz'`).length, 11)

    // copytruncate: older files shift, the live file is copied to .1 and emptied in place
    fs.appendFileSync(box.logPath, runText(day10 + 3 * DAY_MS))
    fs.renameSync(`${box.logPath}.2.gz`, `${box.logPath}.3.gz`)
    fs.writeFileSync(`${box.logPath}.2.gz`, gzipSync(fs.readFileSync(`${box.logPath}.1`)))
    fs.rmSync(`${box.logPath}.1`)
    fs.copyFileSync(box.logPath, `${box.logPath}.1`)
    fs.truncateSync(box.logPath, 0)
    fs.appendFileSync(box.logPath, runText(day10 + 4 * DAY_MS))
    fs.appendFileSync(box.trackingPath, trackingLine(day10 + 3 * DAY_MS) + trackingLine(day10 + 4 * DAY_MS))
    const truncated = await run(new Date(day10 + 4 * DAY_MS + 120_000))
    assert.equal(truncated.runsInserted, 2)

    assert.equal(rows().length, 15)
    assert.equal(rows("origin = 'both'").length, 15)
    assert.equal(rows(`source_file = '${box.logPath}.3.gz'`).length, 11)
    assert.equal(rows(`source_file = '${box.logPath}.1'`).length, 2)
    // A fresh import of the same files gives the same runs.
    const fresh = box.open('fresh.db')
    handles.push(fresh)
    await importLogs({ handle: fresh, config: box.config, now: new Date(day10 + 5 * DAY_MS) })
    assert.deepEqual(runRows(fresh), runRows(handle))
  })

  it('starts over when the log is deleted and created again, keeping the old runs', async () => {
    const { box, run, rows } = setup()
    fs.writeFileSync(box.logPath, history(3).log)
    await run()
    fs.rmSync(box.logPath)
    fs.writeFileSync(box.logPath, runText(FIRST_RUN + 3 * DAY_MS))

    const summary = await run()

    assert.equal(summary.runsInserted, 1)
    assert.equal(rows().length, 4)
  })
})
