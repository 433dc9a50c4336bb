import { scanBytes, type CoreResult, type ScanCoreOptions } from '../../src/ingest/scan-core.js'

/** Now for tests: a week after the fixtures' dates. */
export const NOW = new Date('2026-03-10T12:00:00Z')

/** Scans an in-memory log exactly as a file would be scanned. */
export function scanText(text: string | Buffer, options: Partial<ScanCoreOptions> = {}): CoreResult {
  return scanBytes(typeof text === 'string' ? Buffer.from(text) : text, {
    file: 'test.log',
    timeZone: 'UTC',
    humanBase: 1000,
    now: NOW,
    baseOffset: 0,
    collectSkipped: true,
    ...options,
  })
}

/** A successful -av backup of one day (UTC, C locale). */
export function okRun(day: number, sent = '1,234', total = '5,678'): string {
  const date = `Mon Mar  ${day} 03:00:00 UTC 2026`
  return [
    `=== Plex Backup Started: ${date} ===`,
    'sending incremental file list',
    'Preferences.xml',
    '',
    `sent ${sent} bytes  received 42 bytes  2,552.00 bytes/sec`,
    `total size is ${total}  speedup is 1.00`,
    `=== Plex Backup Completed Successfully: Mon Mar  ${day} 03:02:05 UTC 2026 ===`,
    '',
  ].join('\n')
}
