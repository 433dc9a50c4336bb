import { after, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { databaseFile, makeTempDir, runCli } from './run-cli.js'

describe('replexon init-db', () => {
  const dirs: string[] = []
  const freshDir = () => {
    const dir = makeTempDir()
    dirs.push(dir)
    return dir
  }
  after(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
  })

  it('creates the database, and a second run changes nothing', () => {
    const dir = freshDir()
    const first = runCli(dir, ['init-db'])
    assert.equal(first.status, 0, first.stderr)
    assert.match(first.stdout, /applied migration\(s\) 1/)
    assert.ok(fs.existsSync(databaseFile(dir)))
    const second = runCli(dir, ['init-db'])
    assert.equal(second.status, 0, second.stderr)
    assert.match(second.stdout, /is up to date/)
  })

  it('keeps existing users when run again', () => {
    const dir = freshDir()
    runCli(dir, ['create-user', '--username', 'alice', '--password-stdin'], { input: 'correct horse\n' })
    assert.equal(runCli(dir, ['init-db']).status, 0)
    assert.match(runCli(dir, ['list-users']).stdout, /^alice\s/m)
  })

  it('exits 2 naming the variable when a setting is unusable', () => {
    const dir = freshDir()
    const result = runCli(dir, ['init-db'], { env: { APP_PORT: 'abc' } })
    assert.equal(result.status, 2)
    assert.match(result.stderr, /^replexon: configuration error: APP_PORT: "abc" is not a port number/)
    assert.equal(fs.existsSync(databaseFile(dir)), false)
  })

  it('rejects a bad setting for the user commands too', () => {
    const result = runCli(freshDir(), ['create-user', '--username', 'alice', '--password-stdin'], {
      input: 'correct horse\n',
      env: { APP_PORT: 'abc' },
    })
    assert.equal(result.status, 2)
    assert.match(result.stderr, /APP_PORT/)
  })
})
