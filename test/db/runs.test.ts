import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, describe, it } from 'node:test'
import { openDatabase } from '../../src/db/connection.js'
import { createRunsRepository, type LogRunFields } from '../../src/db/repositories/runs.js'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replexon-runs-'))
const handle = openDatabase(path.join(dir, 'replexon.db'))
after(async () => {
  await handle.close()
  fs.rmSync(dir, { recursive: true, force: true })
})
const runs = createRunsRepository(handle.sqlite)

const fields = (over: Partial<LogRunFields> = {}): LogRunFields => ({
  run_key: 'log|backup|Plex Backup|1000', kind: 'backup', job_name: 'Plex Backup', status: 'running', date: '2026-03-02',
  started_at: 1000, finished_at: null, duration_seconds: null, exit_code: null, sent_bytes: null, received_bytes: null,
  total_size_bytes: null, files_transferred: null, error: null, source_file: '/var/log/plex-backup.log',
  source_start: 0, source_end: 120, parent_run_id: null, ...over,
})

describe('the runs repository', () => {
  it('inserts a run once and then updates it in place, only when something changed', () => {
    const first = runs.upsertLogRun(fields(), 1)
    assert.equal(first.change, 'inserted')
    assert.deepEqual(runs.upsertLogRun(fields(), 2), { id: first.id, change: 'unchanged' })
    assert.deepEqual(runs.upsertLogRun(fields({ status: 'success', finished_at: 5000, source_end: 400 }), 3), { id: first.id, change: 'updated' })
    assert.equal(runs.findByKey('log|backup|Plex Backup|1000')?.status, 'success')
    assert.equal(runs.count(), 1)
  })

  it('moves rows to the file a rotation renamed their log to', () => {
    assert.equal(runs.moveSourceFile('/var/log/plex-backup.log', '/var/log/plex-backup.log.1'), 1)
    assert.equal(runs.findPrecedingInFile('/var/log/plex-backup.log.1', 500)?.run_key, 'log|backup|Plex Backup|1000')
  })

  it('keeps a tracking-only run under its key and removes it once a log run stands for it', () => {
    const run = { key: 'tracking|2026-03-01|failed|1', date: '2026-03-01', status: 'failed' as const, line: 1 }
    assert.equal(runs.saveTrackingOnly(run, 1).change, 'inserted')
    assert.equal(runs.saveTrackingOnly(run, 2).change, 'unchanged')
    assert.equal(runs.saveTrackingOnly({ ...run, line: 3 }, 3).change, 'updated')
    const row = runs.findByKey(run.key)!
    assert.deepEqual([row.origin, row.started_at, row.source_file, row.tracking_line], ['tracking', null, null, 3])
    assert.equal(runs.removeTrackingOnly(run.key), true)
    assert.equal(runs.findByKey(run.key), undefined)
  })

  it('marks a log run as also in the tracking file, once', () => {
    const { id } = runs.upsertLogRun(fields({ run_key: 'log|backup|Plex Backup|9000', started_at: 9000, status: 'success' }), 1)
    assert.equal(runs.markTracked(id, 4, '2026-03-02', 2), true)
    assert.equal(runs.markTracked(id, 4, '2026-03-02', 3), false)
    assert.equal(runs.findByKey('log|backup|Plex Backup|9000')?.origin, 'both')
  })
})
