import type { Selectable } from 'kysely'
import { isAlertEvent, type AlertEvent } from '../../alerts/types.js'
import type { Db } from '../connection.js'
import type { AlertChannelsTable } from '../schema.js'

/** A notification channel as the app sees it; `secret` stays sealed (see src/alerts/secret-box.ts). */
export type AlertChannel = {
  id: number
  type: string
  name: string
  enabled: boolean
  events: AlertEvent[]
  config: Record<string, unknown>
  secret: string | null
  managedBy: 'env' | null
  consecutiveFailures: number
  lastSuccessAt: number | null
  lastFailureAt: number | null
  lastError: string | null
  createdAt: number
  updatedAt: number
}

export type NewAlertChannel = {
  type: string
  name: string
  enabled: boolean
  events: readonly AlertEvent[]
  config: Record<string, unknown>
  secret: string | null
  managedBy: 'env' | null
}

export type AlertChannelChanges = Partial<NewAlertChannel>

export type AlertChannelsRepository = ReturnType<typeof createAlertChannelsRepository>

export function toAlertChannel(row: Selectable<AlertChannelsTable>): AlertChannel {
  return {
    id: row.id,
    type: row.type,
    name: row.name,
    enabled: row.enabled === 1,
    events: parseEvents(row.events),
    config: parseObject(row.config),
    secret: row.secret,
    managedBy: row.managed_by,
    consecutiveFailures: row.consecutive_failures,
    lastSuccessAt: row.last_success_at,
    lastFailureAt: row.last_failure_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

// Rows are written by this repository, so bad JSON means a hand edit: read it as "nothing" rather than fail every page.
function parseEvents(json: string): AlertEvent[] {
  const value = parseJson(json)
  return Array.isArray(value) ? value.filter(isAlertEvent) : []
}

function parseObject(json: string): Record<string, unknown> {
  const value = parseJson(json)
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
}

function parseJson(json: string): unknown {
  try {
    return JSON.parse(json)
  } catch {
    return undefined
  }
}

function toColumns(c: AlertChannelChanges) {
  return {
    ...(c.type !== undefined && { type: c.type }),
    ...(c.name !== undefined && { name: c.name }),
    ...(c.enabled !== undefined && { enabled: c.enabled ? (1 as const) : (0 as const) }),
    ...(c.events !== undefined && { events: JSON.stringify([...new Set(c.events)]) }),
    ...(c.config !== undefined && { config: JSON.stringify(c.config) }),
    ...(c.secret !== undefined && { secret: c.secret }),
    ...(c.managedBy !== undefined && { managed_by: c.managedBy }),
  }
}

/** Alert channels over Kysely; accepts a transaction too, so the outbox can read them in its own. */
export function createAlertChannelsRepository(db: Db) {
  const select = () => db.selectFrom('alert_channels').selectAll()

  return {
    async list(): Promise<AlertChannel[]> {
      return (await select().orderBy('name').orderBy('id').execute()).map(toAlertChannel)
    },

    async findById(id: number): Promise<AlertChannel | undefined> {
      const row = await select().where('id', '=', id).executeTakeFirst()
      return row && toAlertChannel(row)
    },

    async create(channel: NewAlertChannel, now: number): Promise<AlertChannel> {
      const row = await db
        .insertInto('alert_channels')
        .values({
          type: channel.type,
          name: channel.name,
          enabled: channel.enabled ? 1 : 0,
          events: JSON.stringify([...new Set(channel.events)]),
          config: JSON.stringify(channel.config),
          secret: channel.secret,
          managed_by: channel.managedBy,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow()
      return toAlertChannel(row)
    },

    /** Changes only the fields given; undefined when there is no such channel. */
    async update(id: number, changes: AlertChannelChanges, now: number): Promise<AlertChannel | undefined> {
      const row = await db
        .updateTable('alert_channels')
        .set({ ...toColumns(changes), updated_at: now })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst()
      return row && toAlertChannel(row)
    },

    async setEnabled(id: number, enabled: boolean, now: number): Promise<boolean> {
      const r = await db
        .updateTable('alert_channels')
        .set({ enabled: enabled ? 1 : 0, updated_at: now })
        .where('id', '=', id)
        .executeTakeFirst()
      return r.numUpdatedRows > 0n
    },

    /** Deletes the channel and (by cascade) its deliveries; false when it did not exist. */
    async remove(id: number): Promise<boolean> {
      const r = await db.deleteFrom('alert_channels').where('id', '=', id).executeTakeFirst()
      return r.numDeletedRows > 0n
    },

    /** A delivery got through: the failure streak ends (the last error stays for the record). */
    async recordSuccess(id: number, now: number): Promise<void> {
      await db
        .updateTable('alert_channels')
        .set({ consecutive_failures: 0, last_success_at: now })
        .where('id', '=', id)
        .execute()
    },

    async recordFailure(id: number, error: string, now: number): Promise<void> {
      await db
        .updateTable('alert_channels')
        .set((eb) => ({ consecutive_failures: eb('consecutive_failures', '+', 1), last_failure_at: now, last_error: error }))
        .where('id', '=', id)
        .execute()
    },

    /** The channel described by environment variables (SMTP_*), when there is one. */
    async findManaged(by: 'env'): Promise<AlertChannel | undefined> {
      const row = await select().where('managed_by', '=', by).orderBy('id').executeTakeFirst()
      return row && toAlertChannel(row)
    },

    /** Channels whose last `threshold` or more attempts all failed, worst first. */
    async failing(threshold = 3): Promise<AlertChannel[]> {
      const rows = await select()
        .where('consecutive_failures', '>=', threshold)
        .orderBy('consecutive_failures', 'desc')
        .orderBy('id')
        .execute()
      return rows.map(toAlertChannel)
    },
  }
}
