import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { DateTime } from 'luxon'
import { CronExpressionError, expandSchedule } from '../../src/schedule/cron-expression.js'
import { describeSchedule, expectedRuns } from '../../src/schedule/describe.js'

const at = (iso: string) => Date.parse(iso)
const iso = (ms: number[]) => ms.map((t) => new Date(t).toISOString())
/** Local wall-clock times with the zone's abbreviation, as people would check them. */
const local = (ms: number[], zone: string) => ms.map((t) => DateTime.fromMillis(t, { zone }).toFormat('ccc yyyy-LL-dd HH:mm ZZZZ'))

function described(expr: string, now: string, zone = 'UTC', count = 5) {
  const d = describeSchedule(expr, { now: at(now), zone, count })
  assert.ok(d.ok, `${expr} should be valid: ${d.ok ? '' : d.error}`)
  return d
}

describe('describing a cron schedule', () => {
  it('reads five plain fields as words and lists the next five runs after now', () => {
    const d = described('0 3 * * 0', '2026-03-04T12:00:00Z')
    assert.equal(d.description, 'At 03:00 AM, only on Sunday')
    assert.deepEqual(iso(d.nextRuns), [
      '2026-03-08T03:00:00.000Z',
      '2026-03-15T03:00:00.000Z',
      '2026-03-22T03:00:00.000Z',
      '2026-03-29T03:00:00.000Z',
      '2026-04-05T03:00:00.000Z',
    ])
  })

  it('does not count now itself as a next run', () => {
    assert.equal(iso(described('0 3 * * *', '2026-03-04T03:00:00Z').nextRuns)[0], '2026-03-05T03:00:00.000Z')
  })

  it('understands every macro cron knows', () => {
    const now = '2026-03-04T12:34:00Z'
    const cases: [string, string, string][] = [
      ['@hourly', 'Every hour', '2026-03-04T13:00:00.000Z'],
      ['@daily', 'At 12:00 AM', '2026-03-05T00:00:00.000Z'],
      ['@midnight', 'At 12:00 AM', '2026-03-05T00:00:00.000Z'],
      ['@weekly', 'At 12:00 AM, only on Sunday', '2026-03-08T00:00:00.000Z'],
      ['@monthly', 'At 12:00 AM, on day 1 of the month', '2026-04-01T00:00:00.000Z'],
      ['@yearly', 'At 12:00 AM, on day 1 of the month, only in January', '2027-01-01T00:00:00.000Z'],
      ['@annually', 'At 12:00 AM, on day 1 of the month, only in January', '2027-01-01T00:00:00.000Z'],
    ]
    for (const [expr, words, first] of cases) {
      const d = described(expr, now)
      assert.equal(d.description, words, expr)
      assert.equal(iso(d.nextRuns)[0], first, expr)
      assert.equal(d.nextRuns.length, 5, expr)
    }
  })

  it('says @reboot runs at every boot and has no next run by the clock', () => {
    const d = described('@reboot', '2026-03-04T12:00:00Z')
    assert.equal(d.description, 'At every boot')
    assert.equal(d.reboot, true)
    assert.deepEqual(d.nextRuns, [])
  })

  it('handles ranges, steps, lists and month and day names', () => {
    const weekdays = described('*/20 9-10 * * MON-FRI', '2026-03-06T10:30:00Z')
    assert.equal(weekdays.description, 'Every 20 minutes, between 09:00 AM and 10:59 AM, Monday through Friday')
    assert.deepEqual(iso(weekdays.nextRuns), [
      '2026-03-06T10:40:00.000Z',
      '2026-03-09T09:00:00.000Z',
      '2026-03-09T09:20:00.000Z',
      '2026-03-09T09:40:00.000Z',
      '2026-03-09T10:00:00.000Z',
    ])
    const list = described('15 4 1,15 JAN,jul *', '2026-03-04T00:00:00Z', 'UTC', 3)
    assert.equal(list.description, 'At 04:15 AM, on day 1 and 15 of the month, only in January and July')
    assert.deepEqual(iso(list.nextRuns), ['2026-07-01T04:15:00.000Z', '2026-07-15T04:15:00.000Z', '2027-01-01T04:15:00.000Z'])
    const stepped = described('0 0-23/6 * * *', '2026-03-04T01:00:00Z', 'UTC', 3)
    assert.deepEqual(iso(stepped.nextRuns), ['2026-03-04T06:00:00.000Z', '2026-03-04T12:00:00.000Z', '2026-03-04T18:00:00.000Z'])
  })

  it('takes 7 as Sunday, as cron does', () => {
    assert.deepEqual(described('0 3 * * 7', '2026-03-04T00:00:00Z').nextRuns, described('0 3 * * sun', '2026-03-04T00:00:00Z').nextRuns)
  })

  it('runs a job on either day when both day fields are restricted, as cron does', () => {
    // The 13th of March 2026 is a Friday; Mondays count as well.
    assert.deepEqual(iso(described('0 0 13 * 1', '2026-03-08T00:00:00Z', 'UTC', 3).nextRuns), [
      '2026-03-09T00:00:00.000Z',
      '2026-03-13T00:00:00.000Z',
      '2026-03-16T00:00:00.000Z',
    ])
  })

  it('refuses what cron refuses, with the reason', () => {
    const reasons: [string, RegExp][] = [
      ['', /empty/],
      ['0 3 * *', /five fields.*has 4/],
      ['0 0 3 * * *', /five fields.*has 6/],
      ['61 * * * *', /minute 61 is out of range \(0-59\)/],
      ['0 24 * * *', /hour 24 is out of range/],
      ['0 0 0 * *', /day of month 0 is out of range/],
      ['0 0 * 13 *', /month 13 is out of range/],
      ['0 0 * * 8', /day of week 8 is out of range/],
      ['*/0 * * * *', /step "\/0".*above 0/],
      ['5/10 * * * *', /step only after \* or a range/],
      ['0 5-1 * * *', /runs backwards/],
      ['0 0 L * *', /"L" is not a valid day of month/],
      ['0 0 * * FRI#2', /not a valid day of week/],
      ['0 0 * * FOO', /"FOO" is not a valid day of week/],
      ['@every', /not a cron macro/],
      ['@Daily', /not a cron macro/],
    ]
    for (const [expr, reason] of reasons) {
      const d = describeSchedule(expr, { now: 0, zone: 'UTC' })
      assert.equal(d.ok, false, `${JSON.stringify(expr)} should be refused`)
      if (!d.ok) assert.match(d.error, reason, expr)
      assert.throws(() => expandSchedule(expr), CronExpressionError, expr)
    }
  })

  it('refuses a zone it does not know instead of guessing', () => {
    const d = describeSchedule('0 3 * * *', { now: 0, zone: 'Mars/Olympus' })
    assert.equal(d.ok, false)
    if (!d.ok) assert.match(d.error, /Mars\/Olympus/)
  })
})

