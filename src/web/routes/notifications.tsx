import { Hono, type Context } from 'hono'
import { readAlertSettings, saveAlertSettings } from '../../alerts/alert-settings.js'
import { formValues } from '../../alerts/channel-form.js'
import { secretFieldNames } from '../../alerts/channel-config.js'
import type { ChannelType } from '../../alerts/channel-type.js'
import { createChannelsAdmin, type ChannelProblems } from '../../alerts/channels-admin.js'
import { envVariableFor } from '../../alerts/env-channel.js'
import { renderTestMessage } from '../../alerts/message.js'
import { readMsmtpDefaults } from '../../alerts/msmtp-config.js'
import { createSecretBox } from '../../alerts/secret-box.js'
import { ALERT_EVENTS, type DeliveryResult } from '../../alerts/types.js'
import { createAlertChannelsRepository, type AlertChannel } from '../../db/repositories/alert-channels.js'
import type { AppEnv } from '../app-env.js'
import { readRawForm, type RawForm } from '../form.js'
import { HttpError } from '../http-errors.js'
import { requireAdmin } from '../middleware/require-role.js'
import { renderPage } from '../render.js'
import type { ChannelFormModel } from '../views/channel-form.js'
import { NotificationsPage, type ChannelTypeChoice, type NotificationsPageProps } from '../views/notifications-page.js'
import { parseRulesForm } from './alert-rules-input.js'

type C = Context<AppEnv>
type Extra = Partial<Pick<NotificationsPageProps, 'form' | 'testResult' | 'notice' | 'error' | 'ruleProblems'>>

const NOTICES: Record<string, string> = {
  added: 'Channel added. Press "Send test" to see it work.',
  saved: 'Channel saved.',
  removed: 'Channel removed.',
  toggled: 'Channel switched.',
  rules: 'Alert rules saved.',
}

function parts(c: C) {
  const { config, services } = c.var
  const channels = createAlertChannelsRepository(services.handle.db)
  const box = createSecretBox(config.secretKey)
  return { channels, box, admin: createChannelsAdmin({ channels, box, config }) }
}

async function channelTypes(c: C): Promise<ReadonlyMap<string, ChannelType>> {
  return (await c.var.services.alerts()).types
}

export async function notificationsPage(c: C, extra: Extra = {}, status: 200 | 400 = 200) {
  const { channels } = parts(c)
  const types = await channelTypes(c)
  const choices: ChannelTypeChoice[] = await Promise.all(
    [...types.values()].map(async (t) => {
      const availability = t.available ? await t.available() : { ok: true as const }
      return { type: t.type, label: t.label, description: t.description, unavailable: availability.ok ? null : availability.reason }
    }),
  )
  const list = await channels.list()
  const notice = extra.notice ?? NOTICES[c.req.query('done') ?? ''] ?? null
  return renderPage(
    c,
    <NotificationsPage
      user={c.var.user!}
      csrfToken={c.var.csrfToken}
      timeZone={c.var.config.timeZone}
      now={Date.now()}
      channels={list.map((channel) => ({ channel, typeLabel: types.get(channel.type)?.label ?? `${channel.type} (unknown type)` }))}
      types={choices}
      form={extra.form ?? null}
      rules={await readAlertSettings(c.var.config, c.var.services.settings)}
      ruleProblems={extra.ruleProblems ?? {}}
      testResult={extra.testResult ?? null}
      notice={notice}
      error={extra.error ?? null}
    />,
    status,
  )
}

/** The form for a channel: what it stores (never its secrets) or what was just submitted. */
function formModel(c: C, type: ChannelType, channel: AlertChannel | null, submitted?: RawForm, problems: ChannelProblems = {}): ChannelFormModel {
  const env = channel?.managedBy === 'env' ? c.var.config.emailEnv : {}
  const secrets = new Set(secretFieldNames(type))
  const values = submitted ? submitted.fields() : channel ? formValues(channel.config) : {}
  for (const name of secrets) delete values[name]
  const fromEnv: Record<string, string> = {}
  for (const f of type.fields) {
    const variable = envVariableFor(env, f.name)
    if (variable) fromEnv[f.name] = variable
  }
  return {
    type,
    channelId: channel?.id,
    name: submitted ? submitted.value('name') : (channel?.name ?? type.label),
    enabled: submitted ? submitted.value('enabled') === 'on' : (channel?.enabled ?? true),
    events: submitted ? ALERT_EVENTS.filter((e) => submitted.values('events').includes(e)) : (channel?.events ?? ALERT_EVENTS),
    values,
    storedSecrets: new Set(channel?.secret ? parts(c).admin.storedSecretNames(channel) : []),
    fromEnv,
    problems,
    csrfToken: c.var.csrfToken,
  }
}

/** Adding an email or msmtp channel starts from the machine's msmtp settings (never its password). */
async function prefilled(type: ChannelType): Promise<{ values: Record<string, string>; note: string | null }> {
  if (type.type !== 'email' && type.type !== 'msmtp') return { values: {}, note: null }
  const found = await readMsmtpDefaults()
  if (!found || (type.type === 'email' && !found.host)) return { values: {}, note: null }
  const values: Record<string, string> =
    type.type === 'msmtp'
      ? { configFile: found.file, account: found.account ?? '', from: found.from ?? '' }
      : { host: found.host ?? '', port: found.port ? String(found.port) : '', security: found.security ?? '', username: found.user ?? '', from: found.from ?? '' }
  return { values, note: `Pre-filled from ${found.file}${found.account ? ` (account ${found.account})` : ''}; its password is not copied.` }
}

