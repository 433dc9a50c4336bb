import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { parseTrackingFile } from '../../src/ingest/tracking.js'

describe('parseTrackingFile', () => {
  it('reads one entry per line, CRLF included, and keeps two runs on one date', () => {
    const { entries, skipped } = parseTrackingFile('2026-02-20:success\r\n2026-02-21:failed\n2026-02-21:success\n')
    assert.deepEqual(entries, [
      { date: '2026-02-20', status: 'success', line: 1 },
      { date: '2026-02-21', status: 'failed', line: 2 },
      { date: '2026-02-21', status: 'success', line: 3 },
    ])
    assert.deepEqual(skipped, [])
  })

  it('skips and reports blank, foreign, impossible and truncated lines', () => {
    const { entries, skipped } = parseTrackingFile('2026-02-20:success\n\nbackup ok 2026-02-21\n2026-02-30:success\n2026-02-22:success\n2026-02-2', 'track.log')
    assert.deepEqual(entries.map((e) => e.line), [1, 5])
    assert.deepEqual(skipped.map((s) => [s.line, s.offset, s.reason]), [
      [2, 19, 'blank line'],
      [3, 20, 'not a "YYYY-MM-DD:success|failed" line'],
      [4, 41, 'not a real calendar date'],
      [6, 79, 'not a "YYYY-MM-DD:success|failed" line'],
    ])
    assert.equal(skipped[0]?.file, 'track.log')
  })
})
