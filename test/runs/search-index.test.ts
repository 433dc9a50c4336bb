import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createRunReportsRepository } from '../../src/db/repositories/run-reports.js'
import { toFtsQuery } from '../../src/db/repositories/run-search.js'
import { messageLines } from '../../src/runs/search-index.js'
import { appWithSample } from '../support/imported.js'

describe('search over runs', () => {
  it('finds a run by its error message', async () => {
    const t = await appWithSample('basic')
    const { rows } = await createRunReportsRepository(t.handle.db).search({ q: 'connection refused' }, 1, 25)
    assert.deepEqual(
      rows.map((r) => [r.date, r.exitCode]),
      [['2026-08-28', 10]],
    )
  })

  it("finds runs by their own log output, not only the error", async () => {
    const t = await appWithSample('basic')
    const reports = createRunReportsRepository(t.handle.db)
    const snapshots = await reports.search({ q: 'Weekly snapshot created' }, 1, 25)
    assert.ok(snapshots.total >= 2)
    assert.ok(snapshots.rows.every((r) => r.kind === 'snapshot'), snapshots.rows.map((r) => r.kind).join())
    const nothingToClean = await reports.search({ q: 'Nothing to clean' }, 1, 25)
    assert.ok(nothingToClean.total >= 1)
    assert.ok(nothingToClean.rows.every((r) => r.kind === 'cleanup'))
  })

  it('treats search operators and quotes as text, never as a query error', async () => {
    const t = await appWithSample('basic')
    const reports = createRunReportsRepository(t.handle.db)
    for (const q of ['"', 'OR', 'NEAR(', '* AND -', 'rsync: "[sender]', "'; DROP TABLE backup_runs; --"]) {
      await assert.doesNotReject(reports.search({ q }, 1, 25), q)
    }
    assert.ok((await reports.summary(null)).runs > 0)
  })

  it('matches words as prefixes of the last word', () => {
    assert.equal(toFtsQuery('conn'), '"conn"*')
    assert.equal(toFtsQuery('auth  failed'), '"auth" "failed"*')
    assert.equal(toFtsQuery('say "hi"'), '"say" "hi"*')
    assert.equal(toFtsQuery('  * - '), null)
  })

  it('indexes the lines that say something, not the file list', () => {
    const text = [
      '=== Plex Backup Started: Tue Aug 25 03:00:01 AM CDT 2026 ===',
      'sending incremental file list',
      'Metadata/Movies/a/b.bundle/Contents/Info.xml',
      'Cache/PhotoTranscoder/ab/cd.jpg',
      'sent 1.20K bytes  received 35 bytes  2.47K bytes/sec',
      'total size is 21.17M  speedup is 1.00',
    ].join('\n')
    assert.equal(messageLines(text).split('\n').length, 4)
  })
})
