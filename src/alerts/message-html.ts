import type { Fact } from './message-facts.js'
import type { AlertMessage } from './types.js'

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Text made safe for HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!)
}

const ACCENT: Record<AlertMessage['severity'], string> = { problem: '#b42318', recovery: '#067647', info: '#175cd3' }

export type HtmlParts = {
  severity: AlertMessage['severity']
  title: string
  lead: string
  detail: string | null
  facts: readonly Fact[]
  link: { url: string; label: string } | null
  /** Where to look when there is no link. */
  hint: string | null
  footer: string
}

const FONT = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif"

function factRows(facts: readonly Fact[]): string {
  return facts
    .map(
      (f) =>
        `<tr><th align="left" valign="top" style="padding:4px 12px 4px 0;color:#555;font-weight:600;white-space:nowrap">${escapeHtml(f.label)}</th>` +
        `<td style="padding:4px 0;word-break:break-word">${escapeHtml(f.value)}</td></tr>`,
    )
    .join('')
}

/**
 * A small self-contained email document: inline styles only, no scripts, no images, nothing
 * fetched from elsewhere. Every value is escaped here, so callers pass plain text.
 */
export function alertHtml(parts: HtmlParts): string {
  const accent = ACCENT[parts.severity]
  const detail = parts.detail
    ? `<pre style="margin:0 0 16px;padding:10px 12px;background:#f6f6f6;border-left:3px solid ${accent};white-space:pre-wrap;word-break:break-word;font-size:13px">${escapeHtml(parts.detail)}</pre>`
    : ''
  const facts = parts.facts.length > 0 ? `<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;font-size:14px;margin:0 0 16px">${factRows(parts.facts)}</table>` : ''
  const link = parts.link
    ? `<p style="margin:0 0 16px"><a href="${escapeHtml(parts.link.url)}" style="display:inline-block;padding:8px 14px;background:${accent};color:#ffffff;text-decoration:none;border-radius:4px">${escapeHtml(parts.link.label)}</a></p>`
    : ''
  const hint = parts.hint ? `<p style="margin:0 0 16px;color:#555">${escapeHtml(parts.hint)}</p>` : ''
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(parts.title)}</title></head>`,
    `<body style="margin:0;padding:0;background:#f2f4f7;${FONT};color:#1d2939">`,
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px 12px">',
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:600px;background:#ffffff;border-top:4px solid ${accent};border-radius:6px">`,
    '<tr><td style="padding:20px 24px">',
    `<h1 style="margin:0 0 12px;font-size:18px;color:${accent}">${escapeHtml(parts.title)}</h1>`,
    `<p style="margin:0 0 16px;font-size:15px">${escapeHtml(parts.lead)}</p>`,
    detail,
    facts,
    link,
    hint,
    `<p style="margin:16px 0 0;color:#667085;font-size:12px">${escapeHtml(parts.footer)}</p>`,
    '</td></tr></table>',
    '</td></tr></table>',
    '</body></html>',
  ]
    .filter((line) => line !== '')
    .join('\n')
}
