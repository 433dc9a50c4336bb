import type SQLite from 'better-sqlite3'
import type { IngestCursorsTable } from '../schema.js'

export type IngestCursor = Omit<IngestCursorsTable, 'updated_at'>
export type StoredCursor = IngestCursorsTable

/**
 * How far each log file has been read. Writes are plain statements so callers can put
 * them in the same transaction as the rows the bytes produced.
 */
export function createIngestCursorsRepository(sqlite: SQLite.Database) {
  const all = sqlite.prepare<[], IngestCursorsTable>('SELECT * FROM ingest_cursors ORDER BY path')
  const upsert = sqlite.prepare(`
    INSERT INTO ingest_cursors (path, device, inode, offset, size, mtime_ms, head_hash, head_length, updated_at)
    VALUES (@path, @device, @inode, @offset, @size, @mtime_ms, @head_hash, @head_length, @updated_at)
    ON CONFLICT (path) DO UPDATE SET device = excluded.device, inode = excluded.inode, offset = excluded.offset,
      size = excluded.size, mtime_ms = excluded.mtime_ms, head_hash = excluded.head_hash,
      head_length = excluded.head_length, updated_at = excluded.updated_at`)
  const remove = sqlite.prepare<[string]>('DELETE FROM ingest_cursors WHERE path = ?')

  return {
    list(): StoredCursor[] {
      return all.all()
    },
    save(cursor: IngestCursor, now: number): void {
      upsert.run({ ...cursor, updated_at: now })
    },
    remove(path: string): void {
      remove.run(path)
    },
  }
}

export type IngestCursorsRepository = ReturnType<typeof createIngestCursorsRepository>
