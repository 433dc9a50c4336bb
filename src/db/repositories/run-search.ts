import type SQLite from 'better-sqlite3'

export type RunToIndex = {
  id: number
  signature: string
  error: string | null
  jobName: string | null
  sourceFile: string | null
  sourceStart: number | null
  sourceEnd: number | null
}

// What makes a run worth indexing again: a new outcome, error, or place in the logs.
const SIGNATURE = `r.status || '|' || coalesce(r.error, '') || '|' || coalesce(r.source_file, '') || '|' || coalesce(r.source_end, '')`

/** The full-text index of runs (see migrations/0003_run_search.sql). */
export function createRunSearchRepository(sqlite: SQLite.Database) {
  const pending = sqlite.prepare(`
    SELECT r.id, ${SIGNATURE} AS signature, r.error, r.job_name AS jobName,
           r.source_file AS sourceFile, r.source_start AS sourceStart, r.source_end AS sourceEnd
    FROM backup_runs r LEFT JOIN run_search_state s ON s.run_id = r.id
    WHERE s.run_id IS NULL OR s.signature != ${SIGNATURE}
    ORDER BY r.id LIMIT ?`)
  const remove = sqlite.prepare('DELETE FROM run_search WHERE rowid = ?')
  const insert = sqlite.prepare('INSERT INTO run_search (rowid, body) VALUES (?, ?)')
  const mark = sqlite.prepare(
    'INSERT INTO run_search_state (run_id, signature, indexed_at) VALUES (?, ?, ?) ON CONFLICT (run_id) DO UPDATE SET signature = excluded.signature, indexed_at = excluded.indexed_at',
  )
  const store = sqlite.transaction((items: { run: RunToIndex; body: string }[], now: number) => {
    for (const { run, body } of items) {
      remove.run(run.id)
      insert.run(run.id, body)
      mark.run(run.id, run.signature, now)
    }
  })
  return {
    /** Runs never indexed, or changed since. */
    pending(limit: number): RunToIndex[] {
      return pending.all(limit) as RunToIndex[]
    },
    store(items: { run: RunToIndex; body: string }[], now = Date.now()): void {
      store(items, now)
    },
  }
}

/**
 * A safe FTS5 query for what a person typed: every word must appear (as a phrase of its
 * own tokens), the last one as a prefix. Operators and quotes typed by the user are data.
 */
export function toFtsQuery(text: string): string | null {
  const words = text
    .split(/\s+/)
    .map((w) => w.replace(/["\u0000]/g, ''))
    .filter((w) => /[\p{L}\p{N}]/u.test(w))
  if (words.length === 0) return null
  return words.map((w, i) => `"${w}"${i === words.length - 1 ? '*' : ''}`).join(' ')
}
