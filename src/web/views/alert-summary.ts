import { DateTime } from 'luxon'
import { kindLabel, problemWords } from '../../alerts/message-facts.js'
import type { AlertHistoryEntry } from '../../db/repositories/alerts.js'
import { formatDuration, formatInstant } from '../format.js'

/** The slot a missed run was due in: just the time when it is the day the alert was decided. */
function dueText(expectedAt: number, decidedAt: number, zone: string): string {
  const due = DateTime.fromMillis(expectedAt, { zone })
  return due.hasSame(DateTime.fromMillis(decidedAt, { zone }), 'day') ? due.toFormat('HH:mm') : due.toFormat('yyyy-LL-dd HH:mm')
}

/** One line saying what the alert was about, from the facts it carried; missing facts are left out, not invented. */
export function alertSummary(alert: AlertHistoryEntry, zone: string): string {
  const { facts } = alert
  const run = facts.run
  const subject = run ? `${kindLabel(run)} of ${run.date}` : 'A backup'
  switch (alert.event) {
    case 'failed':
      return `${subject} failed${run?.exitCode != null ? ` (exit ${run.exitCode})` : ''}`
    case 'interrupted':
      return `${subject} stopped without finishing`
    case 'missed':
      return `${facts.job ?? 'A scheduled backup'}${facts.expectedAt === undefined ? '' : ` due ${dueText(facts.expectedAt, alert.createdAt, zone)}`} did not start`
    case 'hung':
      return `${subject} still running${facts.runningForSeconds === undefined ? '' : ` after ${formatDuration(facts.runningForSeconds)}`} (hung?)`
    case 'recovered':
      return `Backups work again${run ? `: ${subject.toLowerCase()} succeeded` : ''} after ${problemWords(facts.problemEvent)}`
    case 'reminder':
      return `Still failing${facts.problemSince === undefined ? '' : ` since ${formatInstant(facts.problemSince, zone)}`}: ${problemWords(facts.problemEvent)}`
    case 'digest': {
      const d = facts.digest
      return d ? `Weekly digest: ${d.runs} backup${d.runs === 1 ? '' : 's'}, ${d.failures} failed or interrupted` : 'Weekly digest'
    }
  }
}
