import type { Selectable } from 'kysely'
import type { Db } from '../connection.js'
import type { SessionsTable } from '../schema.js'
import { toUser, type User } from './users.js'

/** A login session. `id` is the SHA-256 (hex) of the cookie token, never the token. */
export type Session = {
  id: string
  userId: number
  csrfToken: string
  createdAt: number
  lastSeenAt: number
  expiresAt: number
  ip: string | null
  userAgent: string | null
}

export type SessionsRepository = ReturnType<typeof createSessionsRepository>

function toSession(row: Selectable<SessionsTable>): Session {
  return {
    id: row.id,
    userId: row.user_id,
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    ip: row.ip,
    userAgent: row.user_agent,
  }
}

export function createSessionsRepository(db: Db) {
  return {
    async insert(session: Session): Promise<void> {
      await db
        .insertInto('sessions')
        .values({
          id: session.id,
          user_id: session.userId,
          csrf_token: session.csrfToken,
          created_at: session.createdAt,
          last_seen_at: session.lastSeenAt,
          expires_at: session.expiresAt,
          ip: session.ip,
          user_agent: session.userAgent,
        })
        .execute()
    },

    async findById(id: string): Promise<Session | undefined> {
      const row = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst()
      return row && toSession(row)
    },

    /** The session and its user in one read, for every authenticated request. */
    async findWithUser(id: string): Promise<{ session: Session; user: User } | undefined> {
      const row = await db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .selectAll('sessions')
        .select([
          'users.username',
          'users.email',
          'users.role',
          'users.created_at as user_created_at',
          'users.updated_at as user_updated_at',
          'users.last_login_at',
        ])
        .where('sessions.id', '=', id)
        .executeTakeFirst()
      if (!row) return undefined
      const user = toUser({
        id: row.user_id,
        username: row.username,
        email: row.email,
        role: row.role,
        created_at: row.user_created_at,
        updated_at: row.user_updated_at,
        last_login_at: row.last_login_at,
      })
      return { session: toSession(row), user }
    },

    async listByUser(userId: number): Promise<Session[]> {
      const rows = await db.selectFrom('sessions').selectAll().where('user_id', '=', userId).orderBy('created_at').execute()
      return rows.map(toSession)
    },

    async updateActivity(id: string, lastSeenAt: number, expiresAt: number): Promise<void> {
      await db.updateTable('sessions').set({ last_seen_at: lastSeenAt, expires_at: expiresAt }).where('id', '=', id).execute()
    },

    async delete(id: string): Promise<boolean> {
      const r = await db.deleteFrom('sessions').where('id', '=', id).executeTakeFirst()
      return r.numDeletedRows > 0n
    },

    /** Deletes every session of the user except `exceptId`; returns how many. */
    async deleteByUser(userId: number, exceptId?: string): Promise<number> {
      let query = db.deleteFrom('sessions').where('user_id', '=', userId)
      if (exceptId !== undefined) query = query.where('id', '!=', exceptId)
      const r = await query.executeTakeFirst()
      return Number(r.numDeletedRows)
    },

    async deleteExpired(now: number): Promise<number> {
      const r = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst()
      return Number(r.numDeletedRows)
    },
  }
}
