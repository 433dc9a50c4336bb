import type { Db } from '../connection.js'

export type SettingsRepository = ReturnType<typeof createSettingsRepository>

/** Key/value strings kept in the database (what the settings page edits). */
export function createSettingsRepository(db: Db) {
  return {
    async get(key: string): Promise<string | undefined> {
      const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst()
      return row?.value
    },

    async set(key: string, value: string, now = Date.now()): Promise<void> {
      await db
        .insertInto('settings')
        .values({ key, value, updated_at: now })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
        .execute()
    },

    /** Returns false when the key was not set. */
    async delete(key: string): Promise<boolean> {
      const r = await db.deleteFrom('settings').where('key', '=', key).executeTakeFirst()
      return r.numDeletedRows > 0n
    },

    async all(): Promise<Record<string, string>> {
      const rows = await db.selectFrom('settings').select(['key', 'value']).orderBy('key').execute()
      return Object.fromEntries(rows.map((r) => [r.key, r.value]))
    },
  }
}
