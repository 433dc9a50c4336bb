import { loadConfig, loadEnvFile, ConfigError, type Config } from '../config.js'
import { openDatabase, type DatabaseHandle } from '../db/connection.js'

/** An expected failure of a command: printed as one line, exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message)
    this.name = 'CliError'
  }
}

/** Reads `.env` and the environment; a bad value is a CliError with exit code 2. */
export function cliConfig(options: { requireSecret?: boolean } = {}): Config {
  try {
    loadEnvFile()
    return loadConfig(process.env, { requireSecret: options.requireSecret ?? false })
  } catch (err) {
    if (err instanceof ConfigError) throw new CliError(`configuration error: ${err.message}`, 2)
    throw err
  }
}

/** Runs `fn` with the configured database open (migrated), closing it afterwards. */
export async function withDatabase<T>(config: Config, fn: (handle: DatabaseHandle) => Promise<T> | T): Promise<T> {
  const handle = openDatabase(config.databasePath)
  try {
    return await fn(handle)
  } finally {
    await handle.close()
  }
}
