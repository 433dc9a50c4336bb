// Child process of import-crash.test.ts: imports the given files in small batches.
import { openDatabase } from '../../src/db/connection.js'
import { importLogs } from '../../src/ingest/import-logs.js'

const [database, logPath, trackingPath, now] = process.argv.slice(2)
const handle = openDatabase(database!)
const summary = await importLogs({
  handle,
  config: { backupLogPath: logPath!, backupTrackingPath: trackingPath!, timeZone: 'UTC', rsyncHumanBase: 1000 },
  now: new Date(Number(now)),
  batchSize: 20,
  onProgress: (p) => process.stdout.write(`progress ${p.bytesRead}/${p.totalBytes}\n`),
})
process.stdout.write(`done ${JSON.stringify(summary)}\n`)
await handle.close()
