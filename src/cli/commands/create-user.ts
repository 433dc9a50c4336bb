import type { Command } from 'commander'
import { CliError, cliConfig, withDatabase } from '../context.js'
import { readNewPassword } from '../password-input.js'
import { createUsersService } from '../../auth/users-service.js'
import { UserInputError } from '../../auth/errors.js'
import { validateUsername } from '../../auth/user-input.js'

export function registerCreateUser(program: Command): void {
  program
    .command('create-user')
    .description('add a user who can sign in to the dashboard (a viewer unless --admin)')
    .requiredOption('--username <name>', 'letters, digits and . _ - @ (1-64 characters)')
    .option('--email <address>', 'contact address for alerts')
    .option('--admin', 'may change settings, schedules and users, and start backups')
    .option('--password-stdin', 'read the password from the first line of stdin instead of asking')
    .action(async (options: { username: string; email?: string; admin?: boolean; passwordStdin?: boolean }) => {
      const config = cliConfig()
      await withDatabase(config, async ({ db }) => {
        const service = createUsersService(db)
        try {
          // Catch a bad or taken name before asking for a password that could not be used.
          const username = options.username.trim()
          const problem = validateUsername(username)
          if (problem) throw new CliError(problem)
          if (await service.users.findByUsername(username)) throw new CliError(`a user named "${username}" already exists`)
          const password = await readNewPassword(options)
          const user = await service.createUser({
            username,
            email: options.email ?? null,
            role: options.admin ? 'admin' : 'viewer',
            password,
          })
          process.stdout.write(`Created ${user.role} "${user.username}".\n`)
        } catch (err) {
          throw err instanceof UserInputError ? new CliError(err.message) : err
        }
      })
    })
}
