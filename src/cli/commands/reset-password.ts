import type { Command } from 'commander'
import { CliError, cliConfig, withDatabase } from '../context.js'
import { readNewPassword } from '../password-input.js'
import { createUsersService } from '../../auth/users-service.js'
import { UserInputError } from '../../auth/errors.js'

export function registerResetPassword(program: Command): void {
  program
    .command('reset-password')
    .description("set a user's password, sign it out everywhere and lift any login lockout")
    .requiredOption('--username <name>', 'whose password to set')
    .option('--password-stdin', 'read the password from the first line of stdin instead of asking')
    .action(async (options: { username: string; passwordStdin?: boolean }) => {
      const config = cliConfig()
      await withDatabase(config, async ({ db }) => {
        const service = createUsersService(db)
        try {
          // Check the name before asking for a password that could not be used.
          if (!(await service.users.findByUsername(options.username.trim()))) {
            throw new CliError(`no user named "${options.username.trim()}" (see replexon list-users)`)
          }
          const password = await readNewPassword(options)
          const { user, endedSessions } = await service.resetPassword(options.username, password)
          process.stdout.write(`Password of "${user.username}" changed; ended ${endedSessions} session(s).\n`)
        } catch (err) {
          throw err instanceof UserInputError ? new CliError(err.message) : err
        }
      })
    })
}
