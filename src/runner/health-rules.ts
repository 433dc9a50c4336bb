const GIB = 1024 ** 3

/** Without a known schedule a daily backup is assumed: a success at most 26 h old. */
export const DEFAULT_MAX_SUCCESS_AGE_MS = 26 * 3_600_000
/** Slack on top of the schedule's longest gap, for a run that takes a while. */
export const SCHEDULE_SLACK_MS = 2 * 3_600_000

export type Verdict = { ok: boolean; detail: string }

const gib = (bytes: number) => `${(bytes / GIB).toFixed(1)} GiB`

/** Free space is a FAIL under 1 GiB or under 5 % of the file system. */
export function freeSpaceVerdict(free: number, total: number, minBytes = GIB, minRatio = 0.05): Verdict {
  const ratio = total > 0 ? free / total : 0
  const detail = `${gib(free)} free of ${gib(total)} (${(ratio * 100).toFixed(1)} %)`
  return { ok: free >= minBytes && ratio >= minRatio, detail }
}

/** How old the last success may be: the schedule's longest gap plus slack, else 26 h. */
export function maxSuccessAgeMs(longestGapMs: number | null): number {
  return longestGapMs === null ? DEFAULT_MAX_SUCCESS_AGE_MS : longestGapMs + SCHEDULE_SLACK_MS
}

/** The last successful backup must be younger than `maxAgeMs`. */
export function lastSuccessVerdict(lastSuccessAt: number | null, maxAgeMs: number, now: number): Verdict {
  const limit = `${Math.round(maxAgeMs / 3_600_000)} h`
  if (lastSuccessAt === null) return { ok: false, detail: 'no successful backup recorded' }
  const ageHours = (now - lastSuccessAt) / 3_600_000
  const age = ageHours < 48 ? `${ageHours.toFixed(1)} h` : `${Math.floor(ageHours / 24)} days`
  return { ok: now - lastSuccessAt <= maxAgeMs, detail: `last success ${age} ago (limit ${limit})` }
}
