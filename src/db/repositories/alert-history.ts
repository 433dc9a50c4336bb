import type { AlertEvent } from '../../alerts/types.js'
import type { Db } from '../connection.js'
import { toStoredAlert, type StoredAlert } from './stored-alert.js'

/** One delivery of an alert as the history page shows it. */
export type AlertDeliveryView = {
  id: number
  channelId: number
  channelName: string
  channelType: string
  status: 'pending' | 'sent' | 'failed'
  attempts: number
  nextAttemptAt: number
  lastResult: string | null
  lastAttemptAt: number | null
  sentAt: number | null
}

export type AlertHistoryEntry = StoredAlert & { deliveries: AlertDeliveryView[] }

/** Filters of the history page: alerts of one event, or alerts that went to one channel. */
export type AlertHistoryFilter = { channelId?: number; event?: AlertEvent }

export type AlertHistoryQuery = AlertHistoryFilter & { limit: number; offset: number }

/** Read-side queries of the alert outbox; part of createAlertsRepository. */
export function createAlertHistoryQueries(db: Db) {
  const filtered = (f: AlertHistoryFilter) =>
    db
      .selectFrom('alerts')
      .$if(f.event !== undefined, (qb) => qb.where('alerts.event', '=', f.event!))
      .$if(f.channelId !== undefined, (qb) =>
        qb.where(({ exists, selectFrom }) =>
          exists(selectFrom('alert_deliveries as d').select('d.id').whereRef('d.alert_id', '=', 'alerts.id').where('d.channel_id', '=', f.channelId!)),
        ),
      )

  return {
    /** Alerts written since `sinceMs` (by created_at), oldest first: what the rules already said. */
    async emittedSince(sinceMs: number): Promise<Array<{ key: string; event: AlertEvent; occurredAt: number; createdAt: number }>> {
      const rows = await db
        .selectFrom('alerts')
        .select(['alert_key', 'event', 'occurred_at', 'created_at'])
        .where('created_at', '>=', sinceMs)
        .orderBy('created_at')
        .orderBy('id')
        .execute()
      return rows.map((r) => ({ key: r.alert_key, event: r.event, occurredAt: r.occurred_at, createdAt: r.created_at }))
    },

    /** A page of alerts, newest first, each with all its deliveries (by channel name). */
    async history(query: AlertHistoryQuery): Promise<AlertHistoryEntry[]> {
      const rows = await filtered(query)
        .selectAll('alerts')
        .orderBy('alerts.created_at', 'desc')
        .orderBy('alerts.id', 'desc')
        .limit(query.limit)
        .offset(query.offset)
        .execute()
      if (rows.length === 0) return []
      const deliveries = await db
        .selectFrom('alert_deliveries as d')
        .innerJoin('alert_channels as c', 'c.id', 'd.channel_id')
        .select([
          'd.id', 'd.alert_id', 'd.channel_id', 'c.name', 'c.type', 'd.status', 'd.attempts',
          'd.next_attempt_at', 'd.last_result', 'd.last_attempt_at', 'd.sent_at',
        ])
        .where('d.alert_id', 'in', rows.map((r) => r.id))
        .orderBy('c.name')
        .orderBy('d.id')
        .execute()
      return rows.map((row) => ({
        ...toStoredAlert(row),
        deliveries: deliveries
          .filter((d) => d.alert_id === row.id)
          .map((d) => ({
            id: d.id,
            channelId: d.channel_id,
            channelName: d.name,
            channelType: d.type,
            status: d.status,
            attempts: d.attempts,
            nextAttemptAt: d.next_attempt_at,
            lastResult: d.last_result,
            lastAttemptAt: d.last_attempt_at,
            sentAt: d.sent_at,
          })),
      }))
    },

    /** How many alerts match the filter, for paging. */
    async count(filter: AlertHistoryFilter = {}): Promise<number> {
      const row = await filtered(filter)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      return Number(row.n)
    },
  }
}
