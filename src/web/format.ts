import { DateTime } from 'luxon'

/** An instant as people read it in the server's zone, with the zone shown: "2026-02-23 03:13 EST". */
export function formatInstant(epochMs: number, timeZone: string): string {
  return DateTime.fromMillis(epochMs, { zone: timeZone }).toFormat('yyyy-LL-dd HH:mm ZZZZ')
}

/** The exact instant for a tooltip: "2026-02-23 03:13:23 EST (2026-02-23T08:13:23.000Z)". */
export function formatInstantExact(epochMs: number, timeZone: string): string {
  return `${DateTime.fromMillis(epochMs, { zone: timeZone }).toFormat('yyyy-LL-dd HH:mm:ss ZZZZ')} (${new Date(epochMs).toISOString()})`
}

const UNITS = ['bytes', 'kB', 'MB', 'GB', 'TB', 'PB'] as const

/** Bytes for people, in powers of 1000 as rsync -h prints them: "1.2 GB", "850 bytes". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return 'unknown'
  let value = Math.abs(bytes)
  let unit = 0
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000
    unit++
  }
  const shown = unit === 0 ? String(Math.round(value)) : value >= 100 ? value.toFixed(0) : value.toFixed(1)
  return `${bytes < 0 ? '-' : ''}${shown} ${UNITS[unit]}`
}

/** The exact byte count with thousands separators, for tooltips. */
export function formatBytesExact(bytes: number): string {
  return `${Math.round(bytes).toLocaleString('en-US')} bytes`
}

/** A duration for people: "45 s", "13 min 42 s", "2 h 5 min", "3 d 4 h". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return 'unknown'
  const s = Math.round(seconds)
  if (s < 60) return `${s} s`
  const m = Math.floor(s / 60)
  if (m < 60) return s % 60 === 0 ? `${m} min` : `${m} min ${s % 60} s`
  const h = Math.floor(m / 60)
  if (h < 24) return m % 60 === 0 ? `${h} h` : `${h} h ${m % 60} min`
  const d = Math.floor(h / 24)
  return h % 24 === 0 ? `${d} d` : `${d} d ${h % 24} h`
}

/** How long ago, for people: "just now", "6 h ago", "3 days ago"; in the future: "in 2 h". */
export function formatRelative(epochMs: number, now: number): string {
  const diff = now - epochMs
  const future = diff < 0
  const s = Math.abs(diff) / 1000
  let text: string
  if (s < 45) return 'just now'
  if (s < 90 * 60) text = `${Math.max(1, Math.round(s / 60))} min`
  else if (s < 36 * 3600) text = `${Math.round(s / 3600)} h`
  else {
    const days = Math.round(s / 86400)
    text = `${days} day${days === 1 ? '' : 's'}`
  }
  return future ? `in ${text}` : `${text} ago`
}

/** A percentage with one decimal where it matters: "96.7 %", "100 %". */
export function formatPercent(ratio: number): string {
  const p = ratio * 100
  return `${Number.isInteger(Math.round(p * 10) / 10) ? Math.round(p) : p.toFixed(1)} %`
}
