import fs from 'node:fs'
import path from 'node:path'
import type SQLite from 'better-sqlite3'
import { MIGRATIONS_DIR } from '../paths.js'

export type Migration = { version: number; name: string; sql: string }

/** The numbered `NNNN_name.sql` files, in order. */
export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({
      version: Number(f.slice(0, 4)),
      name: f.slice(5, -4),
      sql: fs.readFileSync(path.join(dir, f), 'utf8'),
    }))
}

/**
 * Applies every migration not yet recorded in `schema_migrations`, each in its own
 * transaction, and returns the versions it applied.
 */
export function migrate(sqlite: SQLite.Database, migrations = listMigrations()): number[] {
  sqlite.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT    NOT NULL,
    applied_at INTEGER NOT NULL
  ) STRICT`)
  const applied = new Set(
    sqlite
      .prepare('SELECT version FROM schema_migrations')
      .pluck()
      .all()
      .map((v) => Number(v)),
  )
  const record = sqlite.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
  const done: number[] = []
  for (const m of migrations) {
    if (applied.has(m.version)) continue
    sqlite.transaction(() => {
      sqlite.exec(m.sql)
      record.run(m.version, m.name, Date.now())
    }).immediate()
    done.push(m.version)
  }
  return done
}
