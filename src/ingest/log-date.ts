import { IANAZone } from 'luxon'
import { isZoneToken, monthNumber, normalizeWord, zoneOffsets } from './date-words.js'

/** A date from a marker line: the instant, and the local date as printed. */
export type LogDate = {
  epochMs: number
  /** The instant as ISO 8601 in the configured zone (offset or Z). */
  iso: string
  /** YYYY-MM-DD as printed, i.e. the server's local date. */
  date: string
}

type Wall = { year: number; month: number; day: number; hour: number; minute: number; second: number }

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?\s*(Z|[+-]\d{2}(?::?\d{2})?)$/

/**
 * Reads what `date` printed (en_US, C, en_GB, de_DE, fr/es/nl/it/pt, `date -Iseconds`) as an
 * instant. The wall time is taken in `timeZone`; the printed abbreviation only chooses
 * between the two readings of a fall-back hour. A wall time that does not exist (inside a
 * spring-forward gap) is taken with the printed abbreviation's offset if it is one of the
 * two around the gap, else with the offset in force before the gap, so 02:30 on the
 * spring-forward night in New York reads as 03:30 EDT (as JavaScript's Date does).
 * Returns null when the text is not a date we can read.
 */
export function parseLogDate(text: string, timeZone: string): LogDate | null {
  const zone = zoneFor(timeZone)
  if (!zone) return null
  const trimmed = text.replace(/\0/g, '').trim()
  const iso = ISO.exec(trimmed)
  if (iso) return fromIso(iso, zone)
  const parsed = readWords(trimmed)
  if (!parsed || !validWall(parsed.wall)) return null
  const epochMs = resolveWallTime(parsed.wall, zone, parsed.zoneToken)
  return { epochMs, iso: isoIn(epochMs, zone), date: dateOf(parsed.wall) }
}

function fromIso(m: RegExpExecArray, zone: ZoneOffsets): LogDate | null {
  const wall: Wall = { year: +m[1]!, month: +m[2]!, day: +m[3]!, hour: +m[4]!, minute: +m[5]!, second: +(m[6] ?? 0) }
  if (!validWall(wall)) return null
  const offset = m[7] === 'Z' ? 0 : zoneOffsets(m[7]!)?.[0]
  if (offset === undefined) return null
  const epochMs = wallAsUtc(wall) - offset * 60_000
  return { epochMs, iso: isoIn(epochMs, zone), date: dateOf(wall) }
}

/** Finds day, month, year, time, AM/PM and zone among the words, whatever their order. */
function readWords(text: string): { wall: Wall; zoneToken: string | null } | null {
  const tokens = text.split(/\s+/).filter((t) => t !== '')
  let time: RegExpExecArray | null = null
  let year: number | null = null
  let dayIndex = -1
  let meridiem: 'am' | 'pm' | null = null
  let zoneToken: string | null = null
  tokens.forEach((token, i) => {
    const t = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(token)
    const word = normalizeWord(token)
    if (t && !time) time = t
    else if (/^\d{4}$/.test(token) && year === null) year = Number(token)
    else if (/^\d{1,2}[.,]?$/.test(token) && dayIndex < 0) dayIndex = i
    else if (word === 'am' || word === 'pm') meridiem = word
    else if (time && isZoneToken(token) && zoneToken === null) zoneToken = token
  })
  if (!time || year === null || dayIndex < 0) return null
  // "Fri 27 Mar", "Fr 23. Okt", "mar 24 mar" (es: Tuesday 24 March): the month after the day wins.
  const month = monthNumber(tokens[dayIndex + 1] ?? '') ?? monthNumber(tokens[dayIndex - 1] ?? '')
  if (month === undefined) return null
  const [, h, mi, s] = time as RegExpExecArray
  let hour = Number(h)
  if (meridiem !== null) {
    if (hour < 1 || hour > 12) return null
    hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0)
  }
  const day = Number(tokens[dayIndex]!.replace(/[.,]/g, ''))
  return { wall: { year, month, day, hour, minute: Number(mi), second: Number(s ?? 0) }, zoneToken }
}

function resolveWallTime(wall: Wall, zone: ZoneOffsets, zoneToken: string | null): number {
  const local = wallAsUtc(wall)
  const day = 86_400_000
  const offsets = [...new Set([zone.offset(local - day), zone.offset(local), zone.offset(local + day)])]
  const readings = offsets.map((o) => local - o * 60_000).filter((t) => zone.offset(t) === (local - t) / 60_000)
  const printed = zoneToken ? zoneOffsets(zoneToken) : undefined
  const byAbbreviation = (t: number) => printed?.includes((local - t) / 60_000) ?? false
  if (readings.length > 0) {
    readings.sort((a, b) => a - b)
    return readings.find(byAbbreviation) ?? readings[0]!
  }
  // In a spring-forward gap: no reading is valid.
  const before = zone.offset(local - day)
  const chosen = offsets.find((o) => printed?.includes(o)) ?? before
  return local - chosen * 60_000
}

function wallAsUtc(w: Wall): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second)
}

function validWall(w: Wall): boolean {
  if (w.month < 1 || w.month > 12 || w.hour > 23 || w.minute > 59 || w.second > 60) return false
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day))
  return w.day >= 1 && d.getUTCDate() === w.day
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')

function dateOf(w: Wall): string {
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`
}

function isoIn(epochMs: number, zone: ZoneOffsets): string {
  const offset = zone.offset(epochMs)
  const local = new Date(epochMs + offset * 60_000)
  const sign = offset < 0 ? '-' : '+'
  const abs = Math.abs(offset)
  const wall = `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`
  return offset === 0 && zone.name === 'UTC' ? `${wall}Z` : `${wall}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
}

type ZoneOffsets = { name: string; offset: (epochMs: number) => number }
const zones = new Map<string, ZoneOffsets | null>()
const QUARTER_HOUR = 900_000
const DAY = 86_400_000

/**
 * A zone's UTC offset (minutes) at an instant, memoised: luxon asks Intl for each offset,
 * which costs more than scanning megabytes of log. A UTC day with the same offset at both
 * ends has it all day; a transition day is resolved per quarter hour (every real zone
 * changes its offset on a quarter hour).
 */
function zoneFor(name: string): ZoneOffsets | null {
  let zone = zones.get(name)
  if (zone !== undefined) return zone
  const iana = IANAZone.create(name)
  const days = new Map<number, number | null>()
  const quarters = new Map<number, number>()
  const remember = <V>(cache: Map<number, V>, key: number, compute: () => V): V => {
    let value = cache.get(key)
    if (value === undefined) {
      if (cache.size > 100_000) cache.clear()
      value = compute()
      cache.set(key, value)
    }
    return value
  }
  zone = iana.isValid
    ? {
        name: name === 'UTC' || name === 'Etc/UTC' ? 'UTC' : name,
        offset: (epochMs) => {
          const day = Math.floor(epochMs / DAY)
          const allDay = remember(days, day, () => {
            const first = iana.offset(day * DAY)
            return first === iana.offset((day + 1) * DAY - 1) ? first : null
          })
          if (allDay !== null) return allDay
          const quarter = Math.floor(epochMs / QUARTER_HOUR)
          return remember(quarters, quarter, () => iana.offset(quarter * QUARTER_HOUR))
        },
      }
    : null
  zones.set(name, zone)
  return zone
}
