import type { Command } from 'commander'
import { CliError, cliConfig } from '../context.js'
import { isValidTimeZone } from '../../time/zone.js'
import { MissingLogError, readLogs } from '../../ingest/read-logs.js'
import type { ParsedRun, SkippedLine } from '../../ingest/types.js'

type ParseFlags = { log: string; tracking?: string; tz?: string; verbose?: boolean }

/** The fields `replexon parse` prints for a run, in a stable order. */
export function runToJson(run: ParsedRun) {
  return {
    kind: run.kind,
    jobName: run.jobName,
    status: run.status,
    date: run.date === '' ? null : run.date,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    durationSeconds: run.durationSeconds,
    exitCode: run.exitCode,
    sentBytes: run.sentBytes,
    receivedBytes: run.receivedBytes,
    totalSizeBytes: run.totalSizeBytes,
    filesTransferred: run.filesTransferred,
    error: run.error,
    origin: run.origin,
    source: run.source,
    parentIndex: run.parentIndex,
    trackingLine: run.trackingLine ?? null,
  }
}

function describeSkipped(s: SkippedLine): string {
  const where = s.line === null ? `offset ${s.offset}` : `line ${s.line}`
  return `${s.file}:${where}: ${s.reason}: ${JSON.stringify(s.text)}`
}

export function registerParse(program: Command): void {
  program
    .command('parse')
    .description('print the runs found in a backup log (and tracking file) as JSON; reads rotated siblings too, never the database')
    .requiredOption('--log <file>', 'the backup log, e.g. /var/log/plex-backup.log')
    .option('--tracking <file>', 'the tracking file (plex-backup-tracking.log) to reconcile with')
    .option('--tz <zone>', 'IANA time zone the log was written in (default: LOG_TIMEZONE)')
    .option('--verbose', 'list the lines that were skipped, and why, on stderr')
    .action(async (flags: ParseFlags) => {
      const config = cliConfig()
      const timeZone = flags.tz ?? config.timeZone
      if (!isValidTimeZone(timeZone)) throw new CliError(`--tz: "${timeZone}" is not an IANA time zone such as Europe/Berlin`, 2)
      try {
        const result = await readLogs({
          logPath: flags.log,
          trackingPath: flags.tracking ?? null,
          timeZone,
          humanBase: config.rsyncHumanBase,
          collectSkipped: flags.verbose ?? false,
        })
        process.stdout.write(`${JSON.stringify(result.runs.map(runToJson), null, 2)}\n`)
        if (flags.verbose) {
          for (const s of result.skipped) process.stderr.write(`skipped ${describeSkipped(s)}\n`)
          const more = result.skippedCount - result.skipped.length
          process.stderr.write(`${result.runs.length} run(s) from ${result.files.join(', ')}; ${result.skippedCount} line(s) skipped${more > 0 ? ` (${more} not listed)` : ''}\n`)
        }
      } catch (err) {
        if (err instanceof MissingLogError) throw new CliError(err.message)
        throw err
      }
    })
}
