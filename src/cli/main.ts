#!/usr/bin/env node
import { Command, CommanderError } from 'commander'
import { BANNER } from './banner.js'
import { CliError } from './context.js'
import { VERSION } from '../version.js'
import { registerInitDb } from './commands/init-db.js'
import { registerDemo } from './commands/demo.js'
import { registerCreateUser } from './commands/create-user.js'
import { registerResetPassword } from './commands/reset-password.js'
import { registerListUsers } from './commands/list-users.js'
import { registerImportLogs } from './commands/import-logs.js'
import { registerParse } from './commands/parse.js'
import { registerBroadcast } from './commands/broadcast.js'
import { registerRerun } from './commands/rerun.js'
import { registerStatic } from './commands/static.js'

/** Builds the `replexon` command line; each command lives in commands/<name>.ts. */
export function buildProgram(): Command {
  const program = new Command()
  program
    .name('replexon')
    .description('Keeps your Plex backups honest: dashboard, alerts and log tools.')
    .version(VERSION, '-V, --version')
    .addHelpText('beforeAll', BANNER)
    .showHelpAfterError('(run replexon --help for the list of commands)')
  registerInitDb(program)
  registerDemo(program)
  registerCreateUser(program)
  registerResetPassword(program)
  registerListUsers(program)
  registerImportLogs(program)
  registerParse(program)
  registerBroadcast(program)
  registerRerun(program)
  registerStatic(program)
  return program
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram()
  program.exitOverride()
  try {
    await program.parseAsync(argv)
    return typeof process.exitCode === 'number' ? process.exitCode : 0
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode
    if (err instanceof CliError) {
      process.stderr.write(`replexon: ${err.message}\n`)
      return err.exitCode
    }
    process.stderr.write(`replexon: unexpected error: ${err instanceof Error ? err.stack : String(err)}\n`)
    return 1
  }
}

process.exitCode = await main(process.argv)
