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

function decodeBody(head: string, body: string): string {
  if (/content-transfer-encoding:\s*base64/i.test(head)) return Buffer.from(body, 'base64').toString('utf8')
  if (!/content-transfer-encoding:\s*quoted-printable/i.test(head)) return body
  const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
  return Buffer.from(bytes, 'latin1').toString('utf8')
}

/**
 * The decoded body of the first part of `type` in a MIME entity, split on its declared
 * boundary (a text body may hold a "-- " signature line, which is no boundary).
 */
export function mimeBody(entity: string, type: string): string | undefined {
  const split = /\r?\n\r?\n/.exec(entity)
  const head = split ? entity.slice(0, split.index) : entity
  const body = split ? entity.slice(split.index + split[0].length) : ''
  const contentType = /^content-type:\s*([^;\r\n]+)((?:[^\r\n]|\r?\n[ \t])*)/im.exec(head)
  const mime = contentType?.[1]?.trim().toLowerCase() ?? 'text/plain'
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(contentType?.[2] ?? '')?.[1]
  if (mime.startsWith('multipart/') && boundary) {
    const parts = body.split(`--${boundary}`).slice(1, -1)
    for (const part of parts) {
      const found = mimeBody(part.replace(/^\r?\n/, ''), type)
      if (found !== undefined) return found
    }
    return undefined
  }
  return mime === type ? decodeBody(head, body.replace(/\r?\n$/, '')).replace(/\r\n/g, '\n') : undefined
}

/** The decoded body of the first `contentType` part of a raw message. */
export function mimePart(raw: string, contentType: string): string | undefined {
  return mimeBody(raw, contentType)
}
