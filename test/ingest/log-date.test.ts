import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { parseLogDate } from '../../src/ingest/log-date.js'

const read = (text: string, zone: string) => {
  const parsed = parseLogDate(text, zone)
  return parsed && { iso: parsed.iso, utc: new Date(parsed.epochMs).toISOString(), date: parsed.date }
}

describe('parseLogDate', () => {
  it('reads every date format the scripts print', () => {
    const ny = 'America/New_York'
    assert.deepEqual(read('Mon Feb 23 03:13:23 AM EST 2026', ny), { iso: '2026-02-23T03:13:23-05:00', utc: '2026-02-23T08:13:23.000Z', date: '2026-02-23' })
    assert.deepEqual(read('Mon Feb 23 03:13:23 EST 2026', ny)?.utc, '2026-02-23T08:13:23.000Z')
    assert.deepEqual(read('Sun Mar  1 03:00:01 AM EST 2026', ny)?.utc, '2026-03-01T08:00:01.000Z')
    assert.deepEqual(read('Fri 27 Mar 00:45:00 GMT 2026', 'Europe/London'), { iso: '2026-03-27T00:45:00+00:00', utc: '2026-03-27T00:45:00.000Z', date: '2026-03-27' })
    assert.deepEqual(read('Fr 23. Okt 04:15:00 CEST 2026', 'Europe/Berlin')?.utc, '2026-10-23T02:15:00.000Z')
    assert.deepEqual(read('2026-02-23T03:13:23-05:00', ny), { iso: '2026-02-23T03:13:23-05:00', utc: '2026-02-23T08:13:23.000Z', date: '2026-02-23' })
  })

  it('reads PM, midnight and noon in the 12-hour clock', () => {
    assert.equal(read('Tue Aug 25 12:00:01 AM CDT 2026', 'America/Chicago')?.iso, '2026-08-25T00:00:01-05:00')
    assert.equal(read('Tue Aug 25 12:00:01 PM CDT 2026', 'America/Chicago')?.iso, '2026-08-25T12:00:01-05:00')
    assert.equal(read('Tue Aug 25 03:15:00 PM CDT 2026', 'America/Chicago')?.iso, '2026-08-25T15:15:00-05:00')
  })

  it('reads French, Spanish and Dutch dates', () => {
    assert.equal(read('ven. 23 oct. 2026 04:15:00 CEST', 'Europe/Paris')?.utc, '2026-10-23T02:15:00.000Z')
    assert.equal(read('mar 24 mar 2026 04:15:00 CET', 'Europe/Madrid')?.utc, '2026-03-24T03:15:00.000Z')
    assert.equal(read('vr 23 okt 2026 04:15:00 CEST', 'Europe/Amsterdam')?.utc, '2026-10-23T02:15:00.000Z')
  })

  it('writes UTC instants with Z', () => {
    assert.equal(read('Thu Sep 10 02:00:00 UTC 2026', 'UTC')?.iso, '2026-09-10T02:00:00Z')
  })

  it('uses the abbreviation to pick the side of the fall-back hour', () => {
    assert.equal(read('Sun Nov  1 01:30:00 AM EDT 2026', 'America/New_York')?.utc, '2026-11-01T05:30:00.000Z')
    assert.equal(read('Sun Nov  1 01:30:00 AM EST 2026', 'America/New_York')?.utc, '2026-11-01T06:30:00.000Z')
    assert.equal(read('So 25. Okt 02:30:00 CEST 2026', 'Europe/Berlin')?.utc, '2026-10-25T00:30:00.000Z')
    assert.equal(read('So 25. Okt 02:30:00 CET 2026', 'Europe/Berlin')?.utc, '2026-10-25T01:30:00.000Z')
  })

  it('takes the first reading of an ambiguous hour when the abbreviation does not tell', () => {
    assert.equal(read('Sun Nov  1 01:30:00 2026', 'America/New_York')?.utc, '2026-11-01T05:30:00.000Z')
  })

  it('reads the hours around spring-forward on both sides', () => {
    assert.equal(read('Sun Mar  8 01:59:59 AM EST 2026', 'America/New_York')?.utc, '2026-03-08T06:59:59.000Z')
    assert.equal(read('Sun Mar  8 03:00:00 AM EDT 2026', 'America/New_York')?.utc, '2026-03-08T07:00:00.000Z')
    assert.equal(read('So 29. Mär 01:59:00 CET 2026', 'Europe/Berlin')?.utc, '2026-03-29T00:59:00.000Z')
    assert.equal(read('So 29. Mär 03:00:00 CEST 2026', 'Europe/Berlin')?.utc, '2026-03-29T01:00:00.000Z')
  })

  it('reads a time inside the spring-forward gap with the printed offset, else the one before the gap', () => {
    assert.equal(read('Sun Mar  8 02:30:00 AM EST 2026', 'America/New_York')?.iso, '2026-03-08T03:30:00-04:00')
    assert.equal(read('Sun Mar  8 02:30:00 AM EDT 2026', 'America/New_York')?.utc, '2026-03-08T06:30:00.000Z')
    assert.equal(read('So 29. Mär 02:30:00 2026', 'Europe/Berlin')?.utc, '2026-03-29T01:30:00.000Z')
  })

  it('returns null for text that is not a date', () => {
    assert.equal(parseLogDate('garbage', 'UTC'), null)
    assert.equal(parseLogDate('Mon Feb 30 03:13:23 EST 2026', 'America/New_York'), null)
    assert.equal(parseLogDate('Mon Feb 23 03:13 EST', 'America/New_York'), null)
    assert.equal(parseLogDate('Mon Feb 23 03:13:23 EST 2026', 'Not/AZone'), null)
  })
})
