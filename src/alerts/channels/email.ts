import { isIP } from 'node:net'
import nodemailer from 'nodemailer'
import type { NodemailerError, SMTPSentMessageInfo } from 'nodemailer'
import { defineChannel, field, parsed, type Parsed } from '../channel-form.js'
import type { SendContext } from '../channel-type.js'
import { alertMail, parseAddressList, parseMailbox } from '../mail-compose.js'
import { certificateReason, connectReason, errorCodes, seconds } from '../network-error.js'
import type { AlertMessage, DeliveryResult } from '../types.js'

const SECURITY = ['starttls', 'tls', 'none'] as const
type Security = (typeof SECURITY)[number]
const DEFAULT_PORT: Readonly<Record<Security, number>> = { starttls: 587, tls: 465, none: 25 }

export type EmailConfig = {
  host: string
  port: number
  security: Security
  tlsVerify: 'yes' | 'no'
  username?: string
  password?: string
  from: string
  to: string[]
}

function parseEmail(input: Readonly<Record<string, string>>): Parsed<EmailConfig> {
  const errors: Record<string, string> = {}
  const host = field(input, 'host')
  if (host === '') errors.host = 'required: the name or address of your mail server'
  else if (/[\s/]/.test(host) || (host.includes(':') && isIP(host) === 0)) errors.host = 'give the server name only, such as smtp.example.com'

  const securityText = field(input, 'security') || 'starttls'
  const security = SECURITY.find((s) => s === securityText)
  if (!security) errors.security = 'choose none, STARTTLS or TLS'
  const portText = field(input, 'port')
  const port = portText === '' ? DEFAULT_PORT[security ?? 'starttls'] : Number(portText)
  if (!/^\d{1,5}$/.test(portText || '0') || port < 1 || port > 65535) errors.port = 'a number from 1 to 65535, such as 587'
  const tlsVerify = field(input, 'tlsVerify') || 'yes'
  if (tlsVerify !== 'yes' && tlsVerify !== 'no') errors.tlsVerify = 'choose yes or no'

  const username = field(input, 'username')
  // Passwords are taken as typed: leading or trailing spaces can be part of them.
  const password = input.password ?? ''
  if (password !== '' && username === '') errors.username = 'required when a password is given'

  const from = parseMailbox(field(input, 'from'))
  if (!field(input, 'from')) errors.from = 'required: the sender, such as "RePlexOn <backup@example.com>"'
  else if (!from.ok) errors.from = from.error
  const to = parseAddressList(field(input, 'to'))
  if (!to.ok) errors.to = to.error

  return parsed(
    {
      host,
      port,
      security: security ?? 'starttls',
      tlsVerify: tlsVerify === 'no' ? 'no' : 'yes',
      ...(username ? { username } : {}),
      ...(password ? { password } : {}),
      from: field(input, 'from'),
      to: to.ok ? to.addresses : [],
    },
    errors,
  )
}

async function deliver(config: EmailConfig, message: AlertMessage, { timeoutMs }: SendContext): Promise<DeliveryResult> {
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.security === 'tls',
    requireTLS: config.security === 'starttls',
    ignoreTLS: config.security === 'none',
    tls: { rejectUnauthorized: config.tlsVerify === 'yes' },
    ...(config.username ? { auth: { user: config.username, pass: config.password ?? '' } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    dnsTimeout: timeoutMs,
  })
  try {
    // The step timeouts above name the step that hung; this one only caps a server that answers too slowly.
    const signal = AbortSignal.timeout(timeoutMs + 500)
    const info: SMTPSentMessageInfo = await transport.sendMail({ ...alertMail(message, config.from, config.to), signal })
    const refused = info.rejected.length > 0 ? `; refused: ${info.rejected.join(', ')}` : ''
    return { ok: true, detail: `${info.response.trim()}; accepted: ${info.accepted.join(', ')}${refused}` }
  } catch (error) {
    return failure(error as NodemailerError, `${config.host}:${config.port}`, timeoutMs)
  } finally {
    transport.close()
  }
}

