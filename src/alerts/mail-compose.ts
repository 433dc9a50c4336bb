import addressparser from 'nodemailer/lib/addressparser'
import type { SendMailOptions } from 'nodemailer'
import type { AlertMessage } from './types.js'

// Deliberately loose: the server is the judge of an address; this only catches typos like a missing @.
const ADDRESS = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+$/

/** One mailbox, "a@b.example" or "Name <a@b.example>": its bare address, or why it is not one. */
export function parseMailbox(value: string): { ok: true; address: string } | { ok: false; error: string } {
  const entries = addressparser(value, { flatten: true })
  const [entry] = entries
  if (entries.length !== 1 || !entry) return { ok: false, error: 'give one address, such as "RePlexOn <backup@example.com>"' }
  if (!ADDRESS.test(entry.address)) return { ok: false, error: `"${value}" is not an email address` }
  return { ok: true, address: entry.address }
}

/** Comma-separated recipients as bare addresses, or what is wrong with them. */
export function parseAddressList(value: string): { ok: true; addresses: string[] } | { ok: false; error: string } {
  if (value.trim() === '') return { ok: false, error: 'required' }
  const addresses: string[] = []
  for (const entry of addressparser(value, { flatten: true })) {
    if (!ADDRESS.test(entry.address)) return { ok: false, error: `"${entry.address || entry.name}" is not an email address` }
    if (!addresses.includes(entry.address)) addresses.push(entry.address)
  }
  if (addresses.length === 0) return { ok: false, error: 'required' }
  return { ok: true, addresses }
}

/**
 * The email for an alert, the same for SMTP and msmtp: text and HTML alternatives, the title as
 * subject. Auto-Submitted keeps vacation responders from answering an alert (RFC 3834).
 */
export function alertMail(message: AlertMessage, from: string | undefined, to: readonly string[]): SendMailOptions {
  return {
    ...(from ? { from } : {}),
    to: [...to],
    subject: message.title,
    text: message.text,
    html: message.html,
    headers: { 'Auto-Submitted': 'auto-generated' },
  }
}
