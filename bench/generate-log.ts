// Usage: node --import tsx bench/generate-log.ts <size e.g. 1G|200M> <out-path>
//          [--style en_US|C|en_GB|de_DE|iso] [--zone IANA] [--rsync -av|-avh|-avhh]
//          [--stats|--no-stats] [--seed N] [--end YYYY-MM-DD]
// Writes a realistic plex-backup.log of about that size (nightly runs back in time from
// --end, default the newest 03:00 run) and its tracking file beside it.
import path from 'node:path'
import { parseArgs } from 'node:util'
import { lastRunDate } from '../src/demo/run-plan.js'
import { writeBigLog } from './big-log.js'
import { formatMiB, parseSize } from './size-arg.js'
import { presetStyle } from './style-presets.js'

function trackingPathFor(logPath: string): string {
  const dir = path.dirname(logPath)
  const base = path.basename(logPath).replace(/\.log$/, '')
  return path.join(dir, `${base}-tracking.log`)
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      style: { type: 'string', default: 'en_US' },
      zone: { type: 'string' },
      rsync: { type: 'string' },
      stats: { type: 'boolean' },
      'no-stats': { type: 'boolean' },
      seed: { type: 'string', default: '2026' },
      end: { type: 'string' },
    },
  })
  const [sizeText, outPath] = positionals
  if (!sizeText || !outPath) throw new Error('usage: generate-log.ts <size e.g. 1G|200M> <out-path> [--style en_US|C|en_GB|de_DE|iso]')
  const stats = values['no-stats'] ? false : values.stats
  const style = presetStyle(values.style, { zone: values.zone, rsync: values.rsync, stats })
  const seed = Number(values.seed)
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, not "${values.seed}"`)
  if (values.end !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.end)) throw new Error(`--end must be YYYY-MM-DD, not "${values.end}"`)
  const lastDate = values.end ?? lastRunDate(new Date(), style.timeZone)
  const started = performance.now()
  const meta = await writeBigLog({
    targetBytes: parseSize(sizeText),
    logPath: outPath,
    trackingPath: trackingPathFor(outPath),
    style,
    seed,
    lastDate,
  })
  const seconds = (performance.now() - started) / 1000
  process.stdout.write(
    `wrote ${outPath}: ${formatMiB(meta.bytes)}, ${meta.runs} nightly runs (${meta.firstDate} .. ${meta.lastDate}), ` +
      `${seconds.toFixed(1)} s (${(meta.bytes / 1e6 / seconds).toFixed(0)} MB/s)\n`,
  )
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`generate-log: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exitCode = 1
})
