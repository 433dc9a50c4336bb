import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { IngestCursor } from '../../src/db/repositories/ingest-cursors.js'
import type { LogFileState } from '../../src/ingest/cursor-identity.js'
import { hashHead, matchCursor } from '../../src/ingest/cursor-match.js'

const content = Buffer.from('=== Plex Backup Started: 2026-03-02T03:00:00+00:00 ===\nsending incremental file list\n')
const file = (over: Partial<LogFileState> = {}): LogFileState => ({
  path: '/var/log/plex-backup.log', device: 1, inode: 100, mtimeMs: 5, compressed: false, size: 500, head: content, ...over,
})
const cursor = (over: Partial<IngestCursor> = {}): IngestCursor => ({
  path: '/var/log/plex-backup.log', device: 1, inode: 100, offset: 300, size: 300, mtime_ms: 4,
  head_hash: hashHead(content), head_length: content.length, ...over,
})

describe('matchCursor', () => {
  it('continues an appended file where it left off', () => {
    assert.deepEqual(matchCursor(file(), [cursor()]), { cursor: cursor(), offset: 300, movedFrom: null, unchanged: false })
  })

  it('knows an untouched file needs no reading', () => {
    assert.equal(matchCursor(file({ size: 300, mtimeMs: 4 }), [cursor()]).unchanged, true)
  })

  it('follows a file renamed by rotation through its inode', () => {
    const match = matchCursor(file({ path: '/var/log/plex-backup.log.1' }), [cursor()])
    assert.deepEqual([match.offset, match.movedFrom], [300, '/var/log/plex-backup.log'])
  })

  it('recognises a copy or a compressed file by its first bytes', () => {
    const gz = file({ path: '/var/log/plex-backup.log.2.gz', inode: 7, compressed: true, size: 300 })
    assert.deepEqual(matchCursor(gz, [cursor({ path: '/var/log/plex-backup.log.1' })]).movedFrom, '/var/log/plex-backup.log.1')
    assert.equal(matchCursor(gz, [cursor({ path: '/var/log/plex-backup.log.1' })]).unchanged, true)
  })

  it('starts over at 0 when the same file shrank or its head changed', () => {
    assert.equal(matchCursor(file({ size: 100 }), [cursor()]).offset, 0)
    assert.equal(matchCursor(file({ head: Buffer.from('=== Plex Backup Started: 2026-04-01T03:00:00+00:00 ===\n') }), [cursor()]).offset, 0)
  })

  it('does not take an empty file for a copy of anything', () => {
    const empty = cursor({ path: '/var/log/other.log', inode: 9, head_hash: hashHead(Buffer.alloc(0)), head_length: 0, offset: 0 })
    assert.equal(matchCursor(file({ inode: 55 }), [empty]).cursor, null)
  })
})
