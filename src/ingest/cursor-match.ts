import { createHash } from 'node:crypto'
import type { IngestCursor } from '../db/repositories/ingest-cursors.js'
import type { LogFileState } from './cursor-identity.js'

export type CursorMatch = {
  /** The cursor that already describes this file's content, or null for a new file. */
  cursor: IngestCursor | null
  /** Where to start reading (uncompressed bytes). */
  offset: number
  /** The path the content was read under before (rotation, copy, compression); else null. */
  movedFrom: string | null
  /** True when nothing changed since the last read: the file need not be opened. */
  unchanged: boolean
}

export function hashHead(head: Buffer): string {
  return createHash('sha256').update(head).digest('hex')
}

/**
 * Finds how far this file's content has been read. A cursor describes it when its first
 * bytes hash the same and (for plain files) it has not shrunk below the offset; checked in
 * this order: the same path and inode (appends), the same inode under another path
 * (`create` rotation: renamed to .1), then any path by content alone (`copytruncate`'s
 * copy, a compressed .gz). A file that shrank or whose head changed starts over at 0.
 */
export function matchCursor(file: LogFileState, cursors: readonly IngestCursor[]): CursorMatch {
  const describes = (c: IngestCursor) =>
    file.head.length >= c.head_length &&
    hashHead(file.head.subarray(0, c.head_length)) === c.head_hash &&
    (file.compressed || file.size >= c.offset)
  const sameInode = (c: IngestCursor) => c.device === file.device && c.inode === file.inode

  const found =
    cursors.find((c) => c.path === file.path && sameInode(c) && describes(c)) ??
    cursors.find((c) => c.path !== file.path && sameInode(c) && describes(c)) ??
    // An empty head matches everything: only real content identifies a copy.
    cursors
      .filter((c) => c.head_length > 0 && !sameInode(c) && describes(c))
      .sort((a, b) => b.offset - a.offset)[0]

  if (!found) return { cursor: null, offset: 0, movedFrom: null, unchanged: false }
  const movedFrom = found.path === file.path ? null : found.path
  const unchanged = file.compressed
    ? file.size === found.size % 2 ** 32 && found.offset >= found.size
    : file.size === found.size && file.mtimeMs === found.mtime_ms && found.offset >= found.size
  return { cursor: found, offset: found.offset, movedFrom, unchanged }
}
