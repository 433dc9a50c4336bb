// Runs one scanLog in its own process so its peak RSS is its own. Usage:
//   node --import tsx bench/scan-child.ts '{"file":"...","timeZone":"...","fromOffset":0}'
// Prints one JSON line: scan time, counts, and process.resourceUsage().maxRSS (KiB).
import { scanLog } from '../src/ingest/scan-log.js'

export type ScanChildInput = { file: string; timeZone: string; fromOffset?: number; humanBase?: 1000 | 1024 }
export type ScanChildResult = {
  ms: number
  runs: number
  skippedCount: number
  bytesScanned: number
  resumeOffset: number
  maxRssKiB: number
}

const input = JSON.parse(process.argv[2] ?? '{}') as ScanChildInput
const started = performance.now()
const result = await scanLog(input.file, {
  timeZone: input.timeZone,
  ...(input.fromOffset !== undefined ? { fromOffset: input.fromOffset } : {}),
  ...(input.humanBase !== undefined ? { humanBase: input.humanBase } : {}),
})
const output: ScanChildResult = {
  ms: performance.now() - started,
  runs: result.runs.length,
  skippedCount: result.skippedCount,
  bytesScanned: result.bytesScanned,
  resumeOffset: result.resumeOffset,
  maxRssKiB: process.resourceUsage().maxRSS,
}
process.stdout.write(`${JSON.stringify(output)}\n`)
