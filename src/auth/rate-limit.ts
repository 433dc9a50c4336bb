import type { LoginAttemptsRepository } from '../db/repositories/login-attempts.js'

/** This many failures inside the window blocks further attempts... */
export const LOGIN_MAX_FAILURES = 10
/** ...for this long after each failure. */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000
/** Attempts older than this are deleted by pruneLoginAttempts. */
export const LOGIN_ATTEMPT_RETENTION_MS = 24 * 60 * 60 * 1000

// Attackers choose the username; a bounded key keeps the table small.
const USERNAME_KEY_LENGTH = 256
const usernameKey = (username: string) => username.slice(0, USERNAME_KEY_LENGTH)

export type LoginAllowance = { allowed: true } | { allowed: false; retryAfterSeconds: number }

/**
 * Seconds until fewer than LOGIN_MAX_FAILURES of `failureTimes` (newest first) remain in
 * the window, or 0 when there are already fewer.
 */
export function secondsUntilAllowed(failureTimes: readonly number[], now: number): number {
  const blocking = failureTimes[LOGIN_MAX_FAILURES - 1]
  if (blocking === undefined) return 0
  return Math.max(1, Math.ceil((blocking + LOGIN_WINDOW_MS - now) / 1000))
}

/** Whether a login for `username` from `ip` may be tried at `now` (both keys are checked). */
export async function checkLoginAllowed(
  repo: LoginAttemptsRepository,
  attempt: { ip: string; username: string; now: number },
): Promise<LoginAllowance> {
  const since = attempt.now - LOGIN_WINDOW_MS
  const [byIp, byUsername] = await Promise.all([
    repo.failureTimesByIp(attempt.ip, since, LOGIN_MAX_FAILURES),
    repo.failureTimesByUsername(usernameKey(attempt.username), since, LOGIN_MAX_FAILURES),
  ])
  const wait = Math.max(secondsUntilAllowed(byIp, attempt.now), secondsUntilAllowed(byUsername, attempt.now))
  return wait === 0 ? { allowed: true } : { allowed: false, retryAfterSeconds: wait }
}

/**
 * Records an attempt. A success ends the count for its username (failures before it no
 * longer count for the name) while those failures still count for their addresses.
 */
export async function recordLoginAttempt(
  repo: LoginAttemptsRepository,
  attempt: { ip: string; username: string; succeeded: boolean; now: number },
): Promise<void> {
  await repo.insert({ ip: attempt.ip, username: usernameKey(attempt.username), succeeded: attempt.succeeded, attemptedAt: attempt.now })
}

/**
 * Forgets the username's failures, for it and for the addresses they came from, so an
 * admin at the console (reset-password) can always get back in.
 */
export function clearUsernameFailures(repo: LoginAttemptsRepository, username: string): Promise<number> {
  return repo.clearFailuresForUsername(usernameKey(username))
}

/** Deletes attempts older than a day; returns how many. */
export function pruneLoginAttempts(repo: LoginAttemptsRepository, now: number): Promise<number> {
  return repo.deleteOlderThan(now - LOGIN_ATTEMPT_RETENTION_MS)
}
