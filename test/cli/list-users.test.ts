import { after, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import { formatUsersTable } from '../../src/cli/commands/list-users.js'
import { makeTempDir, runCli } from './run-cli.js'

describe('replexon list-users', () => {
  const dirs: string[] = []
  after(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
  })

  it('says how to add the first user when there is none', () => {
    const dir = makeTempDir()
    dirs.push(dir)
    const result = runCli(dir, ['list-users'])
    assert.equal(result.status, 0, result.stderr)
    assert.match(result.stdout, /No users yet\. Add one with: replexon create-user --username NAME --admin/)
  })

  it('shows each user with email, role, creation and last sign-in', () => {
    const dir = makeTempDir()
    dirs.push(dir)
    runCli(dir, ['create-user', '--username', 'bob', '--password-stdin'], { input: 'correct horse\n' })
    runCli(dir, ['create-user', '--username', 'alice', '--email', 'alice@example.net', '--admin', '--password-stdin'], { input: 'correct horse\n' })
    const result = runCli(dir, ['list-users'])
    assert.equal(result.status, 0, result.stderr)
    const lines = result.stdout.trimEnd().split('\n')
    assert.equal(lines.length, 3)
    assert.match(lines[0]!, /^USERNAME\s+EMAIL\s+ROLE\s+CREATED\s+LAST LOGIN$/)
    assert.match(lines[1]!, /^alice\s+alice@example\.net\s+admin\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+never$/)
    assert.match(lines[2]!, /^bob\s+-\s+viewer\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+never$/)
  })
})

describe('users table', () => {
  it('aligns columns and shows times in the configured zone', () => {
    const created = Date.UTC(2025, 0, 6, 9, 5)
    const table = formatUsersTable(
      [
        { id: 1, username: 'alice', email: 'a@example.net', role: 'admin', createdAt: created, updatedAt: created, lastLoginAt: created + 3_600_000 },
        { id: 2, username: 'bo', email: null, role: 'viewer', createdAt: created, updatedAt: created, lastLoginAt: null },
      ],
      'Europe/Berlin',
    )
    assert.equal(
      table,
      [
        'USERNAME  EMAIL          ROLE    CREATED           LAST LOGIN',
        'alice     a@example.net  admin   2025-01-06 10:05  2025-01-06 11:05',
        'bo        -              viewer  2025-01-06 10:05  never',
        '',
      ].join('\n'),
    )
  })
})
