/**
 * Numbers as rsync 3.x prints them. Every -h raises the level: `-av` groups digits,
 * `-avh` uses units of 1000, `-avhh` units of 1024. The locale decides the marks:
 * with a decimal comma (de_DE) the digit separator becomes a dot.
 */
export type RsyncFlags = '-av' | '-avh' | '-avhh'

export type RsyncNumberStyle = { flags: RsyncFlags; decimalComma: boolean }

const UNITS = ['K', 'M', 'G', 'T', 'P']

function groupDigits(n: number, separator: string): string {
  const digits = String(Math.trunc(Math.abs(n)))
  let out = ''
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += separator
    out += digits[i]
  }
  return n < 0 ? `-${out}` : out
}

function unitBase(flags: RsyncFlags): number | null {
  return flags === '-avh' ? 1000 : flags === '-avhh' ? 1024 : null
}

function decimal(value: number, digits: number, style: RsyncNumberStyle): string {
  const text = value.toFixed(digits)
  return style.decimalComma ? text.replace('.', ',') : text
}

/** A byte count or file count (`sent 12,348,795`, `sent 12.35M`, `sent 12,35M`). */
export function formatRsyncCount(n: number, style: RsyncNumberStyle): string {
  const base = unitBase(style.flags)
  if (base !== null && Math.abs(n) >= base) {
    let value = n / base
    let unit = 0
    while (Math.abs(value) >= base && unit < UNITS.length - 1) {
      value /= base
      unit++
    }
    return `${decimal(value, 2, style)}${UNITS[unit]}`
  }
  return groupDigits(n, style.decimalComma ? '.' : ',')
}

/** A rate with two decimals (`1,650,686.00`, `42.49M`, `84.00`). */
export function formatRsyncRate(n: number, style: RsyncNumberStyle): string {
  const base = unitBase(style.flags)
  if (base !== null && Math.abs(n) >= base) return formatRsyncCount(n, style)
  const cents = Math.round(n * 100)
  const whole = Math.trunc(cents / 100)
  const fraction = String(Math.abs(cents % 100)).padStart(2, '0')
  return `${groupDigits(whole, style.decimalComma ? '.' : ',')}${style.decimalComma ? ',' : '.'}${fraction}`
}

/** `speedup is 58.36` (always two decimals in the locale's mark). */
export function formatSpeedup(n: number, style: RsyncNumberStyle): string {
  return decimal(n, 2, style)
}

/** The two summary lines rsync ends every transfer with. */
export function summaryLines(
  t: { sentBytes: number; receivedBytes: number; seconds: number; totalSizeBytes: number },
  style: RsyncNumberStyle,
): [string, string] {
  const moved = t.sentBytes + t.receivedBytes
  const rate = moved / Math.max(t.seconds, 0.5)
  const speedup = moved > 0 ? t.totalSizeBytes / moved : 0
  return [
    `sent ${formatRsyncCount(t.sentBytes, style)} bytes  received ${formatRsyncCount(t.receivedBytes, style)} bytes  ${formatRsyncRate(rate, style)} bytes/sec`,
    `total size is ${formatRsyncCount(t.totalSizeBytes, style)}  speedup is ${formatSpeedup(speedup, style)}`,
  ]
}

export type TransferStats = {
  regularFiles: number
  directories: number
  createdFiles: number
  filesTransferred: number
  totalSizeBytes: number
  transferredSizeBytes: number
  sentBytes: number
  receivedBytes: number
}

/** The block `--stats` prints before the summary lines (rsync 3.2 wording). */
export function statsLines(s: TransferStats, style: RsyncNumberStyle): string[] {
  const n = (v: number): string => formatRsyncCount(v, style)
  const literal = Math.min(s.transferredSizeBytes, Math.max(0, s.sentBytes - s.filesTransferred * 64))
  const createdDirs = Math.min(s.directories, Math.round(s.createdFiles * (s.directories / Math.max(1, s.regularFiles + s.directories))))
  const created =
    s.createdFiles === 0 ? '0' : `${n(s.createdFiles)} (reg: ${n(s.createdFiles - createdDirs)}, dir: ${n(createdDirs)})`
  return [
    `Number of files: ${n(s.regularFiles + s.directories)} (reg: ${n(s.regularFiles)}, dir: ${n(s.directories)})`,
    `Number of created files: ${created}`,
    'Number of deleted files: 0',
    `Number of regular files transferred: ${n(s.filesTransferred)}`,
    `Total file size: ${n(s.totalSizeBytes)} bytes`,
    `Total transferred file size: ${n(s.transferredSizeBytes)} bytes`,
    `Literal data: ${n(literal)} bytes`,
    `Matched data: ${n(s.transferredSizeBytes - literal)} bytes`,
    'File list size: 0',
    'File list generation time: 0.001 seconds',
    'File list transfer time: 0.000 seconds',
    `Total bytes sent: ${n(s.sentBytes)}`,
    `Total bytes received: ${n(s.receivedBytes)}`,
  ]
}
