import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { createLogWriter, type LogStyle, type RunOutcome } from '../../src/demo/log-writer.js'
import { planNight } from '../../src/demo/run-plan.js'
import { DATE_SHAPES, MARKERS, SENT, TOTAL, isKnownLine } from './log-patterns.js'

const GB = 1_000_000_000
const US: LogStyle = { timeZone: 'America/Chicago', dateStyle: 'en_US', rsync: { flags: '-avh', decimalComma: false }, stats: false }

function night(outcome: RunOutcome, date = '2026-09-08', extra: Partial<Parameters<typeof planNight>[0]> = {}) {
  return planNight({
    date,
    timeZone: US.timeZone,
    seed: 42,
    outcome,
    totalSizeBytes: 18 * GB,
    fileListLines: 200,
    files: { regular: 20_000, directories: 6_000 },
    ...extra,
  })
}

const linesOf = (text: string): string[] => text.replace(/\n$/, '').split('\n')

describe('log writer', () => {
  it('uses pattern shapes that the real samples also match', () => {
    for (const sample of ['basic', 'stats']) {
      const lines = linesOf(fs.readFileSync(new URL(`../fixtures/samples/${sample}/plex-backup.log`, import.meta.url), 'utf8'))
      for (const line of lines) assert.ok(isKnownLine(line), `sample ${sample}: unclassified line ${JSON.stringify(line)}`)
      assert.ok(lines.some((l) => MARKERS.started.test(l)))
    }
  })

  it('writes a successful run as Started, file list, blank, summary, Completed', () => {
    const writer = createLogWriter(US)
    const lines = linesOf(writer.render(night({ kind: 'success' })))
    assert.match(lines[0] ?? '', MARKERS.started)
    const started = MARKERS.started.exec(lines[0] ?? '')?.[1] ?? ''
    assert.match(started, DATE_SHAPES.en_US)
    assert.match(started, /^Tue Sep {2}8 03:00:0[0-2] AM CDT 2026$/)
    assert.equal(lines[1], 'sending incremental file list')
    const list = lines.slice(2, -4)
    assert.ok(list.length >= 190 && list.length <= 210, `about 200 file-list lines, got ${list.length}`)
    assert.ok(list.includes('Plug-in Support/Databases/com.plexapp.plugins.library.db'))
    assert.equal(lines.at(-4), '')
    assert.match(lines.at(-3) ?? '', SENT)
    assert.match(lines.at(-2) ?? '', TOTAL)
    assert.match(lines.at(-1) ?? '', MARKERS.completed)
    for (const line of lines) assert.ok(isKnownLine(line), `unclassified: ${line}`)
  })

  it('writes the tracking line of the local start date, success or failed, and none when interrupted', () => {
    const writer = createLogWriter(US)
    assert.equal(writer.trackingLine(night({ kind: 'success' })), '2026-09-08:success\n')
    assert.equal(writer.trackingLine(night({ kind: 'failed', code: 23 })), '2026-09-08:failed\n')
    assert.equal(writer.trackingLine(night({ kind: 'interrupted' })), null)
  })

  it('ends each failure with rsync\'s own explanation and the FAILED marker carrying its code', () => {
    const writer = createLogWriter(US)
    const expected: Record<number, RegExp> = {
      5: /^@ERROR: (auth failed on module plex-backups|Unknown module 'plex-backups')$/,
      10: /^rsync: \[sender\] failed to connect to .+: (Connection refused \(111\)|No route to host \(113\))$/,
      23: /^rsync: \[sender\] (change_dir|send_files failed to open) /,
      24: /^file has vanished: "/,
      30: /^\[sender\] io timeout after \d+ seconds -- exiting$/,
    }
    for (const code of [5, 10, 23, 24, 30] as const) {
      const lines = linesOf(writer.render(night({ kind: 'failed', code })))
      assert.equal(MARKERS.failed.exec(lines.at(-1) ?? '')?.[1], String(code), `code ${code}`)
      assert.match(lines.at(-2) ?? '', new RegExp(`^rsync (error|warning): .*\\(code ${code}\\)`))
      assert.ok(lines.some((l) => expected[code]?.test(l)), `code ${code} explanation in:\n${lines.filter((l) => !l.includes('/')).join('\n')}`)
      for (const line of lines) assert.ok(isKnownLine(line), `unclassified: ${line}`)
    }
  })

  it('leaves an interrupted run without an end marker', () => {
    const text = createLogWriter(US).render(night({ kind: 'interrupted' }))
    const lines = linesOf(text)
    assert.match(lines[0] ?? '', MARKERS.started)
    assert.ok(!lines.some((l) => MARKERS.completed.test(l) || MARKERS.failed.test(l) || SENT.test(l)))
  })

  it('follows a Sunday success with the snapshot, then the clean-up block', () => {
    const spec = night({ kind: 'success' }, '2026-09-06', {
      snapshot: { fileListLines: 300 },
      cleanup: { found: 5, keep: 4, removed: ['2026-08-02'] },
    })
    const lines = linesOf(createLogWriter(US).render(spec))
    const at = (re: RegExp): number => lines.findIndex((l) => re.test(l))
    const order = [MARKERS.completed, MARKERS.sunday, MARKERS.snapshotCreated, MARKERS.cleanupStart, MARKERS.cleanupEnd].map(at)
    assert.ok(order.every((i, k) => i >= 0 && (k === 0 || i > (order[k - 1] ?? -1))), `markers in order: ${order}`)
    assert.ok(lines.includes('Weekly snapshot created: snapshots/2026-09-06/'))
    assert.ok(lines.includes('Cleanup complete. Removed 1 old snapshot(s).'))
    assert.equal(MARKERS.cleanupStart.exec(lines[order[3] ?? 0] ?? '')?.[1], 'Sun Sep  6 04:00:00 AM CDT 2026')
  })

  it('skips the snapshot after a failed Sunday run but still cleans up', () => {
    const spec = night({ kind: 'failed', code: 10 }, '2026-09-06', {
      snapshot: { fileListLines: 300 },
      cleanup: { found: 3, keep: 4, removed: [] },
    })
    const lines = linesOf(createLogWriter(US).render(spec))
    assert.ok(!lines.some((l) => MARKERS.sunday.test(l)))
    assert.ok(lines.includes('Only 3 snapshots found (keeping 4). Nothing to clean.'))
    assert.equal(lines.at(-1), 'Cleanup complete.')
  })

  it('writes the monthly config backup with its own Started and Completed markers', () => {
    const lines = linesOf(createLogWriter(US).render(night({ kind: 'success' }, '2026-09-01', { configBackup: true })))
    assert.ok(lines.includes('=== Script Config Backup Started: Tue Sep  1 05:00:00 AM CDT 2026 ==='))
    assert.match(lines.at(-1) ?? '', /^=== Script Config Backup Completed: Tue Sep {2}1 05:00:0[0-2] AM CDT 2026 ===$/)
  })

  it('prints the --stats block and German numbers when asked', () => {
    const style: LogStyle = { timeZone: 'Europe/Berlin', dateStyle: 'de_DE', rsync: { flags: '-av', decimalComma: true }, stats: true }
    const spec = planNight({
      date: '2026-10-23',
      timeZone: style.timeZone,
      seed: 3,
      outcome: { kind: 'success' },
      totalSizeBytes: 8_081_447_228,
      fileListLines: 50,
      files: { regular: 1301, directories: 316 },
    })
    const lines = linesOf(createLogWriter(style).render(spec))
    assert.match(lines[0] ?? '', /^=== Plex Backup Started: Fr 23\. Okt 03:00:0\d CEST 2026 ===$/)
    assert.ok(lines.includes('Number of files: 1.617 (reg: 1.301, dir: 316)'))
    assert.ok(lines.some((l) => /^Number of regular files transferred: \d+$/.test(l)))
    assert.match(lines.at(-2) ?? '', /^total size is 8\.081\.447\.228 {2}speedup is \d+,\d\d$/)
    assert.match(lines.at(-3) ?? '', /^sent [\d.]+ bytes {2}received [\d.]+ bytes {2}[\d.]+,\d\d bytes\/sec$/)
  })

  it('renders the same text for the same spec and seed', () => {
    const a = createLogWriter(US, { seed: 5 }).render(night({ kind: 'failed', code: 24 }))
    const b = createLogWriter(US, { seed: 5 }).render(night({ kind: 'failed', code: 24 }))
    assert.equal(a, b)
  })
})
