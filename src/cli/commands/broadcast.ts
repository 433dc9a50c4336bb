import os from 'node:os'
import type { Command } from 'commander'
import type { Config } from '../../config.js'
import type { DatabaseHandle } from '../../db/connection.js'
import { importLogs } from '../../ingest/import-logs.js'
import { createBackupRunner } from '../../runner/backup-runner.js'
import { RunnerError } from '../../runner/errors.js'
import { followLog } from '../../runner/follow-log.js'
import { CliError, cliConfig, withDatabase } from '../context.js'
import { addTopLevelFlag } from './top-level-flag.js'

/** Exit code when another backup runs or the cooldown is not over: try again later (EX_TEMPFAIL). */
export const EXIT_TRY_LATER = 75

type Output = { write(chunk: string | Uint8Array): unknown }

/**
 * Starts the backup script through the same runner as "Run now", prints what it appends to
 * the log until it ends, then imports the log so the run is stored (marked manual). The
 * CLI waits for the script itself, so no server needs to be running; a running server's
 * follower reading the same log stores the same run (by its natural key), not a second one.
 * Returns the script's exit code.
 */
export async function broadcast(deps: { config: Config; handle: DatabaseHandle; stdout: Output; stderr: Output }): Promise<number> {
  const { config, handle, stderr } = deps
  const runner = createBackupRunner({ config, handle })
  let started
  try {
    started = await runner.trigger({ by: 'cli', user: os.userInfo().username })
  } catch (err) {
    if (err instanceof RunnerError) throw new CliError(err.message, err.transient ? EXIT_TRY_LATER : 1)
    throw err
  }
  const { trigger, exited } = started
  stderr.write(`replexon: broadcasting ${config.backupScriptPath} (pid ${trigger.pid}); its output goes to ${trigger.logPath}\n`)
  const onInterrupt = () => {
    stderr.write(`\nreplexon: stopped watching; the backup keeps running (pid ${trigger.pid})\n`)
    process.exit(130)
  }
  process.once('SIGINT', onInterrupt)
  try {
    await followLog(trigger.logPath, trigger.logOffset, exited, (chunk) => deps.stdout.write(chunk))
    const exit = await exited
    try {
      await importLogs({ handle, config })
      runner.markManualRuns()
    } catch (err) {
      stderr.write(`replexon: the run ended but could not be imported yet: ${err instanceof Error ? err.message : String(err)}\n`)
    }
    stderr.write(
      exit.exitCode === 0
        ? 'replexon: backup finished successfully\n'
        : `replexon: backup FAILED with exit code ${exit.exitCode}${exit.signal ? ` (${exit.signal})` : ''}\n`,
    )
    return exit.exitCode === 0 ? 0 : exit.exitCode > 255 ? 1 : exit.exitCode
  } finally {
    process.removeListener('SIGINT', onInterrupt)
  }
}

export function registerBroadcast(program: Command): void {
  addTopLevelFlag(program, '--broadcast', 'run the backup script now (like "Run now" on the dashboard) and show its output until it ends', async () => {
    const config = cliConfig()
    process.exitCode = await withDatabase(config, (handle) => broadcast({ config, handle, stdout: process.stdout, stderr: process.stderr }))
  })
}
