import type { TestContext } from 'node:test'
import { startSmtpSink } from '../support/smtp-sink.js'
import { engineHarness, T0, type HarnessOptions } from './engine-harness.js'
import { readMail } from './engine-mail.js'

export const RECIPIENTS = ['ops@example.net', 'admin@example.net']

/**
 * An engine harness (not started) with one email channel to a real SMTP server on 127.0.0.1,
 * or to `channel.port` instead; both closed after the test.
 */
export async function withEmail(t: TestContext, options: Partial<HarnessOptions> = {}, channel: { port?: number } = {}) {
  const sink = await startSmtpSink()
  const h = await engineHarness({ start: T0, ...options })
  t.after(async () => {
    await h.close()
    await sink.close()
  })
  const email = await h.addChannel('email', {
    host: '127.0.0.1',
    port: String(channel.port ?? sink.port),
    security: 'none',
    from: 'RePlexOn <replexon@example.net>',
    to: RECIPIENTS.join(', '),
  })
  return { h, sink, email, mails: () => sink.messages.map(readMail) }
}
