import type { Config } from '../config.js'
import type { AlertChannel, AlertChannelsRepository } from '../db/repositories/alert-channels.js'
import { mergeSubmitted, splitConfig, storedInput } from './channel-config.js'
import type { ChannelType } from './channel-type.js'
import { emailEnvInput } from './env-channel.js'
import type { SecretBox } from './secret-box.js'
import { ALERT_EVENTS, isAlertEvent, type AlertEvent } from './types.js'

/** What the channel form submits, already split into its parts. */
export type ChannelSubmission = {
  name: string
  events: readonly string[]
  enabled: boolean
  /** The type's fields as typed; empty secret fields mean "keep the stored one". */
  fields: Readonly<Record<string, string>>
}

/** A refused save: a reason per field name ("name", "events" or one of the type's fields). */
export type ChannelProblems = Record<string, string>

export type SaveResult = { ok: true; channel: AlertChannel } | { ok: false; problems: ChannelProblems }

const NAME_MAX = 80

function checkCommon(submission: ChannelSubmission): { problems: ChannelProblems; events: AlertEvent[]; name: string } {
  const problems: ChannelProblems = {}
  const name = submission.name.trim()
  if (name === '') problems.name = 'required: a name you will recognise, such as "My phone"'
  else if (name.length > NAME_MAX || /[\u0000-\u001f\u007f]/.test(name)) problems.name = `at most ${NAME_MAX} characters, on one line`
  const unknown = submission.events.find((e) => !isAlertEvent(e))
  if (unknown !== undefined) problems.events = `"${unknown}" is not an event (${ALERT_EVENTS.join(', ')})`
  const events = ALERT_EVENTS.filter((e) => submission.events.includes(e))
  if (events.length === 0 && unknown === undefined) problems.events = 'choose at least one event, or disable the channel instead'
  return { problems, events, name }
}

/**
 * Adding and changing notification channels from the settings page: the type checks its
 * fields, secrets are sealed, and the SMTP_* variables win over what the page sends for
 * the channel they describe.
 */
export function createChannelsAdmin(deps: { channels: AlertChannelsRepository; box: SecretBox; config: Pick<Config, 'emailEnv'> }) {
  const { channels, box, config } = deps

  return {
    async add(type: ChannelType, submission: ChannelSubmission, now: number): Promise<SaveResult> {
      const { problems, events, name } = checkCommon(submission)
      const parsed = type.parse(mergeSubmitted(type, submission.fields, {}))
      if (!parsed.ok) Object.assign(problems, parsed.errors)
      if (Object.keys(problems).length > 0 || !parsed.ok) return { ok: false, problems }
      const { config: clear, secret } = splitConfig(type, parsed.config, box)
      const channel = await channels.create({ type: type.type, name, enabled: submission.enabled, events, config: clear, secret, managedBy: null }, now)
      return { ok: true, channel }
    },

    async update(type: ChannelType, channel: AlertChannel, submission: ChannelSubmission, now: number): Promise<SaveResult> {
      const { problems, events, name } = checkCommon(submission)
      const stored = storedInput(channel, box)
      const merged = mergeSubmitted(type, submission.fields, stored)
      const input = channel.managedBy === 'env' ? { ...merged, ...emailEnvInput(config.emailEnv) } : merged
      const parsed = type.parse(input)
      if (!parsed.ok) Object.assign(problems, parsed.errors)
      if (Object.keys(problems).length > 0 || !parsed.ok) return { ok: false, problems }
      const { config: clear, secret } = splitConfig(type, parsed.config, box)
      const updated = await channels.update(channel.id, { name, events, enabled: submission.enabled, config: clear, secret }, now)
      return updated ? { ok: true, channel: updated } : { ok: false, problems: { name: 'this channel was removed meanwhile' } }
    },

    /** Which secret fields have a stored value (the form says "stored; leave empty to keep it"). */
    storedSecretNames(channel: AlertChannel): string[] {
      try {
        return channel.secret ? Object.keys(box.open(channel.secret)) : []
      } catch {
        return []
      }
    },
  }
}
