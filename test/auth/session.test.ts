import { afterEach, beforeEach, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openDatabase, type DatabaseHandle } from '../../src/db/connection.js'
import { createSessionsRepository, type SessionsRepository } from '../../src/db/repositories/sessions.js'
import { createUsersRepository } from '../../src/db/repositories/users.js'
import {
  SESSION_ABSOLUTE_TIMEOUT_MS,
  SESSION_IDLE_TIMEOUT_MS,
  createSession,
  hashSessionToken,
  invalidateSession,
  invalidateUserSessions,
  pruneExpiredSessions,
  validateSessionToken,
} from '../../src/auth/session.js'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const T0 = Date.UTC(2025, 0, 6, 9, 0)

describe('sessions', () => {
  let dir: string
  let handle: DatabaseHandle
  let repo: SessionsRepository
  let userId: number

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replexon-session-'))
    handle = openDatabase(path.join(dir, 'test.db'))
    repo = createSessionsRepository(handle.db)
    const users = createUsersRepository(handle.db)
    userId = (await users.create({ username: 'alice', email: null, role: 'admin', passwordHash: 'x' }, T0)).id
  })

  afterEach(async () => {
    await handle.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('hands out a 256-bit token and stores only its SHA-256', async () => {
    const { token, session } = await createSession(repo, userId, { ip: '10.0.0.2', userAgent: 'Firefox', now: T0 })
    assert.equal(Buffer.from(token, 'base64url').length, 32)
    assert.equal(session.id, hashSessionToken(token))
    assert.match(session.id, /^[0-9a-f]{64}$/)
    await handle.close()
    const bytes = fs.readFileSync(path.join(dir, 'test.db'))
    assert.equal(bytes.includes(Buffer.from(token)), false, 'the token must not be in the database file')
    handle = openDatabase(path.join(dir, 'test.db'))
    repo = createSessionsRepository(handle.db)
    assert.notEqual(await validateSessionToken(repo, token, T0 + MINUTE), null)
  })

  it('gives each session its own CSRF token', async () => {
    const a = await createSession(repo, userId, { now: T0 })
    const b = await createSession(repo, userId, { now: T0 })
    assert.notEqual(a.session.csrfToken, b.session.csrfToken)
    assert.notEqual(a.token, b.token)
  })

  it('finds the session and its user from the cookie token', async () => {
    const { token, session } = await createSession(repo, userId, { now: T0 })
    const found = await validateSessionToken(repo, token, T0 + 5 * MINUTE)
    assert.equal(found?.session.id, session.id)
    assert.equal(found?.user.username, 'alice')
    assert.equal(found?.user.role, 'admin')
    assert.equal('passwordHash' in (found?.user ?? {}), false)
  })

  it('refuses a token it never issued, a malformed one, or none', async () => {
    await createSession(repo, userId, { now: T0 })
    assert.equal(await validateSessionToken(repo, 'A'.repeat(43), T0), null)
    assert.equal(await validateSessionToken(repo, 'not a token', T0), null)
    assert.equal(await validateSessionToken(repo, undefined, T0), null)
  })

  it('ends a session after seven idle days and deletes its row', async () => {
    const { token, session } = await createSession(repo, userId, { now: T0 })
    assert.notEqual(await validateSessionToken(repo, token, T0 + SESSION_IDLE_TIMEOUT_MS - MINUTE), null)
    const { token: idle, session: idleSession } = await createSession(repo, userId, { now: T0 })
    assert.equal(await validateSessionToken(repo, idle, T0 + SESSION_IDLE_TIMEOUT_MS), null)
    assert.equal(await repo.findById(idleSession.id), undefined)
    assert.notEqual(await repo.findById(session.id), undefined)
  })

  it('keeps an active session alive by sliding the idle window', async () => {
    const { token } = await createSession(repo, userId, { now: T0 })
    for (let day = 1; day <= 20; day++) {
      assert.notEqual(await validateSessionToken(repo, token, T0 + day * DAY), null, `day ${day}`)
    }
    // Visited daily for 20 days, then idle for 6: still signed in, 26 days after sign-in.
    assert.notEqual(await validateSessionToken(repo, token, T0 + 26 * DAY), null)
  })

  it('ends even an active session 30 days after sign-in', async () => {
    const { token, session } = await createSession(repo, userId, { now: T0 })
    for (let day = 1; day < 30; day++) {
      assert.notEqual(await validateSessionToken(repo, token, T0 + day * DAY), null, `day ${day}`)
    }
    const lastRenewal = await repo.findById(session.id)
    assert.equal(lastRenewal?.expiresAt, T0 + SESSION_ABSOLUTE_TIMEOUT_MS)
    assert.equal(await validateSessionToken(repo, token, T0 + SESSION_ABSOLUTE_TIMEOUT_MS), null)
    assert.equal(await repo.findById(session.id), undefined)
  })

  it('writes activity at most once an hour', async () => {
    const { token, session } = await createSession(repo, userId, { now: T0 })
    await validateSessionToken(repo, token, T0 + 59 * MINUTE)
    assert.equal((await repo.findById(session.id))?.lastSeenAt, T0)
    await validateSessionToken(repo, token, T0 + 61 * MINUTE)
    const renewed = await repo.findById(session.id)
    assert.equal(renewed?.lastSeenAt, T0 + 61 * MINUTE)
    assert.equal(renewed?.expiresAt, T0 + 61 * MINUTE + SESSION_IDLE_TIMEOUT_MS)
    await validateSessionToken(repo, token, T0 + 90 * MINUTE)
    assert.equal((await repo.findById(session.id))?.lastSeenAt, T0 + 61 * MINUTE)
  })

  it('logs out one session without touching the others', async () => {
    const a = await createSession(repo, userId, { now: T0 })
    const b = await createSession(repo, userId, { now: T0 })
    assert.equal(await invalidateSession(repo, a.session.id), true)
    assert.equal(await validateSessionToken(repo, a.token, T0), null)
    assert.notEqual(await validateSessionToken(repo, b.token, T0), null)
  })

  it("ends all of a user's sessions, or all but the current one", async () => {
    const a = await createSession(repo, userId, { now: T0 })
    const b = await createSession(repo, userId, { now: T0 })
    const c = await createSession(repo, userId, { now: T0 })
    assert.equal(await invalidateUserSessions(repo, userId, { except: b.session.id }), 2)
    assert.equal(await validateSessionToken(repo, a.token, T0), null)
    assert.notEqual(await validateSessionToken(repo, b.token, T0), null)
    assert.equal(await validateSessionToken(repo, c.token, T0), null)
    assert.equal(await invalidateUserSessions(repo, userId), 1)
    assert.equal(await validateSessionToken(repo, b.token, T0), null)
  })

  it('prunes expired sessions and keeps live ones', async () => {
    await createSession(repo, userId, { now: T0 })
    const fresh = await createSession(repo, userId, { now: T0 + 3 * DAY })
    assert.equal(await pruneExpiredSessions(repo, T0 + SESSION_IDLE_TIMEOUT_MS), 1)
    assert.deepEqual((await repo.listByUser(userId)).map((s) => s.id), [fresh.session.id])
  })

  it('ends the sessions of a deleted user', async () => {
    const { token } = await createSession(repo, userId, { now: T0 })
    await createUsersRepository(handle.db).remove(userId)
    assert.equal(await validateSessionToken(repo, token, T0), null)
  })
})
