import type { Db } from '../db/connection.js'
import type { Role } from '../db/schema.js'
import { createLoginAttemptsRepository } from '../db/repositories/login-attempts.js'
import { createSessionsRepository } from '../db/repositories/sessions.js'
import { createUsersRepository, UserExistsError, type NewUser, type User } from '../db/repositories/users.js'
import { ThrottledError, UserInputError, UserNotFoundError } from './errors.js'
import { hashPassword, PASSWORD_MAX_LENGTH, passwordLength, validateNewPassword, verifyAgainstDummy, verifyPassword } from './password.js'
import { checkLoginAllowed, clearUsernameFailures, recordLoginAttempt } from './rate-limit.js'
import { invalidateUserSessions } from './session.js'
import { isRole, validateEmail, validateUsername } from './user-input.js'

/** The one answer for an unknown user and a wrong password, so neither can be told apart. */
export const INVALID_CREDENTIALS_MESSAGE = 'Incorrect username or password'

export type AuthenticateResult =
  | { ok: true; user: User }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number }

export type UsersService = ReturnType<typeof createUsersService>

function newPasswordOrThrow(password: string): string {
  const problem = validateNewPassword(password)
  if (problem) throw new UserInputError(problem, 'password')
  return password
}

export type NewUserInput = { username: string; email?: string | null; role?: Role; password: string }

/** The user to store: name, email and role checked, password checked and hashed. */
async function checkNewUser(input: NewUserInput): Promise<NewUser> {
  const username = input.username.trim()
  const usernameProblem = validateUsername(username)
  if (usernameProblem) throw new UserInputError(usernameProblem, 'username')
  const email = input.email?.trim() || null
  const emailProblem = email === null ? null : validateEmail(email)
  if (emailProblem) throw new UserInputError(emailProblem, 'email')
  const role = input.role ?? 'viewer'
  if (!isRole(role)) throw new UserInputError(`Role must be admin or viewer.`, 'role')
  const passwordHash = await hashPassword(newPasswordOrThrow(input.password))
  return { username, email, role, passwordHash }
}

/** User accounts and sign-in, shared by the CLI and the web. Input problems throw UserInputError. */
export function createUsersService(db: Db) {
  const users = createUsersRepository(db)
  const sessions = createSessionsRepository(db)
  const attempts = createLoginAttemptsRepository(db)

  async function requireUser(username: string): Promise<User> {
    const user = await users.findByUsername(username.trim())
    if (!user) throw new UserNotFoundError(username.trim())
    return user
  }

  async function guardLastAdmin(user: User, action: string): Promise<void> {
    if (user.role === 'admin' && (await users.countAdmins()) <= 1) {
      throw new UserInputError(`Cannot ${action} "${user.username}": it is the only admin.`, 'role')
    }
  }

  return {
    users,

    async createUser(input: NewUserInput, now = Date.now()): Promise<User> {
      const checked = await checkNewUser(input)
      try {
        return await users.create(checked, now)
      } catch (err) {
        if (err instanceof UserExistsError) throw new UserInputError(err.message, 'username')
        throw err
      }
    },

    /** The first administrator (/setup): null when someone else was first. */
    async createFirstAdmin(input: Omit<NewUserInput, 'role'>, now = Date.now()): Promise<User | null> {
      return users.createFirst(await checkNewUser({ ...input, role: 'admin' }), now)
    },


    /** Sets a new password, ends all the user's sessions and clears its login throttle. */
    async resetPassword(username: string, password: string, now = Date.now()): Promise<{ user: User; endedSessions: number }> {
      const user = await requireUser(username)
      const passwordHash = await hashPassword(newPasswordOrThrow(password))
      await users.updatePassword(user.id, passwordHash, now)
      const endedSessions = await invalidateUserSessions(sessions, user.id)
      await clearUsernameFailures(attempts, user.username)
      return { user, endedSessions }
    },

    /**
     * Checks the current password, sets the new one and ends every other session. Wrong
     * current passwords count like wrong sign-ins (a stolen session cannot guess freely).
     */
    async changeOwnPassword(
      userId: number,
      current: string,
      next: string,
      keepSessionId: string,
      options: { ip?: string; now?: number } = {},
    ): Promise<{ endedSessions: number }> {
      const now = options.now ?? Date.now()
      const ip = options.ip ?? 'unknown'
      const found = await users.findCredentials({ id: userId })
      if (!found) throw new UserInputError('This account no longer exists.')
      const username = found.user.username
      const allowance = await checkLoginAllowed(attempts, { ip, username, now })
      if (!allowance.allowed) throw new ThrottledError(allowance.retryAfterSeconds)
      if (!(await verifyPassword(found.passwordHash, current))) {
        await recordLoginAttempt(attempts, { ip, username, succeeded: false, now })
        throw new UserInputError('The current password is not correct.', 'currentPassword')
      }
      const passwordHash = await hashPassword(newPasswordOrThrow(next))
      await users.updatePassword(userId, passwordHash, now)
      return { endedSessions: await invalidateUserSessions(sessions, userId, { except: keepSessionId }) }
    },

    /**
     * Checks a sign-in. Throttled attempts are not verified or counted; an unknown user costs
     * a dummy verification and answers exactly like a wrong password.
     */
    async authenticate(input: { username: string; password: string; ip: string; now: number }): Promise<AuthenticateResult> {
      const username = input.username.trim()
      const { ip, now } = input
      const allowance = await checkLoginAllowed(attempts, { ip, username, now })
      if (!allowance.allowed) return { ok: false, reason: 'throttled', retryAfterSeconds: allowance.retryAfterSeconds }
      const found = username === '' ? undefined : await users.findCredentials({ username })
      // No stored password is longer than the maximum, so a longer one is wrong without hashing it all.
      const plausible = passwordLength(input.password) <= PASSWORD_MAX_LENGTH
      const ok = found && plausible ? await verifyPassword(found.passwordHash, input.password) : await verifyAgainstDummy(plausible ? input.password : '')
      await recordLoginAttempt(attempts, { ip, username, succeeded: ok, now })
      if (!ok || !found) return { ok: false, reason: 'invalid' }
      await users.touchLogin(found.user.id, now)
      return { ok: true, user: { ...found.user, lastLoginAt: now } }
    },

    listUsers(): Promise<User[]> {
      return users.list()
    },

    /** Changes a role; the last admin cannot be demoted. */
    async setRole(userId: number, role: Role, now = Date.now()): Promise<User> {
      const user = await users.findById(userId)
      if (!user) throw new UserInputError('No such user.')
      if (user.role === role) return user
      if (role !== 'admin') await guardLastAdmin(user, 'demote')
      await users.updateRole(userId, role, now)
      return { ...user, role, updatedAt: now }
    },

    /** Deletes a user and its sessions; the last admin cannot be deleted. */
    async deleteUser(userId: number): Promise<void> {
      const user = await users.findById(userId)
      if (!user) throw new UserInputError('No such user.')
      await guardLastAdmin(user, 'delete')
      await users.remove(userId)
    },
  }
}
