import type { AlertMessage, DeliveryResult } from './types.js'

/** One input of a channel's form on the settings page. */
export type ChannelField = {
  name: string
  label: string
  input: 'text' | 'password' | 'number' | 'url' | 'email' | 'select' | 'textarea'
  required?: boolean
  /** Stored sealed, never shown again; an empty submission keeps the stored value. */
  secret?: boolean
  help?: string
  placeholder?: string
  defaultValue?: string
  options?: ReadonlyArray<{ value: string; label: string }>
}

/** Parsing a submitted form: the config, or a reason per field name. */
export type ParsedChannelConfig = { ok: true; config: Record<string, unknown> } | { ok: false; errors: Record<string, string> }

export type SendContext = {
  /** Give up on one attempt after this long (connect + answer). */
  timeoutMs: number
}

/**
 * A kind of notification channel. Each file in src/alerts/channels/ default-exports one,
 * and the registry finds them there: adding a channel is adding a file.
 */
export interface ChannelType {
  /** Stable id stored in alert_channels.type. */
  readonly type: string
  /** Shown on the page ("ntfy", "Email (SMTP)"). */
  readonly label: string
  /** One sentence for the form. */
  readonly description: string
  readonly fields: readonly ChannelField[]
  /**
   * Checks the submitted strings (secret fields included, already merged with stored ones)
   * and returns a config with typed values, or what is wrong with which field.
   */
  parse(input: Readonly<Record<string, string>>): ParsedChannelConfig
  /** Sends one message; never throws: failures are a DeliveryResult with the reason. */
  send(config: Readonly<Record<string, unknown>>, message: AlertMessage, context: SendContext): Promise<DeliveryResult>
  /** False when the channel cannot work on this machine (msmtp not installed), with why. */
  available?(): Promise<{ ok: true } | { ok: false; reason: string }>
}
