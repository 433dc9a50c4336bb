import { Cron } from 'croner'

/** A schedule cron would refuse; the message says what is wrong, for people. */
export class CronExpressionError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CronExpressionError'
  }
}

/** The macros Debian's cron knows, as the five fields they stand for (@reboot has none). */
export const MACROS: Readonly<Record<string, string | null>> = {
  '@reboot': null,
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']

type Field = { name: string; min: number; max: number; names?: string[]; nameBase?: number }

const FIELDS: Field[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS, nameBase: 1 },
  { name: 'day of week', min: 0, max: 7, names: DAYS, nameBase: 0 },
]

function value(text: string, field: Field): number {
  if (/^\d+$/.test(text)) {
    const n = Number(text)
    if (n < field.min || n > field.max) throw new CronExpressionError(`${field.name} ${n} is out of range (${field.min}-${field.max})`)
    return n
  }
  const named = field.names?.indexOf(text.toLowerCase()) ?? -1
  if (named >= 0) return named + field.nameBase!
  const hint = field.names ? ` (a number ${field.min}-${field.max} or a name such as ${field.names[1]!.toUpperCase()})` : ` (a number ${field.min}-${field.max})`
  throw new CronExpressionError(`"${text}" is not a valid ${field.name}${hint}`)
}

/** Vixie cron's grammar for one field: lists of *, N or N-M, each with an optional /step. */
function checkField(text: string, field: Field): void {
  for (const item of text.split(',')) {
    const m = /^([^/]+)(?:\/(.*))?$/.exec(item)
    if (!m) throw new CronExpressionError(`"${text}" is not a valid ${field.name}`)
    const [, range, step] = m
    if (step !== undefined && !/^[1-9]\d*$/.test(step)) throw new CronExpressionError(`step "/${step}" in the ${field.name} must be a whole number above 0`)
    if (range === '*') continue
    const bounds = range!.split('-')
    if (bounds.length > 2) throw new CronExpressionError(`"${range}" is not a valid ${field.name} range`)
    const low = value(bounds[0]!, field)
    if (bounds.length === 2) {
      const high = value(bounds[1]!, field)
      if (high < low) throw new CronExpressionError(`the ${field.name} range "${range}" runs backwards`)
    } else if (step !== undefined) {
      throw new CronExpressionError(`"${item}": cron allows a step only after * or a range, as in */${step}`)
    }
  }
}

/**
 * The five fields `schedule` stands for, or null for @reboot. Throws CronExpressionError
 * with the reason when Debian's cron would refuse it (extensions such as L, W, # or a
 * seconds field are refused too, since cron would not run them).
 */
export function expandSchedule(schedule: string): string | null {
  const text = schedule.trim().replace(/\s+/g, ' ')
  if (text === '') throw new CronExpressionError('the schedule is empty')
  if (text.startsWith('@')) {
    // cron compares macro names case-sensitively: @Daily is refused.
    if (!Object.hasOwn(MACROS, text)) throw new CronExpressionError(`"${text}" is not a cron macro (use ${Object.keys(MACROS).join(', ')})`)
    return MACROS[text]!
  }
  const parts = text.split(' ')
  if (parts.length !== 5) {
    throw new CronExpressionError(`a schedule has five fields (minute hour day-of-month month day-of-week); this one has ${parts.length}`)
  }
  parts.forEach((part, i) => checkField(part, FIELDS[i]!))
  return parts.join(' ')
}

/** A croner job for five valid fields in `zone`, never started (no timers). */
export function cronFor(fields: string, zone: string): Cron {
  // "no-wildcard": a job at fixed hours runs once when a time repeats and right after a
  // skipped hour, the way Vixie cron handles DST; */15-style jobs follow the wall clock.
  return new Cron(fields, { timezone: zone, mode: '5-part', fixedTimeRule: 'no-wildcard', paused: true })
}
