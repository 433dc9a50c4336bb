import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { cooldownMessage, cooldownRemainingSeconds, roughDuration } from '../../src/runner/cooldown.js'

const NOW = Date.UTC(2026, 1, 23, 12, 0, 0)

describe('the cooldown between manual backups', () => {
  it('leaves the rest of BACKUP_COOLDOWN after the last manual trigger', () => {
    assert.equal(cooldownRemainingSeconds(NOW - 120_000, 300, NOW), 180)
    assert.equal(cooldownRemainingSeconds(NOW - 300_000, 300, NOW), 0)
    assert.equal(cooldownRemainingSeconds(undefined, 300, NOW), 0)
    assert.equal(cooldownRemainingSeconds(NOW - 1000, 0, NOW), 0, 'a cooldown of 0 never waits')
  })

  it('does not block for ever when the clock went back', () => {
    assert.equal(cooldownRemainingSeconds(NOW + 3_600_000, 300, NOW), 300)
  })

  it('says how long ago the other backup started and how long to wait', () => {
    assert.equal(cooldownMessage(NOW - 120_000, 180, NOW), 'Another backup started 2 min ago; try again in 3 min.')
    assert.equal(cooldownMessage(NOW - 2_000, 298, NOW), 'Another backup started just now; try again in 5 min.')
    assert.equal(cooldownMessage(NOW - 290_000, 10, NOW), 'Another backup started 4 min ago; try again in 10 s.')
  })

  it('rounds waits up and ages down', () => {
    assert.equal(roughDuration(61, 'up'), '2 min')
    assert.equal(roughDuration(61), '1 min')
    assert.equal(roughDuration(3 * 3600 + 300), '3 h 5 min')
  })
})
