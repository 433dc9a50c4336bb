import { DateTime } from 'luxon'

/** How plain `date` prints under a locale (see docs/log-format.md); `iso` is `date -Iseconds`. */
export type DateStyle = 'en_US' | 'C' | 'en_GB' | 'de_DE' | 'iso'

export const DATE_STYLES: readonly DateStyle[] = ['en_US', 'C', 'en_GB', 'de_DE', 'iso']

// glibc's own tables, not Intl's: `date` in de_DE prints "Mär" and "Fr", whatever ICU says.
const EN_DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const DE_DAYS = ['Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa', 'So']
const DE_MONTHS = ['Jan', 'Feb', 'Mär', 'Apr', 'Mai', 'Jun', 'Jul', 'Aug', 'Sep', 'Okt', 'Nov', 'Dez']

// Intl only names a zone "EST" or "CET" in a locale whose people use that name, and some
// locales invent names tzdata lacks (en-GB calls Dubai "GST"; tzdata says "+04"). So each
// English locale is asked only about its own region, and anything else falls back to
// tzdata's numeric style, as `date` prints it.
const ABBREVIATION_LOCALES: readonly [locale: string, zones: RegExp][] = [
  ['en-US', /^(America|US|Pacific\/Honolulu|Canada)\b/],
  ['en-IE', /^Europe\/Dublin$/],
  ['en-GB', /^(Europe|GB|WET|CET|MET|EET)\b/],
  ['en-AU', /^Australia\//],
  ['en-NZ', /^(Pacific\/Auckland|NZ)$/],
  ['en-IN', /^Asia\/(Kolkata|Calcutta)$/],
  ['en-ZA', /^Africa\/Johannesburg$/],
]

/** The zone abbreviation `date` prints for this instant (%Z), e.g. EDT, CET, BST, UTC. */
export function zoneAbbreviation(local: DateTime): string {
  if (local.offset === 0 && /^(UTC|Etc\/UTC|Etc\/Universal|Universal|Zulu|Etc\/Zulu)$/.test(local.zoneName ?? '')) {
    return 'UTC'
  }
  const zoneName = local.zoneName ?? ''
  for (const [locale, zones] of ABBREVIATION_LOCALES) {
    if (!zones.test(zoneName)) continue
    const name = local.setLocale(locale).offsetNameShort
    if (name && !/^(GMT|UTC)[+\-−]/.test(name)) return name
  }
  return numericOffset(local.offset)
}

function numericOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+'
  const abs = Math.abs(minutes)
  const hh = String(Math.floor(abs / 60)).padStart(2, '0')
  const mm = abs % 60
  return mm === 0 ? `${sign}${hh}` : `${sign}${hh}${String(mm).padStart(2, '0')}`
}

const pad2 = (n: number): string => String(n).padStart(2, '0')
const spacePad = (n: number): string => String(n).padStart(2, ' ')

/** `date`'s output for an instant, as the server in `timeZone` with the given locale prints it. */
export function formatScriptDate(instant: Date, timeZone: string, style: DateStyle): string {
  const local = DateTime.fromJSDate(instant, { zone: timeZone })
  if (!local.isValid) throw new Error(`cannot format a date in time zone "${timeZone}"`)
  const hms = `${pad2(local.hour)}:${pad2(local.minute)}:${pad2(local.second)}`
  const zone = style === 'iso' ? '' : zoneAbbreviation(local)
  const weekday = local.weekday - 1
  const month = local.month - 1
  switch (style) {
    case 'en_US': {
      const hour12 = local.hour % 12 === 0 ? 12 : local.hour % 12
      const ampm = local.hour < 12 ? 'AM' : 'PM'
      const time = `${pad2(hour12)}:${pad2(local.minute)}:${pad2(local.second)} ${ampm}`
      return `${EN_DAYS[weekday]} ${EN_MONTHS[month]} ${spacePad(local.day)} ${time} ${zone} ${local.year}`
    }
    case 'C':
      return `${EN_DAYS[weekday]} ${EN_MONTHS[month]} ${spacePad(local.day)} ${hms} ${zone} ${local.year}`
    case 'en_GB':
      return `${EN_DAYS[weekday]} ${spacePad(local.day)} ${EN_MONTHS[month]} ${hms} ${zone} ${local.year}`
    case 'de_DE':
      return `${DE_DAYS[weekday]} ${local.day}. ${DE_MONTHS[month]} ${hms} ${zone} ${local.year}`
    case 'iso':
      // `date -Iseconds` writes +00:00 where luxon's toISO would write Z.
      return local.toFormat("yyyy-MM-dd'T'HH:mm:ssZZ")
  }
}

/** The local calendar date (YYYY-MM-DD) of an instant in a zone: what the tracking file records. */
export function localDate(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toISODate() ?? ''
}

/** The instant of a wall-clock time on a local date in a zone (e.g. 03:00:01 on 2026-03-08). */
export function wallClock(date: string, time: { hour: number; minute: number; second: number }, timeZone: string): Date {
  const local = DateTime.fromISO(date, { zone: timeZone }).set(time)
  if (!local.isValid) throw new Error(`invalid date ${date} in ${timeZone}`)
  return local.toJSDate()
}
