import { BANNER } from './cli/banner.js'
import { ConfigError, loadConfig, loadEnvFile, type Config } from './config.js'
import { startServer } from './server.js'

/** `npm start`: production entry point. Reads `.env`, then the environment. */
async function main(): Promise<void> {
  let config: Config
  try {
    loadEnvFile()
    config = loadConfig()
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`replexon: configuration error: ${err.message}\n`)
      process.exit(2)
    }
    throw err
  }
  process.stdout.write(`${BANNER}\n`)
  // Listening comes before start-up has finished: a signal in between waits for it, then stops cleanly.
  let stopping = false
  const starting = startServer(config)
  const stop = () => {
    if (stopping) return
    stopping = true
    starting
      .then((running) => running.close())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      )
  }
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
  await starting
}

await main()
