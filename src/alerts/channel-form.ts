import type { ChannelType, SendContext } from './channel-type.js'
import type { AlertMessage, DeliveryResult } from './types.js'
import { errorMessage } from './network-error.js'

/** What each channel's parse() gives: its own typed config, or a reason per field name. */
export type Parsed<C> = { ok: true; config: C } | { ok: false; errors: Record<string, string> }

/** A channel written against its own config type; defineChannel() makes the ChannelType of it. */
export type ChannelSpec<C> = Omit<ChannelType, 'parse' | 'send'> & {
  parse(input: Readonly<Record<string, string>>): Parsed<C>
  deliver(config: C, message: AlertMessage, context: SendContext): Promise<DeliveryResult>
}

/** The ChannelType for `spec`, whose send() re-checks the config and never throws. */
export function defineChannel<C extends Record<string, unknown>>(spec: ChannelSpec<C>): ChannelType {
  const { deliver, ...rest } = spec
  return { ...rest, send: (config, message, context) => sendChecked(spec, config, (checked) => deliver(checked, message, context)) }
}

/**
 * A stored config as the strings of its form: lists joined with ", ", numbers as digits, absent
 * values left out. The settings page refills a form with it, and send() re-checks a stored config
 * by parsing it back, so a config edited by hand in the database fails with a clear reason.
 */
export function formValues(config: Readonly<Record<string, unknown>>): Record<string, string> {
  const values: Record<string, string> = {}
  for (const [name, value] of Object.entries(config)) {
    if (value === null || value === undefined) continue
    values[name] = Array.isArray(value) ? value.join(', ') : String(value)
  }
  return values
}

/** A submitted value, trimmed; '' when the form did not send it. */
export function field(input: Readonly<Record<string, string>>, name: string): string {
  return (input[name] ?? '').trim()
}

export function parsed<C>(config: C, errors: Record<string, string>): Parsed<C> {
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, config }
}

/** `value` with every secret in `secrets` replaced, so no detail ever shows a password or token. */
export function redact(value: string, secrets: ReadonlyArray<string | undefined>): string {
  let out = value
  for (const secret of secrets) if (secret && secret.length >= 3) out = out.split(secret).join('[hidden]')
  return out
}

/**
 * The common shell of send(): re-check the stored config, deliver, turn anything thrown into a
 * failure (send() must never throw) and hide the values of the secret fields in the detail.
 */
async function sendChecked<C>(
  channel: Pick<ChannelSpec<C>, 'fields' | 'parse'>,
  config: Readonly<Record<string, unknown>>,
  deliver: (config: C) => Promise<DeliveryResult>,
): Promise<DeliveryResult> {
  const values = formValues(config)
  const secrets = channel.fields.filter((f) => f.secret).map((f) => values[f.name])
  const checked = channel.parse(values)
  if (!checked.ok) {
    const reasons = Object.entries(checked.errors).map(([name, reason]) => `${name}: ${reason}`)
    return { ok: false, retryable: false, detail: `the channel's settings are not valid (${reasons.join('; ')})` }
  }
  let result: DeliveryResult
  try {
    result = await deliver(checked.config)
  } catch (error) {
    result = { ok: false, retryable: true, detail: `unexpected error: ${errorMessage(error)}` }
  }
  return { ...result, detail: redact(result.detail, secrets) }
}
