import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { parseRsyncNumber } from '../../src/ingest/rsync-number.js'

describe('parseRsyncNumber', () => {
  it('reads -av numbers with comma thousands (en, C)', () => assert.equal(parseRsyncNumber('12,348,795'), 12348795))
  it('reads -av numbers with dot thousands (de_DE)', () => assert.equal(parseRsyncNumber('12.348.798'), 12348798))
  it('reads -avh numbers in powers of 1000', () => assert.equal(parseRsyncNumber('12.35M', 1000), 12350000))
  it('reads -avh numbers with a decimal comma (de_DE)', () => assert.equal(parseRsyncNumber('12,35M', 1000), 12350000))
  it('reads -avhh numbers in powers of 1024', () => assert.equal(parseRsyncNumber('11.78M', 1024), Math.round(11.78 * 1024 ** 2)))
  it('reads every unit', () => {
    assert.deepEqual(['1K', '1M', '1G', '1T', '1P'].map((t) => parseRsyncNumber(t)), [1e3, 1e6, 1e9, 1e12, 1e15])
    assert.equal(parseRsyncNumber('11.45K'), 11450)
  })
  it('reads plain numbers', () => {
    assert.equal(parseRsyncNumber('0'), 0)
    assert.equal(parseRsyncNumber('23'), 23)
    assert.equal(parseRsyncNumber('1234567'), 1234567)
  })
  it('returns null for what is not an rsync number', () => {
    for (const text of ['', 'abc', '84.00', '1,2,3', '12.35X', '-5']) assert.equal(parseRsyncNumber(text), null, text)
  })
})
