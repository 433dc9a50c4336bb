/**
 * Input a person can correct (a taken username, a short password). The web answers
 * 400 with the message next to `field`; the CLI prints the message and exits 1.
 */
export class UserInputError extends Error {
  constructor(
    message: string,
    readonly field?: 'username' | 'email' | 'password' | 'currentPassword' | 'role',
  ) {
    super(message)
    this.name = 'UserInputError'
  }
}

/** The named user does not exist (the web may answer 404). */
export class UserNotFoundError extends UserInputError {
  constructor(readonly username: string) {
    super(`No user named "${username}".`, 'username')
    this.name = 'UserNotFoundError'
  }
}

/** Too many wrong passwords in a row: try again after `retryAfterSeconds` (the web answers 429). */
export class ThrottledError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many wrong passwords. Try again in ${Math.ceil(retryAfterSeconds / 60)} min.`)
    this.name = 'ThrottledError'
  }
}
