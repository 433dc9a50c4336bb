import type { Db } from '../connection.js'

export type LoginAttempt = { ip: string; username: string; succeeded: boolean; attemptedAt: number }

export type LoginAttemptsRepository = ReturnType<typeof createLoginAttemptsRepository>

export function createLoginAttemptsRepository(db: Db) {
  return {
    async insert(attempt: LoginAttempt): Promise<void> {
      await db
        .insertInto('login_attempts')
        .values({
          ip: attempt.ip,
          username: attempt.username,
          succeeded: attempt.succeeded ? 1 : 0,
          attempted_at: attempt.attemptedAt,
        })
        .execute()
    },

    /** Times of failed attempts from `ip` after `since`, newest first, at most `limit`. */
    async failureTimesByIp(ip: string, since: number, limit: number): Promise<number[]> {
      const rows = await db
        .selectFrom('login_attempts')
        .select('attempted_at')
        .where('ip', '=', ip)
        .where('succeeded', '=', 0)
        .where('attempted_at', '>', since)
        .orderBy('attempted_at', 'desc')
        .limit(limit)
        .execute()
      return rows.map((r) => r.attempted_at)
    },

    /**
     * Times of failed attempts for `username` (any letter case) after `since` and after its
     * latest success, newest first. The rows stay, still counting against their addresses.
     */
    async failureTimesByUsername(username: string, since: number, limit: number): Promise<number[]> {
      const rows = await db
        .selectFrom('login_attempts')
        .select('attempted_at')
        .where('username', '=', username)
        .where('succeeded', '=', 0)
        .where('attempted_at', '>', since)
        .where('attempted_at', '>', (eb) =>
          eb
            .selectFrom('login_attempts')
            .select((s) => s.fn.coalesce(s.fn.max('attempted_at'), s.lit(-1)).as('last_success'))
            .where('username', '=', username)
            .where('succeeded', '=', 1),
        )
        .orderBy('attempted_at', 'desc')
        .limit(limit)
        .execute()
      return rows.map((r) => r.attempted_at)
    },

    /** Deletes the failures for `username`, so they no longer count against it or its addresses. */
    async clearFailuresForUsername(username: string): Promise<number> {
      const r = await db
        .deleteFrom('login_attempts')
        .where('username', '=', username)
        .where('succeeded', '=', 0)
        .executeTakeFirst()
      return Number(r.numDeletedRows)
    },

    async deleteOlderThan(cutoff: number): Promise<number> {
      const r = await db.deleteFrom('login_attempts').where('attempted_at', '<', cutoff).executeTakeFirst()
      return Number(r.numDeletedRows)
    },
  }
}
