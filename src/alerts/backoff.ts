/**
 * How long a failed delivery waits before its next attempt: quick at first (a blip), then
 * spread over hours (a mail server down for the night) without hammering the receiver.
 */
export const RETRY_DELAYS_MS: readonly number[] = [
  30_000, // 30 s
  2 * 60_000, // 2 min
  10 * 60_000, // 10 min
  30 * 60_000, // 30 min
  60 * 60_000, // 1 h
  2 * 60 * 60_000, // 2 h
  4 * 60 * 60_000, // 4 h
  8 * 60 * 60_000, // 8 h
]

/** After this many failed attempts (about 16 h of trying) a delivery is marked failed (gave up). */
export const MAX_ATTEMPTS = 9

/** The wait after the `attempts`-th failed attempt (1-based); the last step repeats beyond the table. */
export function nextAttemptDelayMs(attempts: number): number {
  const index = Math.min(Math.max(Math.floor(attempts), 1), RETRY_DELAYS_MS.length) - 1
  return RETRY_DELAYS_MS[index]!
}

/** True when a delivery that has failed `attempts` times should not be tried again. */
export function shouldGiveUp(attempts: number): boolean {
  return attempts >= MAX_ATTEMPTS
}
