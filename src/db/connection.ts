import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import type { Database } from './schema.js'
import { migrate } from './migrate.js'

export type Db = Kysely<Database>

export type DatabaseHandle = {
  /** Typed queries for repositories. */
  db: Db
  /** The raw connection, for transactions that span repositories and for pragmas. */
  sqlite: SQLite.Database
  close(): Promise<void>
}

/**
 * Opens (creating when missing) the SQLite file in WAL mode and applies pending migrations.
 * Every process (server, CLI, tests) opens the database through here.
 */
export function openDatabase(file: string, options: { migrate?: boolean } = {}): DatabaseHandle {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o750 })
  const sqlite = new SQLite(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('synchronous = NORMAL')
  if (options.migrate !== false) migrate(sqlite)
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) })
  let closed = false
  return {
    db,
    sqlite,
    async close() {
      if (closed) return
      closed = true
      // Kysely's destroy closes the underlying better-sqlite3 connection.
      await db.destroy()
    },
  }
}
