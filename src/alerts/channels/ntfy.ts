import { defineChannel, field, parsed, type Parsed } from '../channel-form.js'
import { checkHttpUrl, postJson } from '../http-post.js'
import type { AlertMessage } from '../types.js'

export type NtfyConfig = { server: string; topic: string; token?: string }

const DEFAULT_SERVER = 'https://ntfy.sh'
// ntfy turns longer messages into attachments, which push notifications do not show.
const MAX_MESSAGE_BYTES = 4000
const PRIORITY = { problem: 4, recovery: 3, info: 2 } as const
const TAGS = { problem: ['warning'], recovery: ['white_check_mark'], info: ['information_source'] } as const

function parseNtfy(input: Readonly<Record<string, string>>): Parsed<NtfyConfig> {
  const errors: Record<string, string> = {}
  const server = field(input, 'server') || DEFAULT_SERVER
  const serverError = checkHttpUrl(server)
  if (serverError) errors.server = serverError
  const topic = field(input, 'topic')
  if (topic === '') errors.topic = 'required'
  else if (!/^[-_A-Za-z0-9]{1,64}$/.test(topic)) errors.topic = 'letters, digits, - and _ only (at most 64)'
  const token = field(input, 'token')
  return parsed({ server, topic, ...(token ? { token } : {}) }, errors)
}

/** `text` cut to at most `maxBytes` of UTF-8, on a character boundary. */
function clipBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text
  let cut = Buffer.from(text).subarray(0, maxBytes - 3).toString('utf8')
  if (cut.endsWith('\uFFFD')) cut = cut.slice(0, -1)
  return `${cut}…`
}

/** ntfy's JSON publishing format: posted to the server's root with the topic in the body. */
export function ntfyBody(topic: string, message: AlertMessage) {
  return {
    topic,
    title: message.title,
    message: clipBytes(message.text, MAX_MESSAGE_BYTES),
    priority: PRIORITY[message.severity],
    tags: [...TAGS[message.severity]],
    ...(message.url ? { click: message.url } : {}),
  }
}

export default defineChannel({
  type: 'ntfy',
  label: 'ntfy',
  description: 'Pushes the alert to your phone through ntfy.sh or your own ntfy server.',
  fields: [
    { name: 'server', label: 'Server', input: 'url', defaultValue: DEFAULT_SERVER, placeholder: DEFAULT_SERVER },
    { name: 'topic', label: 'Topic', input: 'text', required: true, placeholder: 'plex-backup-7f3k', help: 'On ntfy.sh anyone who knows the topic can read it: pick one hard to guess.' },
    { name: 'token', label: 'Access token', input: 'password', secret: true, placeholder: 'tk_…', help: 'For a protected topic. Empty: none.' },
  ],
  parse: parseNtfy,
  deliver: (config, message, { timeoutMs }) =>
    postJson(config.server, ntfyBody(config.topic, message), { timeoutMs, headers: config.token ? { authorization: `Bearer ${config.token}` } : {} }),
})
