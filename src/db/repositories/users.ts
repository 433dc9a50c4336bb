import { sql, type Selectable } from 'kysely'
import type { Db } from '../connection.js'
import type { Role, UsersTable } from '../schema.js'

/** A user as the rest of the app sees it: never carries the password hash. */
export type User = {
  id: number
  username: string
  email: string | null
  role: Role
  createdAt: number
  updatedAt: number
  lastLoginAt: number | null
}

export type NewUser = { username: string; email: string | null; role: Role; passwordHash: string }

/** A user with this username (compared case-insensitively) already exists. */
export class UserExistsError extends Error {
  constructor(readonly username: string) {
    super(`A user named "${username}" already exists.`)
    this.name = 'UserExistsError'
  }
}

export type UsersRepository = ReturnType<typeof createUsersRepository>

const userColumns = ['id', 'username', 'email', 'role', 'created_at', 'updated_at', 'last_login_at'] as const

export function toUser(row: Omit<Selectable<UsersTable>, 'password_hash'>): User {
  return {
    id: row.id,
    username: row.username,
    email: row.email,
    role: row.role,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastLoginAt: row.last_login_at,
  }
}

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE'
}

export function createUsersRepository(db: Db) {
  return {
    /** Inserts a user; throws UserExistsError when the name is taken in any letter case. */
    async create(user: NewUser, now = Date.now()): Promise<User> {
      try {
        const row = await db
          .insertInto('users')
          .values({
            username: user.username,
            email: user.email,
            role: user.role,
            password_hash: user.passwordHash,
            created_at: now,
            updated_at: now,
            last_login_at: null,
          })
          .returning(userColumns)
          .executeTakeFirstOrThrow()
        return toUser(row)
      } catch (err) {
        if (isUniqueViolation(err)) throw new UserExistsError(user.username)
        throw err
      }
    },

    /**
     * Inserts the first user in one statement, so two first visitors cannot both become it;
     * null when a user exists already.
     */
    async createFirst(user: NewUser, now = Date.now()): Promise<User | null> {
      const { rows } = await sql<Omit<Selectable<UsersTable>, 'password_hash'>>`
        INSERT INTO users (username, email, role, password_hash, created_at, updated_at, last_login_at)
        SELECT ${user.username}, ${user.email}, ${user.role}, ${user.passwordHash}, ${now}, ${now}, NULL
        WHERE NOT EXISTS (SELECT 1 FROM users)
        RETURNING id, username, email, role, created_at, updated_at, last_login_at`.execute(db)
      return rows[0] ? toUser(rows[0]) : null
    },

    async findById(id: number): Promise<User | undefined> {
      const row = await db.selectFrom('users').select(userColumns).where('id', '=', id).executeTakeFirst()
      return row && toUser(row)
    },

    /** Case-insensitive, as the column's NOCASE collation compares. */
    async findByUsername(username: string): Promise<User | undefined> {
      const row = await db.selectFrom('users').select(userColumns).where('username', '=', username).executeTakeFirst()
      return row && toUser(row)
    },

    /** The user with its password hash, for the one place that verifies passwords. */
    async findCredentials(by: { username: string } | { id: number }): Promise<{ user: User; passwordHash: string } | undefined> {
      const query = db.selectFrom('users').select([...userColumns, 'password_hash'])
      const row = await ('id' in by ? query.where('id', '=', by.id) : query.where('username', '=', by.username)).executeTakeFirst()
      return row && { user: toUser(row), passwordHash: row.password_hash }
    },

    /** Every user, by username. */
    async list(): Promise<User[]> {
      const rows = await db.selectFrom('users').select(userColumns).orderBy('username').execute()
      return rows.map(toUser)
    },

    async count(): Promise<number> {
      const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
      return Number(row.n)
    },

    async countAdmins(): Promise<number> {
      const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('role', '=', 'admin')
        .executeTakeFirstOrThrow()
      return Number(row.n)
    },

    /** Returns false when no such user exists. */
    async updatePassword(id: number, passwordHash: string, now = Date.now()): Promise<boolean> {
      const r = await db.updateTable('users').set({ password_hash: passwordHash, updated_at: now }).where('id', '=', id).executeTakeFirst()
      return r.numUpdatedRows > 0n
    },

    async updateRole(id: number, role: Role, now = Date.now()): Promise<boolean> {
      const r = await db.updateTable('users').set({ role, updated_at: now }).where('id', '=', id).executeTakeFirst()
      return r.numUpdatedRows > 0n
    },

    async updateEmail(id: number, email: string | null, now = Date.now()): Promise<boolean> {
      const r = await db.updateTable('users').set({ email, updated_at: now }).where('id', '=', id).executeTakeFirst()
      return r.numUpdatedRows > 0n
    },

    /** Deletes the user; its sessions go with it (ON DELETE CASCADE). */
    async remove(id: number): Promise<boolean> {
      const r = await db.deleteFrom('users').where('id', '=', id).executeTakeFirst()
      return r.numDeletedRows > 0n
    },

    async touchLogin(id: number, now = Date.now()): Promise<void> {
      await db.updateTable('users').set({ last_login_at: now }).where('id', '=', id).execute()
    },
  }
}
