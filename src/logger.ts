import pino, { type Logger } from 'pino'

/** The process-wide structured logger (JSON lines on stdout; journald keeps them). */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { app: 'replexon' },
    redact: {
      paths: ['password', '*.password', 'token', '*.token', 'req.headers.cookie', 'secretKey', '*.secretKey'],
      censor: '[redacted]',
    },
  })
}
