import { defineChannel, field, parsed, type Parsed } from '../channel-form.js'
import { checkHttpUrl, postJson } from '../http-post.js'
import type { AlertMessage } from '../types.js'

export type GotifyConfig = { server: string; token: string }

const PRIORITY = { problem: 8, recovery: 5, info: 2 } as const

function parseGotify(input: Readonly<Record<string, string>>): Parsed<GotifyConfig> {
  const errors: Record<string, string> = {}
  const server = field(input, 'server')
  const serverError = checkHttpUrl(server)
  if (serverError) errors.server = serverError
  const token = field(input, 'token')
  if (token === '') errors.token = "required: the token of a Gotify application (Apps, in Gotify's web page)"
  else if (/\s/.test(token)) errors.token = 'a token has no spaces'
  return parsed({ server, token }, errors)
}

/** {server}/message, keeping a path the server lives under (https://example.com/gotify/). */
export function gotifyMessageUrl(server: string): string {
  const base = new URL(server)
  if (!base.pathname.endsWith('/')) base.pathname += '/'
  return new URL('message', base).href
}

export function gotifyBody(message: AlertMessage) {
  return {
    title: message.title,
    message: message.text,
    priority: PRIORITY[message.severity],
    extras: {
      'client::display': { contentType: 'text/plain' },
      ...(message.url ? { 'client::notification': { click: { url: message.url } } } : {}),
    },
  }
}

export default defineChannel({
  type: 'gotify',
  label: 'Gotify',
  description: 'Pushes the alert to your own Gotify server.',
  fields: [
    { name: 'server', label: 'Server', input: 'url', required: true, placeholder: 'https://gotify.example.com' },
    { name: 'token', label: 'Application token', input: 'password', required: true, secret: true },
  ],
  parse: parseGotify,
  deliver: (config, message, { timeoutMs }) =>
    postJson(gotifyMessageUrl(config.server), gotifyBody(message), { timeoutMs, headers: { 'x-gotify-key': config.token } }),
})
