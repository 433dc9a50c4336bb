import type { AddressInfo } from 'node:net'
import { SMTPServer, type SMTPServerOptions } from 'smtp-server'

/** One message the sink received: the envelope and the raw message as sent. */
export type ReceivedMail = { from: string | null; to: string[]; raw: string; user: string | undefined }

export type SmtpSink = { port: number; messages: ReceivedMail[]; close(): Promise<void> }

export type SinkOptions = {
  /** Require this login (PLAIN/LOGIN); without it the sink takes mail from anyone. */
  login?: { user: string; pass: string }
  /** Answer RCPT TO for these addresses with 550. */
  refuse?: readonly string[]
  /** Advertise STARTTLS with smtp-server's built-in self-signed certificate (default: plain text only). */
  starttls?: boolean
}

/** A real SMTP server on 127.0.0.1, on a free port, collecting what it receives. */
export async function startSmtpSink(options: SinkOptions = {}): Promise<SmtpSink> {
  const messages: ReceivedMail[] = []
  const { login } = options
  const config: SMTPServerOptions = {
    disabledCommands: options.starttls ? [] : ['STARTTLS'],
    authOptional: !login,
    allowInsecureAuth: true,
    disableReverseLookup: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (login && auth.username === login.user && auth.password === login.pass) return callback(null, { user: auth.username })
      callback(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }))
    },
    onRcptTo(address, _session, callback) {
      if (options.refuse?.includes(address.address)) {
        return callback(Object.assign(new Error(`<${address.address}>: Recipient address rejected: User unknown`), { responseCode: 550 }))
      }
      callback()
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        const { mailFrom, rcptTo } = session.envelope
        messages.push({
          from: mailFrom ? mailFrom.address : null,
          to: rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          user: session.user,
        })
        callback(null)
      })
    },
  }
  const server = new SMTPServer(config)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.server.address() as AddressInfo
  return { port, messages, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

/** A header's value (unfolded), or undefined. */
export function header(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? ''
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ')
  const line = unfolded.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))
  return line?.slice(name.length + 1).trim()
}

/** The decoded body of the first part of `contentType` in a multipart message. */
export function mimePart(raw: string, contentType: string): string | undefined {
  const parts = raw.split(/\r?\n--[^\r\n]+/)
  for (const part of parts) {
    const [head = '', ...rest] = part.split(/\r?\n\r?\n/)
    if (!new RegExp(`^content-type:\\s*${contentType}`, 'im').test(head)) continue
    const body = rest.join('\n\n')
    if (/content-transfer-encoding:\s*base64/i.test(head)) return Buffer.from(body, 'base64').toString('utf8')
    if (/content-transfer-encoding:\s*quoted-printable/i.test(head)) {
      const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
      return Buffer.from(bytes, 'latin1').toString('utf8')
    }
    return body
  }
  return undefined
}
