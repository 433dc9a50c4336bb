import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { formatScriptDate, localDate, wallClock, zoneAbbreviation } from '../../src/demo/script-date.js'
import { DateTime } from 'luxon'
import { DATE_SHAPES } from './log-patterns.js'

describe('dates as `date` prints them', () => {
  it('prints en_US with AM/PM and the daylight-saving abbreviation in July in New York', () => {
    const july = new Date('2026-07-23T07:13:23Z')
    assert.equal(formatScriptDate(july, 'America/New_York', 'en_US'), 'Thu Jul 23 03:13:23 AM EDT 2026')
  })

  it('prints the standard abbreviation in February in New York', () => {
    const feb = new Date('2026-02-23T08:13:23Z')
    assert.equal(formatScriptDate(feb, 'America/New_York', 'en_US'), 'Mon Feb 23 03:13:23 AM EST 2026')
    assert.equal(formatScriptDate(feb, 'America/New_York', 'C'), 'Mon Feb 23 03:13:23 EST 2026')
  })

  it('pads a one-digit day with a space, as %e does', () => {
    assert.equal(formatScriptDate(new Date('2026-03-01T09:00:01Z'), 'America/Chicago', 'en_US'), 'Sun Mar  1 03:00:01 AM CST 2026')
  })

  it('prints en_GB day-first with GMT in winter and BST in summer', () => {
    assert.equal(formatScriptDate(new Date('2026-03-27T00:45:00Z'), 'Europe/London', 'en_GB'), 'Fri 27 Mar 00:45:00 GMT 2026')
    assert.equal(formatScriptDate(new Date('2026-07-03T23:45:00Z'), 'Europe/London', 'en_GB'), 'Sat  4 Jul 00:45:00 BST 2026')
  })

  it('prints de_DE with German names and CEST in October, CET in January', () => {
    assert.equal(formatScriptDate(new Date('2026-10-23T02:15:00Z'), 'Europe/Berlin', 'de_DE'), 'Fr 23. Okt 04:15:00 CEST 2026')
    assert.equal(formatScriptDate(new Date('2026-03-06T02:15:00Z'), 'Europe/Berlin', 'de_DE'), 'Fr 6. Mär 03:15:00 CET 2026')
  })

  it('prints date -Iseconds with a numeric offset, +00:00 rather than Z in UTC', () => {
    assert.equal(formatScriptDate(new Date('2026-02-23T08:13:23Z'), 'America/New_York', 'iso'), '2026-02-23T03:13:23-05:00')
    assert.equal(formatScriptDate(new Date('2026-02-23T08:13:23Z'), 'UTC', 'iso'), '2026-02-23T08:13:23+00:00')
  })

  it('prints UTC as UTC and a zone without a letter abbreviation numerically', () => {
    assert.equal(formatScriptDate(new Date('2026-09-10T02:00:00Z'), 'UTC', 'C'), 'Thu Sep 10 02:00:00 UTC 2026')
    assert.equal(zoneAbbreviation(DateTime.fromISO('2026-01-05T06:15:00', { zone: 'Asia/Dubai' })), '+04')
  })

  it('matches the shape log-format.md documents for every style at midnight and noon', () => {
    for (const iso of ['2026-01-01T05:00:00Z', '2026-06-15T16:30:00Z']) {
      const at = new Date(iso)
      for (const style of Object.keys(DATE_SHAPES) as (keyof typeof DATE_SHAPES)[]) {
        const text = formatScriptDate(at, 'America/New_York', style)
        assert.match(text, DATE_SHAPES[style], `${style}: ${text}`)
      }
    }
  })

  it('places 03:00 wall-clock on the right side of a DST change', () => {
    const springForward = wallClock('2026-03-08', { hour: 3, minute: 0, second: 1 }, 'America/New_York')
    assert.equal(springForward.toISOString(), '2026-03-08T07:00:01.000Z')
    assert.equal(formatScriptDate(springForward, 'America/New_York', 'C'), 'Sun Mar  8 03:00:01 EDT 2026')
    assert.equal(localDate(springForward, 'America/New_York'), '2026-03-08')
  })
})
