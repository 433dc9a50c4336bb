import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { longestGapMs } from '../../src/runner/crontab-job.js'
import { freeSpaceVerdict, lastSuccessVerdict, maxSuccessAgeMs } from '../../src/runner/health-rules.js'

const GIB = 1024 ** 3
const HOUR = 3_600_000
const NOW = new Date('2026-02-23T12:00:00Z')

describe('the health rules', () => {
  it('expects a daily job within 26 h and a weekday job across the weekend', () => {
    assert.equal(maxSuccessAgeMs(longestGapMs('0 3 * * *', NOW, 'UTC')), 26 * HOUR)
    assert.equal(maxSuccessAgeMs(longestGapMs('0 3 * * 1-5', NOW, 'UTC')), 74 * HOUR)
    assert.equal(maxSuccessAgeMs(longestGapMs('@reboot', NOW, 'UTC')), 26 * HOUR, 'unknown: 26 h')
    assert.equal(longestGapMs('not a schedule', NOW, 'UTC'), null)
  })

  it('fails a last success older than the schedule allows, or none at all', () => {
    assert.equal(lastSuccessVerdict(NOW.getTime() - 10 * HOUR, 26 * HOUR, NOW.getTime()).ok, true)
    const old = lastSuccessVerdict(NOW.getTime() - 30 * HOUR, 26 * HOUR, NOW.getTime())
    assert.deepEqual(old, { ok: false, detail: 'last success 30.0 h ago (limit 26 h)' })
    assert.equal(lastSuccessVerdict(null, 26 * HOUR, NOW.getTime()).ok, false)
  })

  it('fails free space under 1 GiB or under 5 %', () => {
    assert.equal(freeSpaceVerdict(50 * GIB, 100 * GIB).ok, true)
    assert.equal(freeSpaceVerdict(0.5 * GIB, 2 * GIB).ok, false, 'under 1 GiB')
    assert.equal(freeSpaceVerdict(40 * GIB, 1000 * GIB).ok, false, 'under 5 %')
    assert.equal(freeSpaceVerdict(40 * GIB, 1000 * GIB).detail, '40.0 GiB free of 1000.0 GiB (4.0 %)')
  })
})
