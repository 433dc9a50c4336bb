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
