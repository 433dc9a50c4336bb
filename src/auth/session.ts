import crypto from 'node:crypto'
import type { Session, SessionsRepository } from '../db/repositories/sessions.js'
import type { User } from '../db/repositories/users.js'

const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR

/** A session ends after this long without a request... */
export const SESSION_IDLE_TIMEOUT_MS = 7 * DAY
/** ...and this long after sign-in, however active. */
export const SESSION_ABSOLUTE_TIMEOUT_MS = 30 * DAY
/** Activity is written at most this often, so browsing does not write on every request. */
export const SESSION_RENEW_INTERVAL_MS = HOUR
/** A suggested cookie name for the web layer. */
export const SESSION_COOKIE_NAME = 'replexon_session'

const TOKEN_BYTES = 32
// 32 bytes in base64url without padding.
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/

/** The database key of a cookie token: its SHA-256, hex. */
export function hashSessionToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex')
}

/** When a session seen last at `lastSeenAt` ends: the earlier of the idle and absolute limits. */
export function sessionExpiresAt(createdAt: number, lastSeenAt: number): number {
  return Math.min(lastSeenAt + SESSION_IDLE_TIMEOUT_MS, createdAt + SESSION_ABSOLUTE_TIMEOUT_MS)
}

/**
 * What a request at `now` does to the session: `expired` once either limit has passed,
 * `renew` when more than an hour has gone since activity was last written, else `valid`.
 */
export function sessionStateAt(session: Pick<Session, 'createdAt' | 'lastSeenAt' | 'expiresAt'>, now: number): 'expired' | 'renew' | 'valid' {
  if (now >= session.expiresAt || now >= session.createdAt + SESSION_ABSOLUTE_TIMEOUT_MS) return 'expired'
  return now - session.lastSeenAt > SESSION_RENEW_INTERVAL_MS ? 'renew' : 'valid'
}

/** Starts a session; only the returned token (for the cookie) can find it again. */
export async function createSession(
  repo: SessionsRepository,
  userId: number,
  context: { ip?: string | null; userAgent?: string | null; now: number },
): Promise<{ token: string; session: Session }> {
  const token = crypto.randomBytes(TOKEN_BYTES).toString('base64url')
  const now = context.now
  const session: Session = {
    id: hashSessionToken(token),
    userId,
    csrfToken: crypto.randomBytes(TOKEN_BYTES).toString('base64url'),
    createdAt: now,
    lastSeenAt: now,
    expiresAt: sessionExpiresAt(now, now),
    ip: context.ip ?? null,
    userAgent: context.userAgent?.slice(0, 512) ?? null,
  }
  await repo.insert(session)
  return { token, session }
}

/**
 * The session and user a cookie token belongs to, or null. Deletes an expired session
 * and slides the idle window forward (written at most hourly).
 */
export async function validateSessionToken(
  repo: SessionsRepository,
  token: string | undefined | null,
  now: number,
): Promise<{ session: Session; user: User } | null> {
  if (!token || !TOKEN_PATTERN.test(token)) return null
  const found = await repo.findWithUser(hashSessionToken(token))
  if (!found) return null
  const { session } = found
  const state = sessionStateAt(session, now)
  if (state === 'expired') {
    await repo.delete(session.id)
    return null
  }
  if (state === 'renew') {
    const expiresAt = sessionExpiresAt(session.createdAt, now)
    await repo.updateActivity(session.id, now, expiresAt)
    return { session: { ...session, lastSeenAt: now, expiresAt }, user: found.user }
  }
  return found
}

/** Ends one session (logout). */
export function invalidateSession(repo: SessionsRepository, sessionId: string): Promise<boolean> {
  return repo.delete(sessionId)
}

/** Ends every session of the user, except `except` (the one changing its password); returns how many. */
export function invalidateUserSessions(repo: SessionsRepository, userId: number, options: { except?: string } = {}): Promise<number> {
  return repo.deleteByUser(userId, options.except)
}

/** Deletes sessions past their expiry; returns how many. */
export function pruneExpiredSessions(repo: SessionsRepository, now: number): Promise<number> {
  return repo.deleteExpired(now)
}
