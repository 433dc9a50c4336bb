import type { Command } from 'commander'
import { cliConfig } from '../context.js'
import { openDatabase } from '../../db/connection.js'
import { migrate } from '../../db/migrate.js'

export function registerInitDb(program: Command): void {
  program
    .command('init-db')
    .description('create the database (in DATA_DIR) and apply pending migrations')
    .action(() => {
      const config = cliConfig()
      const handle = openDatabase(config.databasePath, { migrate: false })
      try {
        const applied = migrate(handle.sqlite)
        process.stdout.write(
          applied.length === 0
            ? `Database ${config.databasePath} is up to date.\n`
            : `Database ${config.databasePath}: applied migration(s) ${applied.join(', ')}.\n`,
        )
      } finally {
        handle.sqlite.close()
      }
    })
}
