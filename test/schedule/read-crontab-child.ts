// Run as an unprivileged user by crontab-access.test.ts: prints what reading a crontab gives.
import { readCrontab } from '../../src/schedule/crontab-io.js'

try {
  process.stdout.write(JSON.stringify({ text: await readCrontab(process.argv[2]!) }))
} catch (err) {
  process.stdout.write(JSON.stringify({ error: (err as Error).name, message: (err as Error).message }))
}
