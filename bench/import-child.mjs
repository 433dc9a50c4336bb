// Runs one full import (the `import-logs` path: scan, tracking reconcile, SQLite writes,
// search index) with the compiled code in dist/, as production runs it, in its own process
// so its peak RSS is its own. Usage (after `npm run build`):
//   node bench/import-child.mjs '{"logPath":"...","trackingPath":"...","dbPath":"...","timeZone":"..."}'
// Prints one JSON line with the import summary, its time and process.resourceUsage().maxRSS (KiB).
import { openDatabase } from '../dist/db/connection.js'
import { importLogs } from '../dist/ingest/import-logs.js'

const input = JSON.parse(process.argv[2] ?? '{}')
const handle = openDatabase(input.dbPath)
const started = performance.now()
const summary = await importLogs({
  handle,
  config: { backupLogPath: input.logPath, backupTrackingPath: input.trackingPath, timeZone: input.timeZone, rsyncHumanBase: 1000 },
})
const ms = performance.now() - started
await handle.close()
process.stdout.write(`${JSON.stringify({ ...summary, ms, maxRssKiB: process.resourceUsage().maxRSS })}\n`)
