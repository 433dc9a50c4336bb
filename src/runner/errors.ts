/** Why a manual backup was not started; `code` decides the HTTP status and the CLI's exit code. */
export type RunnerErrorCode = 'script-missing' | 'script-not-executable' | 'log-unwritable' | 'spawn-failed' | 'busy' | 'cooldown'

/** An expected refusal or failure to start the backup script, with a message for people. */
export class RunnerError extends Error {
  constructor(
    readonly code: RunnerErrorCode,
    message: string,
    /** For `cooldown`: seconds until a manual run is allowed again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message)
    this.name = 'RunnerError'
  }

  /** True for refusals that pass by themselves (wait and retry), false for setup problems. */
  get transient(): boolean {
    return this.code === 'busy' || this.code === 'cooldown'
  }
}
