import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import { findOpenSection, readLogRange, readLogTail } from '../../src/runner/log-tail.js'
import { tempDir } from '../support/temp-dir.js'

const START = '=== Plex Backup Started: Mon Feb 23 03:00:01 AM EST 2026 ==='
const DONE = '=== Plex Backup Completed Successfully: Mon Feb 23 03:13:23 AM EST 2026 ==='

describe('finding a run still open in the log', () => {
  it('finds a Started without its end marker, with its offset and date', () => {
    const text = `${START}\n${DONE}\nsome noise\n${START}\nsending incremental file list\n`
    const open = findOpenSection(text, 1000)
    assert.deepEqual(open, { offset: 1000 + START.length + 1 + DONE.length + 1 + 'some noise\n'.length, job: 'Plex Backup', dateText: 'Mon Feb 23 03:00:01 AM EST 2026' })
  })

  it('finds nothing open when the last run ended', () => {
    assert.equal(findOpenSection(`${START}\nsent 1 bytes\n${DONE}\n`), null)
    assert.equal(findOpenSection(''), null)
  })

  it('sees a weekly snapshot or a clean-up still going after a successful backup', () => {
    assert.equal(findOpenSection(`${START}\n${DONE}\nSunday detected - creating weekly snapshot\n`)?.job, 'weekly snapshot')
    const cleanup = `${START}\n${DONE}\n=== Plex Snapshot Cleanup - Sun Mar  1 04:00:00 AM EST 2026 ====\n`
    assert.equal(findOpenSection(cleanup)?.job, 'Plex Snapshot Cleanup')
    assert.equal(findOpenSection(`${cleanup}Cleanup complete.\n`), null)
  })

  it('counts multi-byte characters when giving offsets', () => {
    const open = findOpenSection(`Überspringe Datei\n${START}\n`)
    assert.equal(open?.offset, Buffer.byteLength('Überspringe Datei\n'))
  })
})

describe('reading the log', () => {
  it('reads the tail from a line start and a run\'s own range', () => {
    const file = path.join(tempDir(), 'plex-backup.log')
    const lines = Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n') + '\n'
    fs.writeFileSync(file, lines)
    const tail = readLogTail(file, 30)!
    assert.match(tail.text, /^line \d+\n/)
    assert.equal(tail.baseOffset + Buffer.byteLength(tail.text), tail.size)
    const range = readLogRange(file, 7, null, 20)
    assert.ok(range.omittedBytes > 0)
    assert.match(range.text, /^line \d+\nline 99\n$/)
    assert.deepEqual(readLogRange(file, 10_000, null), { text: '', omittedBytes: 0, end: 10_000 }, 'a truncated log gives nothing')
    assert.equal(readLogTail(path.join(tempDir(), 'missing.log')), null)
  })
})
