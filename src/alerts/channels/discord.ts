import { defineChannel, field, parsed, type Parsed } from '../channel-form.js'
import { checkHttpUrl, postJson } from '../http-post.js'
import type { AlertMessage } from '../types.js'

export type DiscordConfig = { url: string }

/** Discord refuses an embed over any of these (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const DISCORD_LIMITS = { title: 256, description: 4096, fields: 25, fieldName: 256, fieldValue: 1024, total: 6000 } as const

const COLOR = { problem: 0xe74c3c, recovery: 0x2ecc71, info: 0x95a5a6 } as const

function parseDiscord(input: Readonly<Record<string, string>>): Parsed<DiscordConfig> {
  const url = field(input, 'url')
  const urlError = checkHttpUrl(url)
  return parsed({ url }, urlError ? { url: urlError } : {})
}

/** `text` shortened to `max` characters with an ellipsis, never splitting a surrogate pair. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text
  let cut = text.slice(0, Math.max(0, max - 1))
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1)
  return `${cut}…`
}

/**
 * One embed within Discord's limits: the title and text first, then as many facts as still fit
 * in the 6000 characters an embed may hold in total.
 */
export function discordBody(message: AlertMessage) {
  const title = clip(message.title, DISCORD_LIMITS.title)
  const description = clip(message.text, Math.min(DISCORD_LIMITS.description, DISCORD_LIMITS.total - title.length))
  let used = title.length + description.length
  const fields: Array<{ name: string; value: string; inline: boolean }> = []
  for (const fact of message.facts.slice(0, DISCORD_LIMITS.fields)) {
    // Discord refuses empty field names and values.
    const name = clip(fact.label || '-', DISCORD_LIMITS.fieldName)
    const value = clip(fact.value || '-', DISCORD_LIMITS.fieldValue)
    if (used + name.length + value.length > DISCORD_LIMITS.total) break
    used += name.length + value.length
    fields.push({ name, value, inline: true })
  }
  return {
    username: 'RePlexOn',
    // Log lines may contain "@everyone"; an alert must never ping anyone by accident.
    allowed_mentions: { parse: [] },
    embeds: [
      {
        title,
        ...(description ? { description } : {}),
        ...(message.url ? { url: message.url } : {}),
        color: COLOR[message.severity],
        fields,
        timestamp: new Date(message.occurredAt).toISOString(),
      },
    ],
  }
}

export default defineChannel({
  type: 'discord',
  label: 'Discord',
  description: 'Posts the alert to a Discord channel through a webhook.',
  fields: [
    {
      name: 'url',
      label: 'Webhook URL',
      input: 'url',
      required: true,
      // The address holds the webhook's token, so it is kept like a password.
      secret: true,
      placeholder: 'https://discord.com/api/webhooks/…',
      help: 'Channel settings → Integrations → Webhooks → Copy Webhook URL.',
    },
  ],
  parse: parseDiscord,
  deliver: (config, message, { timeoutMs }) => postJson(config.url, discordBody(message), { timeoutMs }),
})
