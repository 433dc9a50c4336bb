import { type MessageContent, type RenderableAlert, describeAlert } from './message-content.js'
import { type Fact, when } from './message-facts.js'
import { alertHtml } from './message-html.js'
import type { AlertMessage } from './types.js'

export type { RenderableAlert } from './message-content.js'

export type RenderOptions = {
  /** PUBLIC_ORIGIN, e.g. "https://backup.example.com"; without it messages carry no link. */
  publicOrigin: string | undefined
  /** The zone times are shown in (the logs' zone). */
  timeZone: string
  /** The server's name, so that alerts from several servers can be told apart. */
  hostname?: string
}

const PREFIX = '[RePlexOn] '

type Target = { path: string; label: string; hint: string }

function target(runId: number | null): Target {
  if (runId === null) return { path: '/dashboard', label: 'Open the RePlexOn dashboard', hint: 'See the RePlexOn dashboard for details.' }
  return { path: `/logs/${runId}`, label: 'Open the run in RePlexOn', hint: `See run #${runId} on the History page of RePlexOn for its full log.` }
}

function urlOf(origin: string | undefined, path: string): string | null {
  const base = origin?.trim().replace(/\/+$/, '')
  return base ? `${base}${path}` : null
}

/** "Label:   value" lines, the values lined up. */
function factLines(facts: readonly Fact[]): string[] {
  const width = Math.max(0, ...facts.map((f) => f.label.length)) + 2
  return facts.map((f) => `${`${f.label}:`.padEnd(width)}${f.value}`)
}

function assemble(event: AlertMessage['event'], occurredAt: number, content: MessageContent, runId: number | null, options: RenderOptions): AlertMessage {
  const facts = options.hostname ? [...content.facts, { label: 'Server', value: options.hostname }] : content.facts
  const to = target(runId)
  const url = urlOf(options.publicOrigin, to.path)
  const hint = url === null ? `${to.hint} (Set PUBLIC_ORIGIN to get a link here.)` : null
  const footer = `Sent by RePlexOn${options.hostname ? ` on ${options.hostname}` : ''}. Times are in ${options.timeZone}.`
  const title = `${PREFIX}${content.title}`
  // The error is shown on its own above the facts; once is enough in a body.
  const listed = content.detail ? facts.filter((f) => f.label !== 'Error') : facts
  const text = [
    content.lead,
    ...(content.detail ? ['', content.detail] : []),
    ...(listed.length > 0 ? ['', ...factLines(listed)] : []),
    '',
    url === null ? hint! : `${to.label}: ${url}`,
    '',
    '-- ',
    footer,
  ].join('\n')
  const link = url === null ? null : { url, label: to.label }
  const html = alertHtml({ severity: content.severity, title, lead: content.lead, detail: content.detail, facts: listed, link, hint, footer })
  return { event, severity: content.severity, title, text, html, url, facts, occurredAt }
}

/**
 * The message channels send for an alert, rendered from what the rules decided (or what
 * the outbox stored): a one-line title, a plain-text and an HTML body, a link to the run or
 * the dashboard under PUBLIC_ORIGIN, and the facts as label/value pairs. Times are shown in
 * `timeZone`; a missing fact is left out or said to be unknown, never invented.
 */
export function renderAlert(alert: RenderableAlert & { runId: number | null }, options: RenderOptions): AlertMessage {
  const content = describeAlert(alert, options.timeZone)
  // A digest is about the week, not one run.
  const runId = alert.event === 'digest' ? null : alert.runId
  return assemble(alert.event, alert.occurredAt, content, runId, options)
}

/** The message "Send test" delivers, so that a user sees a channel work. */
export function renderTestMessage(options: RenderOptions & { now: number }): AlertMessage {
  const content: MessageContent = {
    severity: 'info',
    title: 'Test message',
    lead: 'This is a test message from RePlexOn. If you can read it, alerts reach you on this channel.',
    detail: null,
    facts: [{ label: 'Sent at', value: when(options.now, options.timeZone) }],
  }
  return assemble('test', options.now, content, null, options)
}
