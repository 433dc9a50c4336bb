import type { Db } from '../db/connection.js'
import { createAlertChannelsRepository, type AlertChannel } from '../db/repositories/alert-channels.js'
import { createAlertsRepository, type DueDelivery, type StoredAlert } from '../db/repositories/alerts.js'
import { nextAttemptDelayMs, shouldGiveUp } from './backoff.js'
import { sendWithin } from './send-within.js'
import type { ChannelType } from './channel-type.js'
import type { AlertMessage, DeliveryResult } from './types.js'

export type DispatchLogger = { info(o: object, m: string): void; warn(o: object, m: string): void }

export type AlertDispatcherOptions = {
  db: Db
  /** Channel types by their id (alert_channels.type). */
  types: ReadonlyMap<string, ChannelType>
  render: (alert: StoredAlert) => AlertMessage
  /** Opens a channel's sealed secret settings (src/alerts/secret-box.ts); throws when it cannot. */
  openSecret: (sealed: string) => Record<string, string>
  logger?: DispatchLogger
  /** One attempt's limit, passed to the channel (default 15 s). */
  timeoutMs?: number
  /** Deliveries per pass (default 50). */
  batchSize?: number
}

export type DispatchSummary = { sent: number; retrying: number; failed: number }

type Outcome = keyof DispatchSummary | 'skipped'

const silent: DispatchLogger = { info() {}, warn() {} }

export type AlertDispatcher = ReturnType<typeof createAlertDispatcher>

/** Sends what the outbox holds, with retries on the backoff schedule; never throws out of a pass. */
export function createAlertDispatcher(options: AlertDispatcherOptions) {
  const { types, render, openSecret, logger = silent, timeoutMs = 15_000, batchSize = 50 } = options
  const alerts = createAlertsRepository(options.db)
  const channels = createAlertChannelsRepository(options.db)
  let inFlight: Promise<DispatchSummary> | null = null

  /** The channel's stored settings with its secret ones opened, then one send. */
  async function attempt(channel: AlertChannel, message: () => AlertMessage): Promise<DeliveryResult> {
    const type = types.get(channel.type)
    if (!type) return { ok: false, detail: `unknown channel type "${channel.type}"`, retryable: false }
    let config: Record<string, unknown>
    try {
      config = channel.secret === null ? { ...channel.config } : { ...channel.config, ...openSecret(channel.secret) }
    } catch (err) {
      // Retryable: re-entering the password on the settings page fixes it before the retries run out.
      return { ok: false, detail: errorText(err), retryable: true }
    }
    let rendered: AlertMessage
    try {
      rendered = message()
    } catch (err) {
      return { ok: false, detail: `cannot render the message: ${errorText(err)}`, retryable: true }
    }
    return sendWithin(type, config, rendered, timeoutMs)
  }

  async function deliverOne(delivery: DueDelivery, channel: AlertChannel | undefined, message: () => AlertMessage, now: number): Promise<Outcome> {
    // A removed channel took its delivery rows with it (ON DELETE CASCADE): nothing left to update.
    if (!channel) return 'skipped'
    const context = { deliveryId: delivery.id, alertKey: delivery.alert.key, channelId: channel.id, channel: channel.name, type: channel.type }
    if (!channel.enabled) {
      await alerts.markFailed(delivery.id, { ok: false, detail: 'channel disabled', retryable: false }, now, { attempted: false })
      logger.info(context, 'alert not delivered: channel disabled')
      return 'failed'
    }
    // Taken for one attempt: if this process dies mid-send the delivery is due again after the lease.
    if (!(await alerts.claim(delivery.id, delivery.nextAttemptAt, now + timeoutMs + 60_000))) return 'skipped'
    const result = await attempt(channel, message)
    const attempts = delivery.attempts + 1
    if (result.ok) {
      await alerts.markSent(delivery.id, result, now)
      await channels.recordSuccess(channel.id, now)
      logger.info({ ...context, attempts, detail: result.detail }, 'alert delivered')
      return 'sent'
    }
    await channels.recordFailure(channel.id, result.detail, now)
    if (!result.retryable || shouldGiveUp(attempts)) {
      await alerts.markFailed(delivery.id, result, now)
      logger.warn({ ...context, attempts, detail: result.detail }, 'alert delivery failed: gave up')
      return 'failed'
    }
    const nextAttemptAt = now + nextAttemptDelayMs(attempts)
    await alerts.markRetry(delivery.id, result, nextAttemptAt, now)
    logger.warn({ ...context, attempts, nextAttemptAt, detail: result.detail }, 'alert delivery failed: will retry')
    return 'retrying'
  }

  async function pass(now: number): Promise<DispatchSummary> {
    const summary: DispatchSummary = { sent: 0, retrying: 0, failed: 0 }
    const due = await alerts.due(now, batchSize)
    if (due.length === 0) return summary
    const byId = new Map((await channels.list()).map((c) => [c.id, c]))
    const messages = new Map<number, AlertMessage>()
    const messageOf = (alert: StoredAlert) => () => {
      const cached = messages.get(alert.id) ?? render(alert)
      messages.set(alert.id, cached)
      return cached
    }
    const queues = new Map<number, DueDelivery[]>()
    for (const d of due) queues.set(d.channelId, [...(queues.get(d.channelId) ?? []), d])
    // Channels in parallel, so one slow receiver does not hold up the others; in order within one.
    await Promise.all(
      [...queues].map(async ([channelId, deliveries]) => {
        for (const delivery of deliveries) {
          try {
            const outcome = await deliverOne(delivery, byId.get(channelId), messageOf(delivery.alert), now)
            if (outcome !== 'skipped') summary[outcome]++
          } catch (err) {
            // A database error on one delivery must not stop the others; a claimed one comes back after its lease.
            logger.warn({ deliveryId: delivery.id, channelId, error: errorText(err) }, 'alert delivery could not be recorded')
          }
        }
      }),
    )
    return summary
  }

  return {
    /**
     * One pass over the deliveries due at `now` (at most batchSize). A call made while a pass is
     * running joins it, so one process never sends a delivery twice. Channel and secret problems are
     * failed attempts; only a failure to read the due list rejects.
     */
    deliverDue(now: number): Promise<DispatchSummary> {
      inFlight ??= pass(now).finally(() => {
        inFlight = null
      })
      return inFlight
    },

    /** The "Send test" button: the same config assembly and send, without an outbox row. */
    sendNow(channel: AlertChannel, message: AlertMessage): Promise<DeliveryResult> {
      return attempt(channel, () => message)
    },
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
