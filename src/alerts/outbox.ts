import type { Db } from '../db/connection.js'
import { createAlertChannelsRepository, type AlertChannel } from '../db/repositories/alert-channels.js'
import { createAlertsRepository, type StoredAlert } from '../db/repositories/alerts.js'
import type { AlertDecision } from './types.js'

export type { StoredAlert } from '../db/repositories/alerts.js'

export type AlertOutbox = ReturnType<typeof createAlertOutbox>

/**
 * Where alert decisions are written before anything is sent. Each decision is kept once under its
 * key, so deciding it again (a restart, a re-import) adds nothing; the dispatcher sends what is here.
 */
export function createAlertOutbox({ db }: { db: Db }) {
  return {
    /**
     * Writes each new decision with one pending delivery per enabled channel that receives its
     * event, all in one transaction (a crash cannot leave an alert without its deliveries).
     * Returns the alerts that were new; a decision whose key exists is skipped.
     */
    async enqueue(decisions: readonly AlertDecision[], now: number): Promise<StoredAlert[]> {
      if (decisions.length === 0) return []
      return db.transaction().execute(async (trx) => {
        const alerts = createAlertsRepository(trx)
        // Read after the first insert: a write first takes SQLite's write lock (waiting on busy_timeout),
        // where a read first could fail outright when another process writes in between.
        let channels: AlertChannel[] | undefined
        const stored: StoredAlert[] = []
        for (const decision of decisions) {
          const id = await alerts.insertIfNew(decision, now)
          if (id === null) continue
          channels ??= (await createAlertChannelsRepository(trx).list()).filter((c) => c.enabled)
          for (const channel of channels) {
            if (channel.events.includes(decision.event)) await alerts.addDelivery(id, channel.id, now)
          }
          stored.push((await alerts.findById(id))!)
        }
        return stored
      })
    },
  }
}
