import { DateTime } from 'luxon'

/** An instant as people read it in the server's zone, with the zone shown: "2026-02-23 03:13 EST". */
export function formatInstant(epochMs: number, timeZone: string): string {
  return DateTime.fromMillis(epochMs, { zone: timeZone }).toFormat('yyyy-LL-dd HH:mm ZZZZ')
}
