import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { MAX_ATTEMPTS, nextAttemptDelayMs, shouldGiveUp } from '../../src/alerts/backoff.js'

const MIN = 60_000
const HOUR = 60 * MIN

describe('delivery backoff', () => {
  it('waits 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h then 8 h after each failed attempt', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8].map(nextAttemptDelayMs)
    assert.deepEqual(delays, [30_000, 2 * MIN, 10 * MIN, 30 * MIN, HOUR, 2 * HOUR, 4 * HOUR, 8 * HOUR])
  })

  it('keeps the longest wait beyond the table and the shortest for nonsense counts', () => {
    assert.equal(nextAttemptDelayMs(20), 8 * HOUR)
    assert.equal(nextAttemptDelayMs(0), 30_000)
    assert.equal(nextAttemptDelayMs(-3), 30_000)
  })

  it('gives up after the ninth failed attempt, so every wait of the table is used', () => {
    assert.equal(MAX_ATTEMPTS, 9)
    assert.equal(shouldGiveUp(8), false)
    assert.equal(shouldGiveUp(9), true)
  })
})
