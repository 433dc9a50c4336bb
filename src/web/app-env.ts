import type { Logger } from 'pino'
import type { Config } from '../config.js'
import type { Services } from '../services.js'
import type { CurrentUser } from './middleware/session.js'

/** What every handler finds on `c.var`. */
export type AppEnv = {
  Variables: {
    config: Config
    services: Services
    logger: Logger
    /** The signed-in user, or null (set by the session middleware). */
    user: CurrentUser | null
    sessionId: string | null
    csrfToken: string | null
  }
}
