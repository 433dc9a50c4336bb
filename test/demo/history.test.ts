import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { writeDemoHistory } from '../../src/demo/history.js'
import { tempDir } from '../support/temp-dir.js'
import { MARKERS, isKnownLine } from './log-patterns.js'

const ZONE = 'America/Chicago'
const AFTERNOON = new Date('2026-11-27T20:00:00Z') // 14:00 CST on Friday 27 November
const BEFORE_THREE = new Date('2026-11-27T08:30:00Z') // 02:30 CST the same day

describe('demo history', () => {
  it('writes ten weeks of nightly runs ending with today\'s 03:00 run', () => {
    const dir = tempDir()
    const history = writeDemoHistory({ dir, timeZone: ZONE, endDate: AFTERNOON, seed: 1 })
    assert.equal(history.runs.length, 70)
    assert.equal(history.runs.at(-1)?.date, '2026-11-27')
    assert.equal(history.runs.at(-1)?.status, 'success')
    assert.equal(history.runs[0]?.date, '2026-09-19')
    assert.ok(fs.existsSync(history.logPath) && fs.existsSync(history.trackingPath))
    assert.equal(path.dirname(history.logPath), dir)
  })

  it('ends with yesterday\'s run before 03:00', () => {
    const history = writeDemoHistory({ dir: tempDir(), timeZone: ZONE, endDate: BEFORE_THREE, seed: 1, days: 14 })
    assert.equal(history.runs.at(-1)?.date, '2026-11-26')
  })

  it('shows a run still in progress when now is a minute past 03:00', () => {
    const now = new Date('2026-11-27T09:01:00Z') // 03:01 CST
    const history = writeDemoHistory({ dir: tempDir(), timeZone: ZONE, endDate: now, seed: 1, days: 14 })
    const newest = history.runs.at(-1)
    assert.equal(newest?.status, 'running')
    assert.equal(newest?.finishedAt, null)
    const tracking = fs.readFileSync(history.trackingPath, 'utf8')
    assert.ok(!tracking.includes('2026-11-27'))
  })

  it('includes failures of different codes, one interrupted run, Sunday snapshots and a monthly config backup', () => {
    const history = writeDemoHistory({ dir: tempDir(), timeZone: ZONE, endDate: AFTERNOON, seed: 9 })
    const codes = new Set(history.runs.filter((r) => r.status === 'failed').map((r) => r.exitCode))
    assert.ok(codes.size >= 3, `distinct failure codes: ${[...codes]}`)
    assert.equal(history.runs.filter((r) => r.status === 'interrupted').length, 1)
    assert.ok(history.runs.filter((r) => r.snapshot).length >= 8)
    assert.ok(history.runs.some((r) => r.configBackup))
    const log = fs.readFileSync(history.logPath, 'utf8')
    assert.ok(log.includes('Cleanup complete. Removed 1 old snapshot(s).'))
    assert.ok(log.includes('=== Script Config Backup Started: '))
    for (const line of log.split('\n').slice(0, -1)) assert.ok(isKnownLine(line), `unclassified: ${line}`)
  })

  it('writes one tracking line per finished run, matching its outcome', () => {
    const history = writeDemoHistory({ dir: tempDir(), timeZone: ZONE, endDate: AFTERNOON, seed: 4 })
    const tracking = fs.readFileSync(history.trackingPath, 'utf8').split('\n').filter(Boolean)
    const expected = history.runs
      .filter((r) => r.status === 'success' || r.status === 'failed')
      .map((r) => `${r.date}:${r.status}`)
    assert.deepEqual(tracking, expected)
    const log = fs.readFileSync(history.logPath, 'utf8').split('\n')
    assert.equal(log.filter((l) => MARKERS.started.test(l)).length, history.runs.length)
    assert.equal(log.filter((l) => MARKERS.failed.test(l)).length, history.runs.filter((r) => r.status === 'failed').length)
  })

  it('grows the backup slowly and keeps durations to a few minutes', () => {
    const history = writeDemoHistory({ dir: tempDir(), timeZone: ZONE, endDate: AFTERNOON, seed: 2 })
    const first = history.runs[0]?.totalSizeBytes ?? 0
    const last = history.runs.at(-1)?.totalSizeBytes ?? 0
    assert.ok(first > 5e9 && last < 40e9 && last > first, `${first} -> ${last}`)
    for (const run of history.runs.filter((r) => r.status === 'success')) {
      const minutes = (Date.parse(run.finishedAt ?? '') - Date.parse(run.startedAt)) / 60_000
      assert.ok(minutes > 1 && minutes < 10, `${run.date}: ${minutes} min`)
    }
  })

  it('writes identical files for the same seed and different ones for another', () => {
    const a = writeDemoHistory({ dir: tempDir(), timeZone: ZONE, endDate: AFTERNOON, seed: 7, days: 21 })
    const b = writeDemoHistory({ dir: tempDir(), timeZone: ZONE, endDate: AFTERNOON, seed: 7, days: 21 })
    const c = writeDemoHistory({ dir: tempDir(), timeZone: ZONE, endDate: AFTERNOON, seed: 8, days: 21 })
    const read = (p: string): string => fs.readFileSync(p, 'utf8')
    assert.equal(read(a.logPath), read(b.logPath))
    assert.equal(read(a.trackingPath), read(b.trackingPath))
    assert.notEqual(read(a.logPath), read(c.logPath))
  })
})
