import { after, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { openDatabase } from '../../src/db/connection.js'
import { createSessionsRepository } from '../../src/db/repositories/sessions.js'
import { createUsersService } from '../../src/auth/users-service.js'
import { createSession, validateSessionToken } from '../../src/auth/session.js'
import { databaseFile, makeTempDir, runCli } from './run-cli.js'

describe('replexon reset-password', () => {
  const dirs: string[] = []
  const dirWithAlice = () => {
    const dir = makeTempDir()
    dirs.push(dir)
    const created = runCli(dir, ['create-user', '--username', 'alice', '--admin', '--password-stdin'], { input: 'correct horse\n' })
    assert.equal(created.status, 0, created.stderr)
    return dir
  }
  after(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
  })

  it('sets the new password, ends every session of the user and lifts its lockout', async () => {
    const dir = dirWithAlice()
    const now = Date.now()
    let tokens: string[]
    let handle = openDatabase(databaseFile(dir))
    try {
      const service = createUsersService(handle.db)
      const sessions = createSessionsRepository(handle.db)
      const alice = (await service.users.findByUsername('alice'))!
      tokens = [(await createSession(sessions, alice.id, { now })).token, (await createSession(sessions, alice.id, { now })).token]
      for (let i = 0; i < 10; i++) await service.authenticate({ username: 'alice', password: 'wrong', ip: `10.0.0.${i}`, now })
      const locked = await service.authenticate({ username: 'alice', password: 'correct horse', ip: '10.0.1.1', now })
      assert.equal(!locked.ok && locked.reason, 'throttled')
    } finally {
      await handle.close()
    }

    const result = runCli(dir, ['reset-password', '--username', 'Alice', '--password-stdin'], { input: 'battery staple\n' })
    assert.equal(result.status, 0, result.stderr)
    assert.match(result.stdout, /Password of "alice" changed; ended 2 session\(s\)/)

    handle = openDatabase(databaseFile(dir))
    try {
      const service = createUsersService(handle.db)
      const sessions = createSessionsRepository(handle.db)
      for (const token of tokens) assert.equal(await validateSessionToken(sessions, token, now), null)
      const login = await service.authenticate({ username: 'alice', password: 'battery staple', ip: '10.0.1.1', now })
      assert.equal(login.ok, true)
    } finally {
      await handle.close()
    }
  })

  it('fails for a user that does not exist', () => {
    const dir = dirWithAlice()
    const result = runCli(dir, ['reset-password', '--username', 'bob', '--password-stdin'], { input: 'battery staple\n' })
    assert.equal(result.status, 1)
    assert.match(result.stderr, /^replexon: no user named "bob"/)
  })

  it('refuses a short password and keeps the old one', async () => {
    const dir = dirWithAlice()
    const result = runCli(dir, ['reset-password', '--username', 'alice', '--password-stdin'], { input: 'short\n' })
    assert.equal(result.status, 1)
    assert.match(result.stderr, /at least 8 characters/)
    const handle = openDatabase(databaseFile(dir))
    try {
      const login = await createUsersService(handle.db).authenticate({ username: 'alice', password: 'correct horse', ip: '10.0.0.1', now: Date.now() })
      assert.equal(login.ok, true)
    } finally {
      await handle.close()
    }
  })

  it('refuses an empty stdin', () => {
    const result = runCli(dirWithAlice(), ['reset-password', '--username', 'alice', '--password-stdin'], { input: '\n' })
    assert.equal(result.status, 1)
    assert.match(result.stderr, /no password on stdin/)
  })
})
