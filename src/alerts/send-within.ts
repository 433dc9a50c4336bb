import type { ChannelType } from './channel-type.js'
import type { AlertMessage, DeliveryResult } from './types.js'

// The channel enforces timeoutMs itself; this is the backstop for one that does not.
const GRACE_MS = 5_000

/**
 * One send that always ends with a DeliveryResult: a throw (against the ChannelType contract)
 * or a channel that never answers becomes a retryable failure instead of stalling the dispatcher.
 */
export async function sendWithin(
  type: ChannelType,
  config: Readonly<Record<string, unknown>>,
  message: AlertMessage,
  timeoutMs: number,
): Promise<DeliveryResult> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<DeliveryResult>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, detail: `the ${type.label} channel gave no answer within ${timeoutMs + GRACE_MS} ms`, retryable: true }),
      timeoutMs + GRACE_MS,
    )
  })
  try {
    const sending = Promise.resolve()
      .then(() => type.send(config, message, { timeoutMs }))
      .catch((err: unknown): DeliveryResult => ({ ok: false, detail: err instanceof Error ? err.message : String(err), retryable: true }))
    return await Promise.race([sending, deadline])
  } finally {
    clearTimeout(timer)
  }
}
