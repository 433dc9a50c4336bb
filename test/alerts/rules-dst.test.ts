import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { DateTime } from 'luxon'
import { decideAlerts } from '../../src/alerts/rules.js'
import type { AlertRun } from '../../src/alerts/types.js'
import { at, given, keysOf, run, wall } from './rules-fixtures.js'

type Zone = { zone: string; springForward: string; fallBack: string; repeatedTime: string }

// 2026: Berlin skips 02:00-03:00 on Mar 29 and repeats 02:00-03:00 on Oct 25;
// New York skips 02:00-03:00 on Mar 8 and repeats 01:00-02:00 on Nov 1.
const ZONES: Zone[] = [
  { zone: 'Europe/Berlin', springForward: '2026-03-29', fallBack: '2026-10-25', repeatedTime: '02:30' },
  { zone: 'America/New_York', springForward: '2026-03-08', fallBack: '2026-11-01', repeatedTime: '01:30' },
]

const day = (date: string, offset: number) => DateTime.fromISO(date).plus({ days: offset }).toISODate()!

/** Nightly runs at `time` on the three days around `date`; on `date` itself at `thatDay` (or none). */
function nights(zone: string, date: string, time: string, thatDay: string | null): AlertRun[] {
  const runs = [-1, 1].map((offset, i) => run(i + 1, `${day(date, offset)}T${time}`, {}, zone))
  if (thatDay !== null) runs.push(run(3, `${date}T${thatDay}`, {}, zone))
  return runs
}

/** The missed alerts for a daily job at `time` over the three days around `date`. */
function missedAround(z: Zone, date: string, time: string, thatDay: string | null): string[] {
  const [hour, minute] = time.split(':')
  const schedule = { label: 'Nightly', expression: `${Number(minute)} ${Number(hour)} * * *`, firstSeenAt: 0 }
  const decisions = decideAlerts(
    given({
      now: at(`${day(date, 2)}T00:00`, z.zone),
      followingSince: at(`${day(date, -1)}T00:00`, z.zone),
      zone: z.zone,
      schedules: [schedule],
      runs: nights(z.zone, date, time, thatDay),
    }),
  )
  return keysOf(decisions, 'missed').map((key) => wall(Date.parse(key.slice('missed:Nightly:'.length)), z.zone))
}

for (const z of ZONES) {
  describe(`missed runs across the DST changes of ${z.zone}`, () => {
    it('does not report a 02:30 job missed on the spring-forward day when it ran at the shifted time', () => {
      assert.deepEqual(missedAround(z, z.springForward, '02:30', '03:00'), [])
    })

    it('expects a 02:30 job once on the spring-forward day, at the time cron moves it to', () => {
      const missed = missedAround(z, z.springForward, '02:30', null)
      assert.equal(missed.length, 1)
      assert.equal(missed[0]!.slice(0, 16), `${z.springForward}T03:00`)
    })

    it(`expects a ${z.repeatedTime} job once, not twice, on the fall-back day`, () => {
      assert.deepEqual(missedAround(z, z.fallBack, z.repeatedTime, z.repeatedTime), [])
      const missed = missedAround(z, z.fallBack, z.repeatedTime, null)
      assert.equal(missed.length, 1)
      assert.equal(missed[0]!.slice(0, 16), `${z.fallBack}T${z.repeatedTime}`)
    })

    it(`counts a ${z.repeatedTime} run that cron started in the repeated hour's second pass`, () => {
      const first = at(`${z.fallBack}T${z.repeatedTime}`, z.zone)
      const runs = nights(z.zone, z.fallBack, z.repeatedTime, null)
      runs.push({ ...run(3, `${z.fallBack}T${z.repeatedTime}`, {}, z.zone), startedAt: first + 3_600_000, finishedAt: first + 5_400_000 })
      const schedule = { label: 'Nightly', expression: `30 ${Number(z.repeatedTime.slice(0, 2))} * * *`, firstSeenAt: 0 }
      const decisions = decideAlerts(
        given({ now: at(`${day(z.fallBack, 2)}T00:00`, z.zone), followingSince: at(`${day(z.fallBack, -1)}T00:00`, z.zone), zone: z.zone, schedules: [schedule], runs }),
      )
      assert.deepEqual(keysOf(decisions, 'missed'), [])
    })

    it('leaves a 03:00 job alone on both days', () => {
      for (const date of [z.springForward, z.fallBack]) {
        assert.deepEqual(missedAround(z, date, '03:00', '03:00'), [])
        const missed = missedAround(z, date, '03:00', null)
        assert.deepEqual(missed.map((t) => t.slice(0, 16)), [`${date}T03:00`])
      }
    })
  })
}

