import { DateTime } from 'luxon'
import { formatDuration, formatInstant } from '../web/format.js'
import { type Fact, digestFacts, exitCodeText, kindLabel, problemWords, runFacts, when } from './message-facts.js'
import type { AlertEvent, AlertFacts, AlertMessage } from './types.js'

/** What a message says, before it is laid out as text or HTML. */
export type MessageContent = {
  severity: AlertMessage['severity']
  /** Without the "[RePlexOn]" prefix. */
  title: string
  lead: string
  /** rsync's own explanation, shown as it was printed. */
  detail: string | null
  facts: Fact[]
}

export type RenderableAlert = { event: AlertEvent; occurredAt: number; facts: AlertFacts }

const hourMinute = (epochMs: number, zone: string) => DateTime.fromMillis(epochMs, { zone }).toFormat('HH:mm')

/** One line naming a problem: the title of its own alert (also used after "Still failing: "). */
function problemTitle(event: AlertEvent | undefined, facts: AlertFacts, zone: string): string {
  const { run } = facts
  const kind = kindLabel(run)
  const on = run ? ` on ${run.date}` : ''
  if (event === 'failed') return `${kind} FAILED${on}${run?.exitCode != null ? ` (exit ${run.exitCode})` : ''}`
  if (event === 'interrupted') return `${kind} interrupted${on}`
  if (event === 'missed') {
    const due = facts.expectedAt === undefined ? '' : ` was due ${hourMinute(facts.expectedAt, zone)}`
    return `Backup missed: ${facts.job ?? 'a scheduled backup'}${due}`
  }
  if (event === 'hung') {
    if (facts.runningForSeconds !== undefined) return `${kind} running for ${formatDuration(Math.floor(facts.runningForSeconds / 60) * 60)} (hung?)`
    return run?.startedAt != null ? `${kind} running since ${formatInstant(run.startedAt, zone)} (hung?)` : `${kind} hung?`
  }
  return 'backups'
}

/** The problem a reminder is about, in a few words after "Still failing: ". */
function reminderSummary(facts: AlertFacts, zone: string): string {
  if (facts.problemEvent !== 'missed') return problemTitle(facts.problemEvent, facts, zone)
  const due = facts.expectedAt === undefined ? '' : ` was due ${hourMinute(facts.expectedAt, zone)} and`
  return `${facts.job ?? 'a scheduled backup'}${due} did not run`
}

function problemLead(event: AlertEvent | undefined, facts: AlertFacts, zone: string): string {
  const { run } = facts
  const subject = run ? `The ${kindLabel(run).toLowerCase()} of ${run.date}` : 'A backup'
  switch (event) {
    case 'failed':
      return `${subject} failed${run?.exitCode != null ? ` with exit code ${exitCodeText(run.exitCode)}` : ''}.`
    case 'interrupted':
      return `${subject} stopped without finishing: the log has no end marker for it (killed, rebooted or lost power?).`
    case 'missed': {
      const due = facts.expectedAt === undefined ? '' : ` at ${when(facts.expectedAt, zone)}`
      return `${facts.job ?? 'A scheduled backup'} was due${due}, but no backup started around that time.`
    }
    case 'hung': {
      const started = run?.startedAt != null ? ` that started ${when(run.startedAt, zone)}` : ''
      const running = facts.runningForSeconds !== undefined ? ` after ${formatDuration(facts.runningForSeconds)}` : ''
      const limit = facts.limitSeconds !== undefined ? `, longer than the limit of ${formatDuration(facts.limitSeconds)}` : ''
      return `${subject}${started} is still running${running}${limit}. It may be hung.`
    }
    default:
      return 'A backup has a problem.'
  }
}

function problemFacts(event: AlertEvent | undefined, facts: AlertFacts, zone: string): Fact[] {
  const extra: Fact[] = []
  if (event === 'missed' && facts.job !== undefined) extra.push({ label: 'Job', value: facts.job })
  if (facts.expectedAt !== undefined) extra.push({ label: 'Due at', value: when(facts.expectedAt, zone) })
  if (facts.runningForSeconds !== undefined) extra.push({ label: 'Running for', value: formatDuration(facts.runningForSeconds) })
  if (facts.limitSeconds !== undefined) extra.push({ label: 'Hung after', value: formatDuration(facts.limitSeconds) })
  return [...extra, ...(facts.run ? runFacts(facts.run, zone) : [])]
}

function streakFacts(facts: AlertFacts, zone: string): Fact[] {
  const since = facts.problemSince === undefined ? [] : [{ label: 'Problem since', value: when(facts.problemSince, zone) }]
  return [...since, { label: 'Problem', value: problemWords(facts.problemEvent) }]
}

/** The words of a message for an alert: title, lead sentence, rsync's error and the facts. */
export function describeAlert(alert: RenderableAlert, zone: string): MessageContent {
  const { event, facts } = alert
  const detail = facts.run?.error ?? null
  if (event === 'recovered') {
    const run = facts.run
    const since = facts.problemSince === undefined ? '' : ` since ${when(facts.problemSince, zone)}`
    const what = run ? `the ${kindLabel(run).toLowerCase()} of ${run.date} succeeded` : 'a backup succeeded'
    return {
      severity: 'recovery',
      title: 'Backups recovered',
      lead: `Backups work again: ${what}, after ${problemWords(facts.problemEvent)}${since}.`,
      detail: null,
      facts: [...streakFacts(facts, zone), ...(run ? runFacts(run, zone) : [])],
    }
  }
  if (event === 'reminder') {
    const since = facts.problemSince === undefined ? '' : ` since ${when(facts.problemSince, zone)}`
    return {
      severity: 'problem',
      title: `Still failing: ${reminderSummary(facts, zone)}`,
      lead: `No backup has succeeded${since}. The latest problem: ${problemLead(facts.problemEvent, facts, zone)}`,
      detail,
      facts: [...streakFacts(facts, zone), ...problemFacts(facts.problemEvent, facts, zone)],
    }
  }
  if (event === 'digest') {
    const digest = facts.digest
    const lead = digest
      ? `In the week to ${when(digest.to, zone)}: ${digest.runs} backup${digest.runs === 1 ? '' : 's'}, ${digest.failures} of them failed or interrupted.`
      : 'The weekly summary of your backups.'
    return { severity: 'info', title: 'Weekly backup digest', lead, detail: null, facts: digest ? digestFacts(digest, zone) : [] }
  }
  return { severity: 'problem', title: problemTitle(event, facts, zone), lead: problemLead(event, facts, zone), detail, facts: problemFacts(event, facts, zone) }
}
