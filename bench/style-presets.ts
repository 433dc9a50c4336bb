import type { LogStyle } from '../src/demo/log-writer.js'
import type { RsyncFlags } from '../src/demo/rsync-numbers.js'
import { DATE_STYLES, type DateStyle } from '../src/demo/script-date.js'

/** A server setup per `date` locale, each with the zone and rsync flags such a server plausibly has. */
export const STYLE_PRESETS: Record<DateStyle, LogStyle> = {
  en_US: { timeZone: 'America/New_York', dateStyle: 'en_US', rsync: { flags: '-avh', decimalComma: false }, stats: false },
  C: { timeZone: 'UTC', dateStyle: 'C', rsync: { flags: '-av', decimalComma: false }, stats: true },
  en_GB: { timeZone: 'Europe/London', dateStyle: 'en_GB', rsync: { flags: '-avh', decimalComma: false }, stats: false },
  de_DE: { timeZone: 'Europe/Berlin', dateStyle: 'de_DE', rsync: { flags: '-avh', decimalComma: true }, stats: false },
  iso: { timeZone: 'America/Chicago', dateStyle: 'iso', rsync: { flags: '-avhh', decimalComma: false }, stats: false },
}

export function presetStyle(
  name: string,
  overrides: { zone?: string | undefined; rsync?: string | undefined; stats?: boolean | undefined } = {},
): LogStyle {
  if (!(DATE_STYLES as readonly string[]).includes(name)) {
    throw new Error(`unknown --style "${name}" (one of ${DATE_STYLES.join(', ')})`)
  }
  const base = STYLE_PRESETS[name as DateStyle]
  if (overrides.rsync !== undefined && !['-av', '-avh', '-avhh'].includes(overrides.rsync)) {
    throw new Error(`unknown --rsync "${overrides.rsync}" (one of -av, -avh, -avhh)`)
  }
  return {
    ...base,
    timeZone: overrides.zone ?? base.timeZone,
    rsync: { ...base.rsync, flags: (overrides.rsync as RsyncFlags | undefined) ?? base.rsync.flags },
    stats: overrides.stats ?? base.stats,
  }
}
