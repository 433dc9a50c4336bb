/**
 * A crontab as lines that keep their original text, so a rewrite changes only the edited
 * line. User crontabs have no user field; /etc/crontab and /etc/cron.d files do.
 */

type LineBase = { index: number; text: string }

export type CrontabLine =
  | (LineBase & { kind: 'blank' })
  | (LineBase & { kind: 'comment'; comment: string })
  | (LineBase & { kind: 'env'; name: string; value: string })
  | (LineBase & {
      kind: 'job'
      /** The schedule as written: five fields or an @macro. */
      schedule: string
      /** Where `schedule` sits in `text`, so an edit replaces exactly that span. */
      scheduleStart: number
      scheduleEnd: number
      /** The user the job runs as (system crontabs only). */
      user: string | null
      command: string
    })
  | (LineBase & { kind: 'invalid'; reason: string })

export type CrontabJobLine = Extract<CrontabLine, { kind: 'job' }>

export type ParseOptions = { system: boolean }

const ENV_LINE = /^\s*(?:"([^"=]+)"|'([^'=]+)'|([^\s=]+))\s*=\s*(.*?)\s*$/

/** Cron's own rule: a value in matching quotes loses them, other values are kept as written. */
function unquote(value: string): string {
  const m = /^(["'])(.*)\1$/.exec(value)
  return m ? m[2]! : value
}

/** Splits off whitespace-separated tokens from `start`, giving each token's span. */
function nextToken(text: string, start: number): { token: string; start: number; end: number } | null {
  let i = start
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++
  if (i >= text.length) return null
  let j = i
  while (j < text.length && text[j] !== ' ' && text[j] !== '\t') j++
  return { token: text.slice(i, j), start: i, end: j }
}

function parseJob(index: number, text: string, body: string, options: ParseOptions): CrontabLine {
  const first = nextToken(body, 0)!
  let scheduleEnd = first.end
  if (!first.token.startsWith('@')) {
    for (let field = 1; field < 5; field++) {
      const t = nextToken(body, scheduleEnd)
      if (!t) return { kind: 'invalid', index, text, reason: 'a job needs five time fields and a command' }
      scheduleEnd = t.end
    }
  }
  let rest = scheduleEnd
  let user: string | null = null
  if (options.system) {
    const u = nextToken(body, rest)
    if (!u) return { kind: 'invalid', index, text, reason: 'a system crontab job needs a user and a command' }
    user = u.token
    rest = u.end
  }
  const command = body.slice(rest).trim()
  if (command === '') return { kind: 'invalid', index, text, reason: 'the job has no command' }
  return {
    kind: 'job',
    index,
    text,
    schedule: body.slice(first.start, scheduleEnd).replace(/[ \t]+/g, ' '),
    scheduleStart: first.start,
    scheduleEnd,
    user,
    command,
  }
}

/** One line of a crontab (without its newline; a trailing CR is tolerated). */
export function parseCrontabLine(index: number, text: string, options: ParseOptions): CrontabLine {
  const body = text.endsWith('\r') ? text.slice(0, -1) : text
  const trimmed = body.trim()
  if (trimmed === '') return { kind: 'blank', index, text }
  if (trimmed.startsWith('#')) return { kind: 'comment', index, text, comment: trimmed.replace(/^#+\s*/, '') }
  // A job starts with a minute (digit or *) or an @macro; anything else may be NAME=value.
  if (!/^[0-9*@]/.test(trimmed)) {
    const env = ENV_LINE.exec(body)
    if (env) return { kind: 'env', index, text, name: env[1] ?? env[2] ?? env[3]!, value: unquote(env[4]!) }
    return { kind: 'invalid', index, text, reason: 'neither a job, a NAME=value setting nor a comment' }
  }
  return parseJob(index, text, body, options)
}

/** Every line of `text`; joining their `text` with "\n" gives `text` back unchanged. */
export function parseCrontab(text: string, options: ParseOptions = { system: false }): CrontabLine[] {
  return text.split('\n').map((line, index) => parseCrontabLine(index, line, options))
}

/** The crontab text again, from its lines. */
export function serializeCrontab(lines: readonly CrontabLine[]): string {
  return lines.map((l) => l.text).join('\n')
}

/**
 * `text` with the schedule of the job on line `index` replaced; every other byte is kept.
 * Throws when that line is not a job.
 */
export function replaceSchedule(text: string, index: number, schedule: string, options: ParseOptions = { system: false }): string {
  const lines = parseCrontab(text, options)
  const line = lines[index]
  if (!line || line.kind !== 'job') throw new RangeError(`line ${index + 1} of the crontab is not a job`)
  // Collapsing whitespace also keeps a newline in the new schedule from starting a line of its own.
  const fields = schedule.trim().split(/\s+/).join(' ')
  const updated = line.text.slice(0, line.scheduleStart) + fields + line.text.slice(line.scheduleEnd)
  lines[index] = parseCrontabLine(index, updated, options)
  return serializeCrontab(lines)
}
