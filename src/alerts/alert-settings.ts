import type { Config } from '../config.js'
import type { SettingsRepository } from '../db/repositories/settings.js'
import type { AlertSettings } from './rules-input.js'

export const DEFAULT_GRACE_SECONDS = 3600

const KEYS = {
  grace: 'alerts.graceSeconds',
  hungAfter: 'alerts.hungAfterSeconds',
  reminderHours: 'alerts.reminderHours',
  digest: 'alerts.digest',
  followingSince: 'alerts.followingSince',
  schedulesSeen: 'alerts.schedulesSeen',
} as const

/** The rule settings with where each came from: ALERT_GRACE / ALERT_HUNG_AFTER win over the page. */
export type EffectiveAlertSettings = AlertSettings & { fromEnv: { grace: boolean; hungAfter: boolean } }

const wholeNumber = (text: string | undefined): number | null => (text !== undefined && /^\d{1,9}$/.test(text) ? Number(text) : null)

function parseDigest(text: string | undefined): AlertSettings['digest'] {
  const m = text ? /^([1-7]):(\d{1,2})$/.exec(text) : null
  if (!m || Number(m[2]) > 23) return null
  return { weekday: Number(m[1]), hour: Number(m[2]) }
}

export async function readAlertSettings(
  config: Pick<Config, 'alertGraceSeconds' | 'alertHungAfterSeconds'>,
  settings: SettingsRepository,
): Promise<EffectiveAlertSettings> {
  const all = await settings.all()
  return {
    graceSeconds: config.alertGraceSeconds ?? wholeNumber(all[KEYS.grace]) ?? DEFAULT_GRACE_SECONDS,
    hungAfterSeconds: config.alertHungAfterSeconds ?? wholeNumber(all[KEYS.hungAfter]),
    reminderHours: wholeNumber(all[KEYS.reminderHours]) || null,
    digest: parseDigest(all[KEYS.digest]),
    fromEnv: { grace: config.alertGraceSeconds !== null, hungAfter: config.alertHungAfterSeconds !== null },
  }
}

/** Saves what the page sends; values the environment sets are not stored (they would be ignored). */
export async function saveAlertSettings(
  settings: SettingsRepository,
  values: { graceSeconds?: number; hungAfterSeconds?: number | null; reminderHours: number | null; digest: AlertSettings['digest'] },
  now: number,
): Promise<void> {
  if (values.graceSeconds !== undefined) await settings.set(KEYS.grace, String(values.graceSeconds), now)
  if (values.hungAfterSeconds !== undefined) {
    if (values.hungAfterSeconds === null) await settings.delete(KEYS.hungAfter)
    else await settings.set(KEYS.hungAfter, String(values.hungAfterSeconds), now)
  }
  if (values.reminderHours === null) await settings.delete(KEYS.reminderHours)
  else await settings.set(KEYS.reminderHours, String(values.reminderHours), now)
  if (values.digest === null) await settings.delete(KEYS.digest)
  else await settings.set(KEYS.digest, `${values.digest.weekday}:${values.digest.hour}`, now)
}

/**
 * When RePlexOn began following the logs: set once, on the first start with alerts, so the
 * history imported then (or later) is not news.
 */
export async function followingSince(settings: SettingsRepository, now: number): Promise<number> {
  const stored = wholeNumber(await settings.get(KEYS.followingSince))
  if (stored !== null) return stored
  // The logs tell time in whole seconds: a run that ends in the second following began is news.
  const since = Math.floor(now / 1000) * 1000
  await settings.set(KEYS.followingSince, String(since), now)
  return since
}

/**
 * When each schedule was first seen, keyed by label and expression: a schedule that is new
 * (or just edited) promises nothing before its first slot. Schedules gone from the crontab
 * are forgotten.
 */
export async function schedulesFirstSeen(settings: SettingsRepository, keys: readonly string[], now: number): Promise<Map<string, number>> {
  let stored: Record<string, number> = {}
  try {
    const parsed: unknown = JSON.parse((await settings.get(KEYS.schedulesSeen)) ?? '{}')
    if (parsed && typeof parsed === 'object') stored = parsed as Record<string, number>
  } catch {
    // A hand-edited value: start afresh (new schedules are quiet until their first slot).
  }
  const seen = new Map<string, number>()
  for (const key of keys) seen.set(key, typeof stored[key] === 'number' ? stored[key] : now)
  const changed = keys.length !== Object.keys(stored).length || keys.some((k) => stored[k] === undefined)
  if (changed) await settings.set(KEYS.schedulesSeen, JSON.stringify(Object.fromEntries(seen)), now)
  return seen
}
