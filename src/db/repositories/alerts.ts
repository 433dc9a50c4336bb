import type { AlertDecision, DeliveryResult } from '../../alerts/types.js'
import type { Db } from '../connection.js'
import { createAlertHistoryQueries } from './alert-history.js'
import { toStoredAlert, type StoredAlert } from './stored-alert.js'

export type { StoredAlert } from './stored-alert.js'
export type { AlertDeliveryView, AlertHistoryEntry, AlertHistoryFilter, AlertHistoryQuery } from './alert-history.js'

/** A pending delivery whose time has come, with the alert it carries. */
export type DueDelivery = {
  id: number
  alertId: number
  channelId: number
  /** Attempts made so far. */
  attempts: number
  nextAttemptAt: number
  alert: StoredAlert
}

export type AlertsRepository = ReturnType<typeof createAlertsRepository>

/**
 * The alert outbox and its deliveries over Kysely (pass a transaction to write an alert and its
 * deliveries together). Every delivery update requires status 'pending', so a delivery that is
 * already sent or given up is never changed again.
 */
export function createAlertsRepository(db: Db) {
  const finish = (id: number, now: number, result: DeliveryResult) =>
    db
      .updateTable('alert_deliveries')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), last_attempt_at: now, last_result: result.detail }))
      .where('id', '=', id)
      .where('status', '=', 'pending')

  return {
    ...createAlertHistoryQueries(db),

    /** Writes the decision; null when an alert with its key already exists (it is never sent twice). */
    async insertIfNew(decision: AlertDecision, now: number): Promise<number | null> {
      const row = await db
        .insertInto('alerts')
        .values({
          alert_key: decision.key,
          event: decision.event,
          run_id: decision.runId,
          occurred_at: decision.occurredAt,
          created_at: now,
          facts: JSON.stringify(decision.facts),
        })
        .onConflict((oc) => oc.column('alert_key').doNothing())
        .returning('id')
        .executeTakeFirst()
      return row?.id ?? null
    },

    async findById(id: number): Promise<StoredAlert | undefined> {
      const row = await db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst()
      return row && toStoredAlert(row)
    },

    /** A pending delivery due at once; null when the pair already has one. */
    async addDelivery(alertId: number, channelId: number, now: number): Promise<number | null> {
      const row = await db
        .insertInto('alert_deliveries')
        .values({ alert_id: alertId, channel_id: channelId, next_attempt_at: now })
        .onConflict((oc) => oc.columns(['alert_id', 'channel_id']).doNothing())
        .returning('id')
        .executeTakeFirst()
      return row?.id ?? null
    },

    /** Pending deliveries due at `now`, the longest waiting first. */
    async due(now: number, limit: number): Promise<DueDelivery[]> {
      const rows = await db
        .selectFrom('alert_deliveries as d')
        .innerJoin('alerts as a', 'a.id', 'd.alert_id')
        .selectAll('a')
        .select(['d.id as deliveryId', 'd.channel_id', 'd.attempts', 'd.next_attempt_at'])
        .where('d.status', '=', 'pending')
        .where('d.next_attempt_at', '<=', now)
        .orderBy('d.next_attempt_at')
        .orderBy('d.id')
        .limit(limit)
        .execute()
      return rows.map((r) => ({
        id: r.deliveryId,
        alertId: r.id,
        channelId: r.channel_id,
        attempts: r.attempts,
        nextAttemptAt: r.next_attempt_at,
        alert: toStoredAlert(r),
      }))
    },

    /**
     * Takes a due delivery for one attempt by moving its time to `until` (compare-and-set on the
     * time it was due at): another process reading the same row then finds it taken, and a process
     * that dies mid-send leaves it due again at `until`.
     */
    async claim(id: number, dueAt: number, until: number): Promise<boolean> {
      const r = await db
        .updateTable('alert_deliveries')
        .set({ next_attempt_at: until })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .where('next_attempt_at', '=', dueAt)
        .executeTakeFirst()
      return r.numUpdatedRows > 0n
    },

    async markSent(id: number, result: DeliveryResult, now: number): Promise<void> {
      await finish(id, now, result).set({ status: 'sent', sent_at: now }).execute()
    },

    async markRetry(id: number, result: DeliveryResult, nextAt: number, now: number): Promise<void> {
      await finish(id, now, result).set({ next_attempt_at: nextAt }).execute()
    },

    /** Gives up; `attempted: false` when nothing was tried (the channel was disabled). */
    async markFailed(id: number, result: DeliveryResult, now: number, options: { attempted?: boolean } = {}): Promise<void> {
      const query = options.attempted === false
        ? db.updateTable('alert_deliveries').set({ last_result: result.detail }).where('id', '=', id).where('status', '=', 'pending')
        : finish(id, now, result)
      await query.set({ status: 'failed' }).execute()
    },

    /** Deletes alerts created before `olderThanMs` (with their deliveries), keeping any still being delivered. */
    async prune(olderThanMs: number): Promise<number> {
      const r = await db
        .deleteFrom('alerts')
        .where('created_at', '<', olderThanMs)
        .where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom('alert_deliveries as d').select('d.id').whereRef('d.alert_id', '=', 'alerts.id').where('d.status', '=', 'pending'))),
        )
        .executeTakeFirst()
      return Number(r.numDeletedRows)
    },
  }
}
