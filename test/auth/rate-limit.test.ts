import { afterEach, beforeEach, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openDatabase, type DatabaseHandle } from '../../src/db/connection.js'
import { createLoginAttemptsRepository, type LoginAttemptsRepository } from '../../src/db/repositories/login-attempts.js'
import {
  LOGIN_WINDOW_MS,
  checkLoginAllowed,
  clearUsernameFailures,
  pruneLoginAttempts,
  recordLoginAttempt,
  secondsUntilAllowed,
} from '../../src/auth/rate-limit.js'

const SECOND = 1000
const MINUTE = 60 * SECOND
const T0 = Date.UTC(2025, 0, 6, 9, 0)

describe('login throttling', () => {
  let dir: string
  let file: string
  let handle: DatabaseHandle
  let repo: LoginAttemptsRepository

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replexon-throttle-'))
    file = path.join(dir, 'test.db')
    handle = openDatabase(file)
    repo = createLoginAttemptsRepository(handle.db)
  })

  afterEach(async () => {
    await handle.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  /** `count` failures one second apart, the first at `start`. */
  async function fail(count: number, who: { ip: string; username: string }, start = T0) {
    for (let i = 0; i < count; i++) await recordLoginAttempt(repo, { ...who, succeeded: false, now: start + i * SECOND })
  }

  it('allows nine failures and blocks after the tenth, until the oldest leaves the window', async () => {
    const who = { ip: '10.0.0.5', username: 'alice' }
    await fail(9, who)
    assert.deepEqual(await checkLoginAllowed(repo, { ...who, now: T0 + 9 * SECOND }), { allowed: true })
    await recordLoginAttempt(repo, { ...who, succeeded: false, now: T0 + 9 * SECOND })
    const now = T0 + 10 * SECOND
    assert.deepEqual(await checkLoginAllowed(repo, { ...who, now }), {
      allowed: false,
      retryAfterSeconds: (LOGIN_WINDOW_MS - 10 * SECOND) / SECOND,
    })
  })

  it('lets the user try again once the oldest counted failure is 15 minutes old', async () => {
    const who = { ip: '10.0.0.5', username: 'alice' }
    await fail(10, who)
    assert.equal((await checkLoginAllowed(repo, { ...who, now: T0 + LOGIN_WINDOW_MS - SECOND })).allowed, false)
    assert.deepEqual(await checkLoginAllowed(repo, { ...who, now: T0 + LOGIN_WINDOW_MS }), { allowed: true })
  })

  it('blocks a username attacked from many addresses', async () => {
    for (let i = 0; i < 10; i++) {
      await recordLoginAttempt(repo, { ip: `10.0.1.${i}`, username: 'Alice', succeeded: false, now: T0 + i * SECOND })
    }
    assert.equal((await checkLoginAllowed(repo, { ip: '10.9.9.9', username: 'alice', now: T0 + MINUTE })).allowed, false)
    assert.equal((await checkLoginAllowed(repo, { ip: '10.9.9.9', username: 'bob', now: T0 + MINUTE })).allowed, true)
  })

  it('blocks an address that guesses many usernames', async () => {
    for (let i = 0; i < 10; i++) {
      await recordLoginAttempt(repo, { ip: '10.0.0.7', username: `user${i}`, succeeded: false, now: T0 + i * SECOND })
    }
    assert.equal((await checkLoginAllowed(repo, { ip: '10.0.0.7', username: 'alice', now: T0 + MINUTE })).allowed, false)
    assert.equal((await checkLoginAllowed(repo, { ip: '10.0.0.8', username: 'alice', now: T0 + MINUTE })).allowed, true)
  })

  it("clears a username's failures on success but keeps the address's", async () => {
    await fail(6, { ip: '10.0.0.5', username: 'alice' })
    await fail(4, { ip: '10.0.0.5', username: 'mallory' }, T0 + 10 * SECOND)
    await recordLoginAttempt(repo, { ip: '10.0.0.6', username: 'ALICE', succeeded: true, now: T0 + 20 * SECOND })
    assert.deepEqual(await repo.failureTimesByUsername('alice', T0 - MINUTE, 10), [])
    // The address still has its ten failures.
    assert.equal((await checkLoginAllowed(repo, { ip: '10.0.0.5', username: 'alice', now: T0 + MINUTE })).allowed, false)
    assert.equal((await checkLoginAllowed(repo, { ip: '10.0.0.6', username: 'alice', now: T0 + MINUTE })).allowed, true)
  })

  it('lets reset-password lift a username lock', async () => {
    const who = { ip: '10.0.0.5', username: 'alice' }
    for (let i = 0; i < 10; i++) await recordLoginAttempt(repo, { ip: `10.0.2.${i}`, username: 'alice', succeeded: false, now: T0 })
    assert.equal((await checkLoginAllowed(repo, { ...who, now: T0 + MINUTE })).allowed, false)
    assert.equal(await clearUsernameFailures(repo, 'Alice'), 10)
    assert.equal((await checkLoginAllowed(repo, { ...who, now: T0 + MINUTE })).allowed, true)
  })

  it('remembers failures after the database is closed and reopened', async () => {
    const who = { ip: '10.0.0.5', username: 'alice' }
    await fail(10, who)
    await handle.close()
    handle = openDatabase(file)
    repo = createLoginAttemptsRepository(handle.db)
    assert.equal((await checkLoginAllowed(repo, { ...who, now: T0 + MINUTE })).allowed, false)
  })

  it('prunes attempts older than a day', async () => {
    await fail(3, { ip: '10.0.0.5', username: 'alice' })
    await fail(2, { ip: '10.0.0.5', username: 'alice' }, T0 + 23 * 60 * MINUTE)
    assert.equal(await pruneLoginAttempts(repo, T0 + 24 * 60 * MINUTE + 10 * SECOND), 3)
    assert.equal((await repo.failureTimesByIp('10.0.0.5', 0, 10)).length, 2)
  })
})

describe('retry-after arithmetic', () => {
  it('is zero with fewer than ten failures in the window', () => {
    assert.equal(secondsUntilAllowed([T0, T0 - SECOND], T0), 0)
  })

  it('counts whole seconds up until the tenth newest failure leaves the window', () => {
    const times = Array.from({ length: 12 }, (_, i) => T0 - i * 1500)
    // The tenth newest is 13.5 s old, so it leaves the window in 15 min - 13.5 s.
    assert.equal(secondsUntilAllowed(times, T0), Math.ceil((LOGIN_WINDOW_MS - 13_500) / SECOND))
  })
})
