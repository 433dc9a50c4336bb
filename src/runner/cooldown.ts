/** "45 s", "3 min", "2 h 5 min": rounded for a message (minutes are rounded up when waiting). */
export function roughDuration(seconds: number, round: 'up' | 'down' = 'down'): string {
  const s = Math.max(0, round === 'up' ? Math.ceil(seconds) : Math.floor(seconds))
  if (s < 60) return `${s} s`
  const m = round === 'up' ? Math.ceil(s / 60) : Math.floor(s / 60)
  if (m < 60) return `${m} min`
  const h = Math.floor(m / 60)
  return m % 60 === 0 ? `${h} h` : `${h} h ${m % 60} min`
}

/** "just now" under 5 s, else "2 min ago". */
export function ago(epochMs: number, now: number): string {
  const s = (now - epochMs) / 1000
  return s < 5 ? 'just now' : `${roughDuration(s)} ago`
}

/**
 * Seconds until another manual backup may start: BACKUP_COOLDOWN after the last manual
 * trigger (0 when there was none or the cooldown has passed). A trigger "in the future"
 * (clock moved back) counts as just now rather than blocking for ever.
 */
export function cooldownRemainingSeconds(lastTriggerAt: number | undefined, cooldownSeconds: number, now: number): number {
  if (lastTriggerAt === undefined || cooldownSeconds <= 0) return 0
  const elapsed = Math.max(0, now - lastTriggerAt) / 1000
  return Math.max(0, Math.ceil(cooldownSeconds - elapsed))
}

/** "Another backup started 2 min ago; try again in 3 min". */
export function cooldownMessage(lastTriggerAt: number, remainingSeconds: number, now: number): string {
  return `Another backup started ${ago(lastTriggerAt, now)}; try again in ${roughDuration(remainingSeconds, 'up')}.`
}
