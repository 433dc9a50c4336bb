import { defineChannel, field, parsed, type Parsed } from '../channel-form.js'
import { checkHttpUrl, postJson } from '../http-post.js'
import type { AlertMessage } from '../types.js'

export type WebhookConfig = { url: string; authorization?: string }

function parseWebhook(input: Readonly<Record<string, string>>): Parsed<WebhookConfig> {
  const errors: Record<string, string> = {}
  const url = field(input, 'url')
  const urlError = checkHttpUrl(url)
  if (urlError) errors.url = urlError
  const authorization = field(input, 'authorization')
  if (/[\r\n]/.test(authorization)) errors.authorization = 'one line only'
  return parsed({ url, ...(authorization ? { authorization } : {}) }, errors)
}

/** The JSON every generic webhook receives; documented for people wiring it to their own tools. */
export function webhookBody(message: AlertMessage) {
  return {
    app: 'RePlexOn',
    event: message.event,
    severity: message.severity,
    title: message.title,
    text: message.text,
    url: message.url,
    occurredAt: new Date(message.occurredAt).toISOString(),
    facts: Object.fromEntries(message.facts.map((f) => [f.label, f.value])),
  }
}

export default defineChannel({
  type: 'webhook',
  label: 'Webhook (JSON)',
  description: 'POSTs the alert as JSON to an address of yours (Home Assistant, n8n, a script).',
  fields: [
    { name: 'url', label: 'Address', input: 'url', required: true, placeholder: 'https://example.com/hooks/replexon' },
    {
      name: 'authorization',
      label: 'Authorization header',
      input: 'password',
      secret: true,
      placeholder: 'Bearer …',
      help: 'Sent as the Authorization header, exactly as typed. Empty: none.',
    },
  ],
  parse: parseWebhook,
  deliver: (config, message, { timeoutMs }) =>
    postJson(config.url, webhookBody(message), { timeoutMs, headers: config.authorization ? { authorization: config.authorization } : {} }),
})
