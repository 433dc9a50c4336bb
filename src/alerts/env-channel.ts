import type { EmailEnv } from '../config.js'
import { ALERT_EVENTS } from './types.js'
import type { AlertChannelsRepository, AlertChannel } from '../db/repositories/alert-channels.js'
import { splitConfig, storedInput } from './channel-config.js'
import type { ChannelType } from './channel-type.js'
import type { SecretBox } from './secret-box.js'

/** Which email field each SMTP_* / ALERT_EMAIL_TO variable sets. */
export const EMAIL_ENV_FIELDS: Readonly<Record<keyof EmailEnv, { field: string; variable: string }>> = {
  host: { field: 'host', variable: 'SMTP_HOST' },
  port: { field: 'port', variable: 'SMTP_PORT' },
  security: { field: 'security', variable: 'SMTP_SECURITY' },
  user: { field: 'username', variable: 'SMTP_USER' },
  password: { field: 'password', variable: 'SMTP_PASSWORD' },
  from: { field: 'from', variable: 'SMTP_FROM' },
  to: { field: 'to', variable: 'ALERT_EMAIL_TO' },
}

/** The email form fields the environment sets, as form strings: field name -> value. */
export function emailEnvInput(env: EmailEnv): Record<string, string> {
  const input: Record<string, string> = {}
  for (const [key, { field }] of Object.entries(EMAIL_ENV_FIELDS) as [keyof EmailEnv, { field: string }][]) {
    const value = env[key]
    if (value !== undefined) input[field] = Array.isArray(value) ? value.join(', ') : String(value)
  }
  return input
}

/** The variable that sets `field` of the env-managed email channel, or undefined. */
export function envVariableFor(env: EmailEnv, field: string): string | undefined {
  const entry = Object.entries(EMAIL_ENV_FIELDS).find(([key, e]) => e.field === field && env[key as keyof EmailEnv] !== undefined)
  return entry?.[1].variable
}

export type EnvChannelResult = { channel: AlertChannel | null; problem: string | null }

/**
 * Keeps the email channel described by SMTP_* in step with the environment at start-up:
 * created when the variables appear, their values laid over what the page stored, handed
 * back to the page when they are gone. An incomplete set is stored as given and reported.
 */
export async function syncEnvEmailChannel(deps: {
  channels: AlertChannelsRepository
  emailType: ChannelType
  env: EmailEnv
  box: SecretBox
  now: number
}): Promise<EnvChannelResult> {
  const { channels, emailType, env, box, now } = deps
  const existing = await channels.findManaged('env')
  const fromEnv = emailEnvInput(env)
  if (Object.keys(fromEnv).length === 0) {
    if (existing) await channels.update(existing.id, { managedBy: null }, now)
    return { channel: null, problem: null }
  }
  const input = { ...(existing ? storedInput(existing, box) : {}), ...fromEnv }
  const parsed = emailType.parse(input)
  const problem = parsed.ok
    ? null
    : `email from the environment is incomplete: ${Object.entries(parsed.errors)
        .map(([f, why]) => `${envVariableFor(env, f) ?? f}: ${why}`)
        .join('; ')}`
  const { config, secret } = splitConfig(emailType, parsed.ok ? parsed.config : input, box)
  const channel = existing
    ? await channels.update(existing.id, { type: emailType.type, config, secret }, now)
    : await channels.create({ type: emailType.type, name: 'Email (from the environment)', enabled: true, events: [...ALERT_EVENTS], config, secret, managedBy: 'env' }, now)
  return { channel: channel ?? null, problem }
}
