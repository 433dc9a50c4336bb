import { IANAZone } from 'luxon'

/** True for a zone name the IANA database knows (Europe/Berlin, UTC, America/Chicago). */
export function isValidTimeZone(name: string): boolean {
  return IANAZone.isValidZone(name)
}

/** The zone this server runs in, as an IANA name. */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}
