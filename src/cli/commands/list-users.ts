import type { Command } from 'commander'
import { DateTime } from 'luxon'
import { cliConfig, withDatabase } from '../context.js'
import { createUsersRepository, type User } from '../../db/repositories/users.js'

function formatTime(ms: number | null, timeZone: string): string {
  return ms === null ? 'never' : DateTime.fromMillis(ms, { zone: timeZone }).toFormat('yyyy-MM-dd HH:mm')
}

/** The users as an aligned text table, times in `timeZone`. */
export function formatUsersTable(users: readonly User[], timeZone: string): string {
  if (users.length === 0) return 'No users yet. Add one with: replexon create-user --username NAME --admin\n'
  const header = ['USERNAME', 'EMAIL', 'ROLE', 'CREATED', 'LAST LOGIN']
  const rows = users.map((u) => [u.username, u.email ?? '-', u.role, formatTime(u.createdAt, timeZone), formatTime(u.lastLoginAt, timeZone)])
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()
  return [line(header), ...rows.map(line)].join('\n') + '\n'
}

export function registerListUsers(program: Command): void {
  program
    .command('list-users')
    .description('show who can sign in, with roles and last sign-in')
    .action(async () => {
      const config = cliConfig()
      const users = await withDatabase(config, ({ db }) => createUsersRepository(db).list())
      process.stdout.write(formatUsersTable(users, config.timeZone))
    })
}