describe('next runs across daylight saving changes', () => {
  it('runs a 02:30 job at 03:00 on the day New York skips 02:00-03:00, like cron', () => {
    const d = described('30 2 * * *', '2026-03-06T12:00:00Z', 'America/New_York', 4)
    assert.deepEqual(local(d.nextRuns, 'America/New_York'), [
      'Sat 2026-03-07 02:30 EST',
      'Sun 2026-03-08 03:00 EDT',
      'Mon 2026-03-09 02:30 EDT',
      'Tue 2026-03-10 02:30 EDT',
    ])
  })

  it('runs a 01:30 job once on the night New York repeats 01:00-02:00', () => {
    const d = described('30 1 * * *', '2026-10-30T12:00:00Z', 'America/New_York', 4)
    assert.deepEqual(local(d.nextRuns, 'America/New_York'), [
      'Sat 2026-10-31 01:30 EDT',
      'Sun 2026-11-01 01:30 EDT',
      'Mon 2026-11-02 01:30 EST',
      'Tue 2026-11-03 01:30 EST',
    ])
  })

  it('follows the wall clock for a */30 job, so the repeated hour runs twice in New York', () => {
    const d = described('*/30 * * * *', '2026-11-01T04:45:00Z', 'America/New_York', 5)
    assert.deepEqual(local(d.nextRuns, 'America/New_York'), [
      'Sun 2026-11-01 01:00 EDT',
      'Sun 2026-11-01 01:30 EDT',
      'Sun 2026-11-01 01:00 EST',
      'Sun 2026-11-01 01:30 EST',
      'Sun 2026-11-01 02:00 EST',
    ])
  })

  it('runs a 02:30 Sunday job at 03:00 when Berlin springs forward and once when it falls back', () => {
    const spring = described('30 2 * * 0', '2026-03-27T00:00:00Z', 'Europe/Berlin', 2)
    assert.deepEqual(local(spring.nextRuns, 'Europe/Berlin'), ['Sun 2026-03-29 03:00 GMT+2', 'Sun 2026-04-05 02:30 GMT+2'])
    const autumn = described('30 2 * * 0', '2026-10-23T00:00:00Z', 'Europe/Berlin', 2)
    assert.deepEqual(iso(autumn.nextRuns), ['2026-10-25T00:30:00.000Z', '2026-11-01T01:30:00.000Z'])
  })
})

describe('expected runs between two instants', () => {
  it('lists every due time after from and up to to, oldest first', () => {
    assert.deepEqual(iso(expectedRuns('0 3 * * *', 'UTC', at('2026-03-01T03:00:00Z'), at('2026-03-04T03:00:00Z'))), [
      '2026-03-02T03:00:00.000Z',
      '2026-03-03T03:00:00.000Z',
      '2026-03-04T03:00:00.000Z',
    ])
  })

  it('counts the repeated autumn hour in Berlin once for a fixed-time job', () => {
    const runs = expectedRuns('30 2 * * *', 'Europe/Berlin', at('2026-10-24T12:00:00Z'), at('2026-10-26T12:00:00Z'))
    assert.deepEqual(local(runs, 'Europe/Berlin'), ['Sun 2026-10-25 02:30 GMT+2', 'Mon 2026-10-26 02:30 GMT+1'])
  })

  it('gives nothing for @reboot or an empty span, and stops at the limit', () => {
    assert.deepEqual(expectedRuns('@reboot', 'UTC', 0, at('2026-01-01T00:00:00Z')), [])
    assert.deepEqual(expectedRuns('@daily', 'UTC', 10, 10), [])
    assert.equal(expectedRuns('* * * * *', 'UTC', 0, at('2026-01-01T00:00:00Z'), { limit: 50 }).length, 50)
  })

  it('throws for a schedule cron would refuse', () => {
    assert.throws(() => expectedRuns('0 25 * * *', 'UTC', 0, 1), /hour 25 is out of range/)
  })
})
