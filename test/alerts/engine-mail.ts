import { header, mimeBody, type ReceivedMail } from '../support/smtp-sink.js'

/** RFC 2047 encoded words ("=?UTF-8?Q?...?=") as text, for headers nodemailer had to encode. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, _charset: string, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (__, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
    )
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" }

/** What a reader of the HTML part sees: the tags gone, the entities read, the whitespace collapsed. */
export function visibleText(html: string): string {
  return html
    .replace(/<head>[\s\S]*?<\/head>/i, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity]!)
    .replace(/\s+/g, ' ')
    .trim()
}

/** One received alert email as a person's mail program shows it. */
export type ReadMail = {
  subject: string
  /** The To header's addresses. */
  to: string[]
  /** Who the SMTP envelope delivered it to. */
  envelopeTo: string[]
  text: string
  /** The HTML part as visible text. */
  html: string
  /** The links of the HTML part. */
  links: string[]
}

export function readMail(mail: ReceivedMail): ReadMail {
  const html = mimeBody(mail.raw, 'text/html') ?? ''
  return {
    subject: decodeWords(header(mail.raw, 'Subject') ?? ''),
    to: (header(mail.raw, 'To') ?? '').split(',').map((a) => a.trim()).filter((a) => a !== ''),
    envelopeTo: mail.to,
    text: mimeBody(mail.raw, 'text/plain') ?? '',
    html: visibleText(html),
    links: [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&')),
  }
}
