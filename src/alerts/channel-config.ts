import type { AlertChannel } from '../db/repositories/alert-channels.js'
import { formValues } from './channel-form.js'
import type { ChannelType } from './channel-type.js'
import type { SecretBox } from './secret-box.js'

/** The names of a type's secret fields (passwords, tokens): stored sealed, never shown again. */
export function secretFieldNames(type: ChannelType): string[] {
  return type.fields.filter((f) => f.secret).map((f) => f.name)
}

/** A parsed config split into what is stored in clear and the sealed secrets (null when there are none). */
export function splitConfig(
  type: ChannelType,
  config: Readonly<Record<string, unknown>>,
  box: SecretBox,
): { config: Record<string, unknown>; secret: string | null } {
  const secretNames = new Set(secretFieldNames(type))
  const clear: Record<string, unknown> = {}
  const secrets: Record<string, string> = {}
  for (const [name, value] of Object.entries(config)) {
    if (!secretNames.has(name)) clear[name] = value
    else if (value !== undefined && value !== null && value !== '') secrets[name] = String(value)
  }
  return { config: clear, secret: Object.keys(secrets).length > 0 ? box.seal(secrets) : null }
}

/** The stored channel's settings as form strings, secrets opened (for a re-check or a merge; never for display). */
export function storedInput(channel: Pick<AlertChannel, 'config' | 'secret'>, box: SecretBox): Record<string, string> {
  let secrets: Record<string, string> = {}
  try {
    secrets = channel.secret ? box.open(channel.secret) : {}
  } catch {
    // SECRET_KEY changed: the secrets are gone; the form asks for them again.
  }
  return { ...formValues(channel.config), ...secrets }
}

/**
 * What a submitted form means: empty secret fields keep the stored secret (the page never
 * shows it, so an empty field means "unchanged"); `clear_<name>` removes it.
 */
export function mergeSubmitted(
  type: ChannelType,
  submitted: Readonly<Record<string, string>>,
  stored: Readonly<Record<string, string>>,
): Record<string, string> {
  const input: Record<string, string> = {}
  for (const f of type.fields) {
    const value = submitted[f.name] ?? ''
    if (f.secret && value === '' && submitted[`clear_${f.name}`] !== 'on') input[f.name] = stored[f.name] ?? ''
    else input[f.name] = value
  }
  return input
}
