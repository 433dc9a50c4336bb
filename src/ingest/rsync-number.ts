const UNIT_POWER: Record<string, number> = { K: 1, M: 2, G: 3, T: 4, P: 5 }

/**
 * Bytes from a number as rsync prints it under any -h level and locale:
 * `12,348,795` / `12.348.798` (no unit: `.` and `,` are thousands separators),
 * `12.35M` / `12,35M` (with a unit: `.` or `,` is the decimal mark; units are powers of
 * `humanBase`, 1000 for one -h, 1024 for -hh). Null when the text is no such number.
 */
export function parseRsyncNumber(text: string, humanBase: 1000 | 1024 = 1000): number | null {
  const m = /^(\d[\d.,]*)\s*([KMGTP])?(?:i?B)?$/i.exec(text.trim())
  if (!m) return null
  const digits = m[1]!
  const unit = m[2]?.toUpperCase()
  if (unit === undefined) {
    if (!/^\d{1,3}(?:([.,])\d{3}(?:\1\d{3})*)?$/.test(digits) && !/^\d+$/.test(digits)) return null
    return Number(digits.replace(/[.,]/g, ''))
  }
  // The last mark is the decimal one; any earlier ones can only be thousands separators.
  const lastMark = Math.max(digits.lastIndexOf('.'), digits.lastIndexOf(','))
  const mantissa =
    lastMark < 0 ? digits : `${digits.slice(0, lastMark).replace(/[.,]/g, '')}.${digits.slice(lastMark + 1)}`
  const value = Number(mantissa)
  if (!Number.isFinite(value)) return null
  return Math.round(value * humanBase ** UNIT_POWER[unit]!)
}
