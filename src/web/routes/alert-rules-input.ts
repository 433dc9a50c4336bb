import { parseDurationSeconds } from '../../config.js'
import type { EffectiveAlertSettings } from '../../alerts/alert-settings.js'
import type { AlertSettings } from '../../alerts/rules-input.js'

export type RulesValues = { graceSeconds?: number; hungAfterSeconds?: number | null; reminderHours: number | null; digest: AlertSettings['digest'] }

/**
 * The alert rules form as values, or what is wrong per field. Fields the environment sets
 * are left out (they cannot be changed here).
 */
export function parseRulesForm(
  form: (name: string) => string,
  fromEnv: EffectiveAlertSettings['fromEnv'],
): { ok: true; values: RulesValues } | { ok: false; problems: Record<string, string> } {
  const problems: Record<string, string> = {}
  const values: RulesValues = { reminderHours: null, digest: null }
  if (!fromEnv.grace) {
    const grace = parseDurationSeconds(form('grace'))
    if (grace === undefined || grace > 7 * 86_400) problems.grace = 'a duration up to 7 days, such as 90s, 30m or 1h'
    else values.graceSeconds = grace
  }
  if (!fromEnv.hungAfter) {
    const text = form('hungAfter').trim()
    const hung = text === '' ? null : parseDurationSeconds(text)
    if (hung === undefined || (hung !== null && (hung < 60 || hung > 7 * 86_400))) problems.hungAfter = 'empty (automatic) or a duration from 1m to 7d, such as 4h'
    else values.hungAfterSeconds = hung
  }
  const reminder = form('reminderHours').trim()
  if (reminder !== '') {
    const hours = Number(reminder)
    if (!/^\d{1,3}$/.test(reminder) || hours < 1 || hours > 720) problems.reminderHours = 'empty (never) or whole hours from 1 to 720'
    else values.reminderHours = hours
  }
  const weekday = form('digestWeekday').trim()
  if (weekday !== '') {
    const hour = Number(form('digestHour').trim() || '8')
    if (!/^[1-7]$/.test(weekday)) problems.digest = 'choose a weekday, or off'
    else if (!Number.isInteger(hour) || hour < 0 || hour > 23) problems.digest = 'the hour is a whole number from 0 to 23'
    else values.digest = { weekday: Number(weekday), hour }
  }
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, values }
}
