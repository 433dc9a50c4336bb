import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { formatRsyncCount, formatRsyncRate, summaryLines } from '../../src/demo/rsync-numbers.js'

describe('rsync numbers', () => {
  it('prints each row of the log-format.md table', () => {
    assert.equal(formatRsyncCount(12_348_795, { flags: '-av', decimalComma: false }), '12,348,795')
    assert.equal(formatRsyncCount(12_348_798, { flags: '-av', decimalComma: true }), '12.348.798')
    assert.equal(formatRsyncCount(12_350_000, { flags: '-avh', decimalComma: false }), '12.35M')
    assert.equal(formatRsyncCount(12_350_000, { flags: '-avh', decimalComma: true }), '12,35M')
    assert.equal(formatRsyncCount(Math.round(11.78 * 1024 ** 2), { flags: '-avhh', decimalComma: false }), '11.78M')
  })

  it('keeps small counts as plain digits and gives rates two decimals, as in the samples', () => {
    const h = { flags: '-avh', decimalComma: false } as const
    assert.equal(formatRsyncCount(23, h), '23')
    assert.equal(formatRsyncRate(84, h), '84.00')
    assert.equal(formatRsyncRate(1_650_686, { flags: '-av', decimalComma: false }), '1,650,686.00')
    assert.equal(formatRsyncRate(1_650_686, { flags: '-av', decimalComma: true }), '1.650.686,00')
  })

  it('uses G and T for Plex-sized totals', () => {
    assert.equal(formatRsyncCount(24_660_000_000, { flags: '-avh', decimalComma: false }), '24.66G')
    assert.equal(formatRsyncCount(2_000_000_000_000, { flags: '-avh', decimalComma: false }), '2.00T')
  })

  it('writes the two summary lines with two spaces between fields', () => {
    const [sent, total] = summaryLines(
      { sentBytes: 790_827, receivedBytes: 34_516, seconds: 0.5, totalSizeBytes: 30_771_568 },
      { flags: '-av', decimalComma: false },
    )
    assert.equal(sent, 'sent 790,827 bytes  received 34,516 bytes  1,650,686.00 bytes/sec')
    assert.equal(total, 'total size is 30,771,568  speedup is 37.28')
  })
})
