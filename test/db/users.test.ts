import { afterEach, beforeEach, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openDatabase, type DatabaseHandle } from '../../src/db/connection.js'
import { createUsersRepository, UserExistsError, type UsersRepository } from '../../src/db/repositories/users.js'

const T0 = Date.UTC(2025, 0, 6, 9, 0)

describe('users repository', () => {
  let dir: string
  let handle: DatabaseHandle
  let users: UsersRepository

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replexon-users-repo-'))
    handle = openDatabase(path.join(dir, 'test.db'))
    users = createUsersRepository(handle.db)
  })

  afterEach(async () => {
    await handle.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  const add = (username: string, role: 'admin' | 'viewer' = 'viewer') =>
    users.create({ username, email: null, role, passwordHash: `hash-of-${username}` }, T0)

  it('creates a user and finds it by id and by name in any letter case', async () => {
    const created = await add('Alice', 'admin')
    assert.deepEqual(created, {
      id: created.id,
      username: 'Alice',
      email: null,
      role: 'admin',
      createdAt: T0,
      updatedAt: T0,
      lastLoginAt: null,
    })
    assert.deepEqual(await users.findById(created.id), created)
    assert.deepEqual(await users.findByUsername('aLiCe'), created)
    assert.equal(await users.findByUsername('bob'), undefined)
  })

  it('raises UserExistsError for a name taken in another letter case', async () => {
    await add('alice')
    await assert.rejects(add('ALICE'), UserExistsError)
    assert.equal(await users.count(), 1)
  })

  it('keeps the password hash out of ordinary reads', async () => {
    await add('alice')
    assert.equal('passwordHash' in ((await users.findByUsername('alice')) ?? {}), false)
    assert.equal((await users.findCredentials({ username: 'ALICE' }))?.passwordHash, 'hash-of-alice')
  })

  it('lists users by name and counts admins', async () => {
    await add('carol')
    await add('alice', 'admin')
    await add('bob', 'admin')
    assert.deepEqual((await users.list()).map((u) => u.username), ['alice', 'bob', 'carol'])
    assert.equal(await users.count(), 3)
    assert.equal(await users.countAdmins(), 2)
  })

  it('updates password, role and last login, and reports a missing user', async () => {
    const alice = await add('alice')
    assert.equal(await users.updatePassword(alice.id, 'new-hash', T0 + 1), true)
    assert.equal(await users.updateRole(alice.id, 'admin', T0 + 2), true)
    await users.touchLogin(alice.id, T0 + 3)
    const found = await users.findCredentials({ id: alice.id })
    assert.equal(found?.passwordHash, 'new-hash')
    assert.equal(found?.user.role, 'admin')
    assert.equal(found?.user.updatedAt, T0 + 2)
    assert.equal(found?.user.lastLoginAt, T0 + 3)
    assert.equal(await users.updatePassword(9999, 'x'), false)
  })

  it('removes a user', async () => {
    const alice = await add('alice')
    assert.equal(await users.remove(alice.id), true)
    assert.equal(await users.remove(alice.id), false)
    assert.equal(await users.count(), 0)
  })
})
