import { afterEach, beforeEach, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openDatabase, type DatabaseHandle } from '../../src/db/connection.js'
import { createSessionsRepository, type SessionsRepository } from '../../src/db/repositories/sessions.js'
import { createSession, validateSessionToken } from '../../src/auth/session.js'
import { createUsersService, type UsersService } from '../../src/auth/users-service.js'
import { UserInputError, UserNotFoundError } from '../../src/auth/errors.js'

const T0 = Date.UTC(2025, 0, 6, 9, 0)
const SECOND = 1000

describe('users service', () => {
  let dir: string
  let handle: DatabaseHandle
  let service: UsersService
  let sessions: SessionsRepository

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replexon-users-'))
    handle = openDatabase(path.join(dir, 'test.db'))
    service = createUsersService(handle.db)
    sessions = createSessionsRepository(handle.db)
  })

  afterEach(async () => {
    await handle.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  const login = (username: string, password: string, now = T0, ip = '10.0.0.5') => service.authenticate({ username, password, ip, now })

  describe('creating users', () => {
    it('creates a viewer by default and stores a hash, not the password', async () => {
      const user = await service.createUser({ username: 'bob', password: 'correct horse' }, T0)
      assert.equal(user.role, 'viewer')
      assert.equal(user.createdAt, T0)
      const stored = await service.users.findCredentials({ username: 'bob' })
      assert.match(stored?.passwordHash ?? '', /^\$argon2id\$/)
    })

    it('lets only one of two simultaneous first visitors become the admin', async () => {
      const [one, two] = await Promise.all([
        service.createFirstAdmin({ username: 'first', password: 'correct horse' }, T0),
        service.createFirstAdmin({ username: 'second', password: 'correct horse' }, T0),
      ])
      assert.equal([one, two].filter((u) => u !== null).length, 1)
      assert.equal((one ?? two)?.role, 'admin')
      assert.equal(await service.users.count(), 1)
      assert.equal(await service.createFirstAdmin({ username: 'late', password: 'correct horse' }), null)
    })

    it('refuses a name that is taken in any letter case', async () => {
      await service.createUser({ username: 'Alice', role: 'admin', password: 'correct horse' })
      await assert.rejects(service.createUser({ username: 'alice', password: 'correct horse' }), (err: unknown) => {
        assert.ok(err instanceof UserInputError)
        assert.equal(err.field, 'username')
        assert.match(err.message, /already exists/)
        return true
      })
    })

    it('refuses bad usernames, emails and passwords with a reason', async () => {
      const cases: Array<[Parameters<UsersService['createUser']>[0], string, RegExp]> = [
        [{ username: '', password: 'correct horse' }, 'username', /empty/],
        [{ username: 'a b', password: 'correct horse' }, 'username', /letters, digits/],
        [{ username: 'x'.repeat(65), password: 'correct horse' }, 'username', /64/],
        [{ username: 'carol', email: 'nope', password: 'correct horse' }, 'email', /not an email/],
        [{ username: 'carol', password: 'short' }, 'password', /at least 8/],
      ]
      for (const [input, field, message] of cases) {
        await assert.rejects(service.createUser(input), (err: unknown) => err instanceof UserInputError && err.field === field && message.test(err.message))
      }
      assert.equal(await service.users.count(), 0)
    })

    it('accepts names made of letters, digits and . _ - @', async () => {
      const user = await service.createUser({ username: 'ops.team_1-x@home', email: ' ops@example.net ', password: 'correct horse' })
      assert.equal(user.email, 'ops@example.net')
    })
  })

  describe('signing in', () => {
    beforeEach(async () => {
      await service.createUser({ username: 'Alice', role: 'admin', password: 'correct horse' }, T0)
    })

    it('signs in with the right password in any letter case of the name and records the time', async () => {
      const result = await login('alice', 'correct horse', T0 + SECOND)
      assert.equal(result.ok, true)
      assert.equal(result.ok && result.user.username, 'Alice')
      assert.equal((await service.users.findByUsername('alice'))?.lastLoginAt, T0 + SECOND)
    })

    it('answers a wrong password and an unknown user the same way', async () => {
      assert.deepEqual(await login('alice', 'wrong horse'), { ok: false, reason: 'invalid' })
      assert.deepEqual(await login('nobody', 'correct horse'), { ok: false, reason: 'invalid' })
      assert.deepEqual(await login('', 'correct horse'), { ok: false, reason: 'invalid' })
      assert.deepEqual(await login('alice', 'x'.repeat(5000)), { ok: false, reason: 'invalid' })
    })

    it('throttles the eleventh wrong password in a row for one user, even with the right one', async () => {
      for (let i = 0; i < 10; i++) {
        assert.deepEqual(await login('alice', `wrong ${i}`, T0 + i * SECOND, `10.0.3.${i}`), { ok: false, reason: 'invalid' })
      }
      const blocked = await login('alice', 'correct horse', T0 + 10 * SECOND, '10.0.9.9')
      assert.equal(blocked.ok, false)
      assert.equal(!blocked.ok && blocked.reason, 'throttled')
      assert.equal(!blocked.ok && blocked.reason === 'throttled' && blocked.retryAfterSeconds, 15 * 60 - 10)
    })

    it('starts counting again after a successful sign-in', async () => {
      for (let i = 0; i < 9; i++) await login('alice', 'wrong', T0 + i * SECOND, `10.0.3.${i}`)
      assert.equal((await login('alice', 'correct horse', T0 + 10 * SECOND, '10.0.4.1')).ok, true)
      for (let i = 0; i < 9; i++) await login('alice', 'wrong', T0 + (20 + i) * SECOND, `10.0.5.${i}`)
      assert.equal((await login('alice', 'correct horse', T0 + 40 * SECOND, '10.0.4.1')).ok, true)
    })
  })

  describe('passwords', () => {
    beforeEach(async () => {
      await service.createUser({ username: 'alice', role: 'admin', password: 'correct horse' }, T0)
    })

    it('resets a password, ends every session and lifts the lockout', async () => {
      const user = (await service.users.findByUsername('alice'))!
      const a = await createSession(sessions, user.id, { now: T0 })
      const b = await createSession(sessions, user.id, { now: T0 })
      for (let i = 0; i < 10; i++) await login('alice', 'wrong', T0 + i * SECOND)
      const { endedSessions } = await service.resetPassword('ALICE', 'battery staple', T0 + 20 * SECOND)
      assert.equal(endedSessions, 2)
      assert.equal(await validateSessionToken(sessions, a.token, T0 + 21 * SECOND), null)
      assert.equal(await validateSessionToken(sessions, b.token, T0 + 21 * SECOND), null)
      assert.equal((await login('alice', 'battery staple', T0 + 30 * SECOND)).ok, true)
      assert.equal((await login('alice', 'correct horse', T0 + 31 * SECOND)).ok, false)
    })

    it('refuses to reset the password of an unknown user', async () => {
      await assert.rejects(service.resetPassword('nobody', 'battery staple'), UserNotFoundError)
    })

    it('changes its own password only with the current one, keeping this session alone', async () => {
      const user = (await service.users.findByUsername('alice'))!
      const here = await createSession(sessions, user.id, { now: T0 })
      const elsewhere = await createSession(sessions, user.id, { now: T0 })
      await assert.rejects(
        service.changeOwnPassword(user.id, 'wrong horse', 'battery staple', here.session.id),
        (err: unknown) => err instanceof UserInputError && err.field === 'currentPassword',
      )
      await assert.rejects(
        service.changeOwnPassword(user.id, 'correct horse', 'short', here.session.id),
        (err: unknown) => err instanceof UserInputError && err.field === 'password',
      )
      assert.deepEqual(await service.changeOwnPassword(user.id, 'correct horse', 'battery staple', here.session.id), { endedSessions: 1 })
      assert.notEqual(await validateSessionToken(sessions, here.token, T0), null)
      assert.equal(await validateSessionToken(sessions, elsewhere.token, T0), null)
      assert.equal((await login('alice', 'battery staple')).ok, true)
    })
  })

  describe('roles', () => {
    it('never demotes or deletes the last admin', async () => {
      const admin = await service.createUser({ username: 'alice', role: 'admin', password: 'correct horse' })
      const viewer = await service.createUser({ username: 'bob', password: 'correct horse' })
      await assert.rejects(service.setRole(admin.id, 'viewer'), /only admin/)
      await assert.rejects(service.deleteUser(admin.id), /only admin/)
      await service.setRole(viewer.id, 'admin')
      assert.equal((await service.setRole(admin.id, 'viewer')).role, 'viewer')
      assert.equal(await service.users.countAdmins(), 1)
    })
  })
})