async function typeOrThrow(c: C, name: string): Promise<ChannelType> {
  const type = (await channelTypes(c)).get(name)
  if (!type) throw new HttpError(400, `type: "${name}" is not a channel type`)
  return type
}

async function channelOrThrow(c: C): Promise<AlertChannel> {
  const id = c.req.param('id') ?? ''
  const channel = /^\d{1,12}$/.test(id) ? await parts(c).channels.findById(Number(id)) : undefined
  if (!channel) throw new HttpError(404, 'There is no such channel. It may have been removed already.')
  return channel
}

function submission(form: RawForm) {
  return { name: form.value('name'), events: form.values('events'), enabled: form.value('enabled') === 'on', fields: form.fields() }
}

/** `/settings/notifications` (admins only, through the /settings/* guard and its own). */
export function notificationRoutes() {
  const app = new Hono<AppEnv>()
  app.use('/settings/notifications', requireAdmin())
  app.use('/settings/notifications/*', requireAdmin())

  app.get('/settings/notifications', async (c) => {
    const add = c.req.query('add')
    const edit = c.req.query('edit')
    if (add) {
      const type = await typeOrThrow(c, add)
      const { values, note } = await prefilled(type)
      return notificationsPage(c, { form: { ...formModel(c, type, null), values, note } })
    }
    if (edit) {
      if (!/^\d{1,12}$/.test(edit)) throw new HttpError(400, 'edit: must be a channel number')
      const channel = await parts(c).channels.findById(Number(edit))
      if (!channel) throw new HttpError(404, 'There is no such channel. It may have been removed already.')
      return notificationsPage(c, { form: formModel(c, await typeOrThrow(c, channel.type), channel) })
    }
    return notificationsPage(c)
  })

  app.post('/settings/notifications/channels', async (c) => {
    const form = await readRawForm(c)
    const type = await typeOrThrow(c, form.value('type'))
    const result = await parts(c).admin.add(type, submission(form), Date.now())
    if (!result.ok) return notificationsPage(c, { form: formModel(c, type, null, form, result.problems), error: 'Not added: see the marked fields.' }, 400)
    c.var.logger.info({ by: c.var.user!.username, channel: result.channel.id, type: type.type }, 'alert channel added')
    return c.redirect('/settings/notifications?done=added', 303)
  })

  app.post('/settings/notifications/channels/:id', async (c) => {
    const channel = await channelOrThrow(c)
    const type = await typeOrThrow(c, channel.type)
    const form = await readRawForm(c)
    const result = await parts(c).admin.update(type, channel, submission(form), Date.now())
    if (!result.ok) return notificationsPage(c, { form: formModel(c, type, channel, form, result.problems), error: 'Not saved: see the marked fields.' }, 400)
    c.var.logger.info({ by: c.var.user!.username, channel: channel.id }, 'alert channel changed')
    return c.redirect('/settings/notifications?done=saved', 303)
  })

  app.post('/settings/notifications/channels/:id/test', async (c) => {
    const channel = await channelOrThrow(c)
    const engine = await c.var.services.alerts()
    const { config } = c.var
    const message = renderTestMessage({ publicOrigin: config.publicOrigin, timeZone: config.timeZone, now: Date.now() })
    const result: DeliveryResult = await engine.dispatcher.sendNow(channel, message)
    c.var.logger[result.ok ? 'info' : 'warn']({ channel: channel.id, ok: result.ok, detail: result.detail }, 'test alert sent')
    return notificationsPage(c, { testResult: { channelName: channel.name, result } })
  })

  app.post('/settings/notifications/channels/:id/toggle', async (c) => {
    const channel = await channelOrThrow(c)
    await parts(c).channels.setEnabled(channel.id, !channel.enabled, Date.now())
    return c.redirect('/settings/notifications?done=toggled', 303)
  })

  app.post('/settings/notifications/channels/:id/delete', async (c) => {
    const channel = await channelOrThrow(c)
    if (channel.managedBy === 'env') throw new HttpError(400, 'This channel comes from SMTP_* in the environment: remove those variables to remove it, or disable it here.')
    await parts(c).channels.remove(channel.id)
    c.var.logger.info({ by: c.var.user!.username, channel: channel.id }, 'alert channel removed')
    return c.redirect('/settings/notifications?done=removed', 303)
  })

  app.post('/settings/notifications/rules', async (c) => {
    const form = await readRawForm(c)
    const current = await readAlertSettings(c.var.config, c.var.services.settings)
    const parsed = parseRulesForm(form.value, current.fromEnv)
    if (!parsed.ok) return notificationsPage(c, { ruleProblems: parsed.problems, error: 'Alert rules not saved: see the marked fields.' }, 400)
    await saveAlertSettings(c.var.services.settings, parsed.values, Date.now())
    c.var.logger.info({ by: c.var.user!.username, rules: parsed.values }, 'alert rules changed')
    return c.redirect('/settings/notifications?done=rules', 303)
  })
  return app
}
