import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { listLogFiles, scanLog } from '../../src/ingest/scan-log.js'
import { tempDir } from '../support/temp-dir.js'
import { NOW, okRun, scanText } from './scan-helpers.js'

const brief = (runs: { status: string; date: string; sentBytes: number | null }[]) => runs.map((r) => [r.status, r.date, r.sentBytes])

describe('the scanner on damaged input', () => {
  it('survives invalid UTF-8, CRLF endings and NUL bytes', () => {
    const text = Buffer.concat([
      Buffer.from(okRun(2).replaceAll('\n', '\r\n')),
      Buffer.from([0xff, 0xfe, 0x80, 0x0a, 0, 0, 0, 0]),
      Buffer.from(okRun(3, '7')),
    ])
    assert.deepEqual(brief(scanText(text).runs), [['success', '2026-03-02', 1234], ['success', '2026-03-03', 7]])
  })

  it('survives a 1 MB line', () => {
    const text = `${okRun(2)}${'x'.repeat(1_000_000)} === not a marker\n${okRun(3)}`
    const result = scanText(text, { chunkSize: 64 << 10 })
    assert.deepEqual(brief(result.runs), [['success', '2026-03-02', 1234], ['success', '2026-03-03', 1234]])
  })

  it('skips a line longer than the longest it reads, and reports it', () => {
    const text = `${okRun(2)}${'y'.repeat(10_000)}\n${okRun(3)}`
    const result = scanText(text, { chunkSize: 512, maxLineBytes: 4096 })
    assert.equal(result.runs.length, 2)
    assert.deepEqual(result.skipped.map((s) => s.reason), ['line longer than 4096 bytes ignored'])
  })

  it('reads a truncated last line and resumes before it', () => {
    const text = `${okRun(2)}=== Plex Backup Started: Mon Mar  3 03:0`
    const result = scanText(text)
    assert.equal(result.runs.length, 2)
    assert.equal(result.runs[1]?.startedAt, null)
    assert.equal(result.resumeOffset, okRun(2).length)
  })

  it('gives the same runs whatever the chunk size (patterns straddling chunk edges)', () => {
    const text = `${okRun(1)}Sunday detected - creating weekly snapshot\n\nsent 5 bytes  received 6 bytes  1.00 bytes/sec\ntotal size is 7  speedup is 1.00\nWeekly snapshot created: s/\n=== Plex Snapshot Cleanup - Sun Mar  1 04:00:00 UTC 2026 ====\nCleanup complete.\n${okRun(2)}`
    const expected = JSON.stringify(scanText(text).runs)
    for (const chunkSize of [1, 3, 7, 16, 61, 256]) assert.equal(JSON.stringify(scanText(text, { chunkSize }).runs), expected, `chunk ${chunkSize}`)
    assert.equal(scanText(text).runs.length, 4)
  })

  it('looks for the summary only in the window before the end marker', () => {
    const run = `=== Plex Backup Started: Mon Mar  2 03:00:00 UTC 2026 ===\nsent 1 bytes  received 2 bytes  3.00 bytes/sec\n${'file\n'.repeat(100)}=== Plex Backup Completed Successfully: Mon Mar  2 03:00:01 UTC 2026 ===\n`
    assert.equal(scanText(run, { windowBytes: 100 }).runs[0]?.sentBytes, null)
    assert.equal(scanText(run, { windowBytes: 10_000 }).runs[0]?.sentBytes, 1)
  })
})

describe('scanLog on files', () => {
  const longFailure = (fileLines: number) =>
    `=== Plex Backup Started: Mon Mar  2 03:00:00 UTC 2026 ===\nrsync: [sender] change_dir "/srv/a" failed: No such file or directory (2)\n${'Cache/file\n'.repeat(fileLines)}rsync error: some files/attrs were not transferred (see previous errors) (code 23) at main.c(1394) [sender=3.5.0]\n=== Plex Backup FAILED with code 23: Mon Mar  2 03:00:01 UTC 2026 ===\n`

  it('finds the first error of a failed run longer than the look-back window', async () => {
    const file = path.join(tempDir(), 'plex-backup.log')
    fs.writeFileSync(file, longFailure(20_000))
    const scan = await scanLog(file, { timeZone: 'UTC', now: NOW, windowBytes: 1024, chunkSize: 4096 })
    assert.equal(scan.runs[0]?.error, 'rsync: [sender] change_dir "/srv/a" failed: No such file or directory (2)')
  })

  it('resumes from an offset and reports only the runs after it', async () => {
    const file = path.join(tempDir(), 'plex-backup.log')
    fs.writeFileSync(file, okRun(2) + okRun(3))
    const scan = await scanLog(file, { timeZone: 'UTC', now: NOW, fromOffset: okRun(2).length })
    assert.deepEqual(scan.runs.map((r) => [r.date, r.source?.start]), [['2026-03-03', okRun(2).length]])
    assert.equal(scan.bytesScanned, okRun(3).length)
    assert.equal(scan.resumeOffset, okRun(2).length + okRun(3).length)
  })

  it('numbers the skipped lines and reports progress', async () => {
    const file = path.join(tempDir(), 'plex-backup.log')
    fs.writeFileSync(file, `${okRun(2)}=== what is this ===\n`)
    const progress: number[] = []
    const scan = await scanLog(file, { timeZone: 'UTC', now: NOW, collectSkipped: true, onProgress: (read) => progress.push(read) })
    assert.deepEqual(scan.skipped.map((s) => s.line), [8])
    assert.equal(progress.at(-1), fs.statSync(file).size)
  })

  it('streams .gz files and lists rotated siblings oldest first', async () => {
    const dir = tempDir()
    const log = path.join(dir, 'plex-backup.log')
    fs.writeFileSync(`${log}.3.gz`, zlib.gzipSync(okRun(1)))
    fs.writeFileSync(`${log}.2.gz`, zlib.gzipSync(okRun(2)))
    fs.writeFileSync(`${log}.1`, okRun(3))
    fs.writeFileSync(log, okRun(4))
    fs.writeFileSync(path.join(dir, 'plex-backup.log.old'), 'not a sibling')
    fs.writeFileSync(path.join(dir, 'other.log.1'), 'not a sibling')
    const files = listLogFiles(log)
    assert.deepEqual(files.map((f) => path.basename(f)), ['plex-backup.log.3.gz', 'plex-backup.log.2.gz', 'plex-backup.log.1', 'plex-backup.log'])
    const gz = await scanLog(`${log}.2.gz`, { timeZone: 'UTC', now: NOW })
    assert.deepEqual(gz.runs.map((r) => [r.date, r.sentBytes, r.source?.end]), [['2026-03-02', 1234, okRun(2).length]])
    assert.deepEqual(listLogFiles(path.join(dir, 'missing.log')), [])
  })
})
