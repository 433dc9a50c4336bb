import { after, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { openDatabase } from '../../src/db/connection.js'
import { createUsersService } from '../../src/auth/users-service.js'
import { databaseFile, hasScriptCommand, makeTempDir, runCli, runCliOnTerminal } from './run-cli.js'

describe('replexon create-user', () => {
  const dirs: string[] = []
  const freshDir = () => {
    const dir = makeTempDir()
    dirs.push(dir)
    return dir
  }
  after(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
  })

  it('creates an admin from a password on stdin, who can then sign in', async () => {
    const dir = freshDir()
    const result = runCli(dir, ['create-user', '--username', 'alice', '--email', 'alice@example.net', '--admin', '--password-stdin'], {
      input: 'correct horse battery\n',
    })
    assert.equal(result.status, 0, result.stderr)
    assert.match(result.stdout, /Created admin "alice"/)
    const handle = openDatabase(databaseFile(dir))
    try {
      const service = createUsersService(handle.db)
      const login = await service.authenticate({ username: 'alice', password: 'correct horse battery', ip: '127.0.0.1', now: Date.now() })
      assert.equal(login.ok, true)
      assert.equal(login.ok && login.user.role, 'admin')
      assert.equal(login.ok && login.user.email, 'alice@example.net')
    } finally {
      await handle.close()
    }
  })

  it('creates a viewer unless --admin is given, reading only the first line', async () => {
    const dir = freshDir()
    const result = runCli(dir, ['create-user', '--username', 'bob', '--password-stdin'], { input: 'first line pw\nsecond line\n' })
    assert.equal(result.status, 0, result.stderr)
    assert.match(result.stdout, /Created viewer "bob"/)
    const handle = openDatabase(databaseFile(dir))
    try {
      const service = createUsersService(handle.db)
      const login = await service.authenticate({ username: 'bob', password: 'first line pw', ip: '127.0.0.1', now: Date.now() })
      assert.equal(login.ok, true)
    } finally {
      await handle.close()
    }
  })

  it('fails with a clear message when the user already exists, in any letter case', () => {
    const dir = freshDir()
    assert.equal(runCli(dir, ['create-user', '--username', 'alice', '--password-stdin'], { input: 'correct horse\n' }).status, 0)
    const again = runCli(dir, ['create-user', '--username', 'ALICE', '--password-stdin'], { input: 'correct horse\n' })
    assert.equal(again.status, 1)
    assert.match(again.stderr, /^replexon: a user named "ALICE" already exists\n$/)
  })

  it('refuses a password shorter than 8 characters and creates nobody', () => {
    const dir = freshDir()
    const result = runCli(dir, ['create-user', '--username', 'alice', '--password-stdin'], { input: 'short\n' })
    assert.equal(result.status, 1)
    assert.match(result.stderr, /at least 8 characters/)
    assert.match(runCli(dir, ['list-users']).stdout, /No users yet/)
  })

  it('refuses an empty stdin', () => {
    const result = runCli(freshDir(), ['create-user', '--username', 'alice', '--password-stdin'], { input: '' })
    assert.equal(result.status, 1)
    assert.match(result.stderr, /no password on stdin/)
  })

  it('asks for --password-stdin when there is no terminal to prompt on', () => {
    const result = runCli(freshDir(), ['create-user', '--username', 'alice'], { input: 'correct horse\n' })
    assert.equal(result.status, 1)
    assert.match(result.stderr, /use --password-stdin when not on a terminal/)
  })

  it('refuses a username with characters outside letters, digits and . _ - @', () => {
    const result = runCli(freshDir(), ['create-user', '--username', 'al ice', '--password-stdin'], { input: 'correct horse\n' })
    assert.equal(result.status, 1)
    assert.match(result.stderr, /Username may only contain/)
  })

  it('runs without SECRET_KEY in production', () => {
    const result = runCli(freshDir(), ['create-user', '--username', 'alice', '--password-stdin'], { input: 'correct horse\n' })
    assert.equal(result.status, 0, result.stderr)
    assert.doesNotMatch(result.stderr, /SECRET_KEY/)
  })

  const noTerminal = hasScriptCommand() ? false : 'needs util-linux script for a pseudo-terminal'

  it('on a terminal, asks twice without echoing the password', { skip: noTerminal }, async () => {
    const dir = freshDir()
    const result = await runCliOnTerminal(dir, ['create-user', '--username', 'carol'], ['typed secret 1', 'typed secret 1'])
    assert.equal(result.status, 0, result.stdout)
    assert.match(result.stdout, /New password: [\s\S]*Repeat password: [\s\S]*Created viewer "carol"/)
    assert.doesNotMatch(result.stdout, /typed secret/)
  })

  it('on a terminal, refuses two different entries', { skip: noTerminal }, async () => {
    const dir = freshDir()
    const result = await runCliOnTerminal(dir, ['create-user', '--username', 'carol'], ['typed secret 1', 'typed secret 2'])
    assert.equal(result.status, 1)
    assert.match(result.stdout, /the passwords do not match/)
    assert.match(runCli(dir, ['list-users']).stdout, /No users yet/)
  })
})
