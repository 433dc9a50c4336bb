import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import { readLock, tryAcquireLock } from '../../src/runner/lock-file.js'
import { tempDir } from '../support/temp-dir.js'

describe('the backup lock file', () => {
  it('is held by one taker at a time and released only by its holder', () => {
    const file = path.join(tempDir(), 'backup.lock')
    const first = tryAcquireLock(file)
    assert.ok('held' in first)
    const second = tryAcquireLock(file)
    assert.ok('heldBy' in second && second.heldBy.pid === process.pid)
    first.held.update({ pid: process.pid, triggerId: 7 })
    assert.equal(readLock(file)?.triggerId, 7)
    first.held.release()
    assert.equal(readLock(file), null)
    assert.ok('held' in tryAcquireLock(file))
  })

  it('is taken over when its process is gone or it is from an earlier boot', () => {
    const file = path.join(tempDir(), 'backup.lock')
    const dead = spawnSync('true').pid!
    fs.writeFileSync(file, JSON.stringify({ pid: dead, triggerId: 1, startedAt: 0, bootId: null }))
    assert.equal(readLock(file), null)
    assert.ok('held' in tryAcquireLock(file))
    fs.writeFileSync(file, JSON.stringify({ pid: process.pid, triggerId: 1, startedAt: 0, bootId: 'another-boot' }))
    const bootKnown = fs.existsSync('/proc/sys/kernel/random/boot_id')
    assert.equal(readLock(file) === null, bootKnown)
  })

  it('counts a lock that cannot be read as held for a minute, then as stale', () => {
    const file = path.join(tempDir(), 'backup.lock')
    fs.writeFileSync(file, '')
    assert.notEqual(readLock(file), null)
    assert.equal(readLock(file, Date.now() + 120_000), null)
  })
})