/** A nodemailer error as a person reads it, and whether trying again later can help. */
function failure(error: NodemailerError, where: string, timeoutMs: number): DeliveryResult {
  const codes = errorCodes(error)
  const answer = error.response?.trim()
  // 4xx answers are temporary by definition (RFC 5321); 5xx are final.
  const temporary = error.permanent === false || (error.permanent === undefined && !(error.responseCode && error.responseCode >= 500))
  if (error.code === 'EABORT') return { ok: false, retryable: true, detail: `gave up on ${where}: no answer within ${seconds(timeoutMs)}` }
  const certificate = certificateReason(codes)
  if (certificate) {
    const hint = `if you trust this server, set "Check the server's certificate" to no`
    return { ok: false, retryable: false, detail: `the certificate of ${where} was not accepted: ${certificate}; ${hint}` }
  }
  if (error.code === 'EAUTH') {
    return { ok: false, retryable: error.permanent === false, detail: `the server refused the username or password: ${answer ?? error.message}` }
  }
  if (error.timeoutType === 'GREETING_TIMEOUT') {
    const hint = 'a TLS port such as 465 stays silent until security is set to TLS'
    return { ok: false, retryable: true, detail: `${where} took the connection but sent no SMTP greeting within ${seconds(timeoutMs)}; ${hint}` }
  }
  if (error.code === 'ETIMEDOUT' && error.timeoutType && error.timeoutType !== 'CONNECT_TIMEOUT') {
    return { ok: false, retryable: true, detail: `${where} stopped answering (no reply within ${seconds(timeoutMs)})` }
  }
  const connect = connectReason(codes)
  if (connect && !answer) return { ok: false, retryable: true, detail: `could not connect to ${where}: ${connect}` }
  if (error.code === 'ETLS' || codes.some((c) => c.startsWith('ERR_SSL_'))) {
    const hint = 'check the security setting: port 465 usually wants TLS, 587 STARTTLS'
    const reason = codes.includes('ERR_SSL_WRONG_VERSION_NUMBER') ? 'the server does not speak TLS on this port' : firstLine(error.message)
    return { ok: false, retryable: false, detail: `TLS with ${where} failed (${reason}); ${hint}` }
  }
  if (answer && error.responseCode === 530) return { ok: false, retryable: false, detail: `the server wants a username and password: ${answer}` }
  if (answer && error.code === 'EENVELOPE') return { ok: false, retryable: temporary, detail: `the server refused the recipients: ${answer}` }
  if (answer) return { ok: false, retryable: temporary, detail: `the server refused the message: ${answer}` }
  return { ok: false, retryable: true, detail: `sending through ${where} failed: ${firstLine(error.message)}` }
}

function firstLine(text: string): string {
  return text.split('\n')[0]?.trim() ?? ''
}

export default defineChannel({
  type: 'email',
  label: 'Email (SMTP)',
  description: 'Sends an email through your mail server or provider (SMTP).',
  fields: [
    { name: 'host', label: 'SMTP server', input: 'text', required: true, placeholder: 'smtp.example.com' },
    { name: 'security', label: 'Security', input: 'select', defaultValue: 'starttls', options: [
      { value: 'starttls', label: 'STARTTLS (usually port 587)' },
      { value: 'tls', label: 'TLS (usually port 465)' },
      { value: 'none', label: 'None (a relay on your own network, port 25)' },
    ] },
    { name: 'port', label: 'Port', input: 'number', placeholder: '587', help: 'Empty: 587 for STARTTLS, 465 for TLS, 25 for none.' },
    { name: 'tlsVerify', label: "Check the server's certificate", input: 'select', defaultValue: 'yes', options: [
      { value: 'yes', label: 'Yes' },
      { value: 'no', label: 'No (a home server with a self-signed certificate)' },
    ] },
    { name: 'username', label: 'Username', input: 'text', help: 'Empty when the server needs no login.' },
    { name: 'password', label: 'Password', input: 'password', secret: true },
    { name: 'from', label: 'From', input: 'text', required: true, placeholder: 'RePlexOn <backup@example.com>' },
    { name: 'to', label: 'To', input: 'text', required: true, placeholder: 'you@example.com', help: 'One or more addresses, separated by commas.' },
  ],
  parse: parseEmail,
  deliver,
})
