import type { EffectiveAlertSettings } from '../../alerts/alert-settings.js'
import type { DeliveryResult } from '../../alerts/types.js'
import type { AlertChannel } from '../../db/repositories/alert-channels.js'
import { formatInstant, formatRelative } from '../format.js'
import { ChannelForm, EVENT_LABELS, type ChannelFormModel } from './channel-form.js'
import { Layout, type ViewUser } from './layout.js'
import { RulesForm } from './alert-rules-form.js'
import { Flash } from './settings-account.js'
import { SettingsNav } from './settings-nav.js'

export type ChannelTypeChoice = { type: string; label: string; description: string; unavailable: string | null }

export type NotificationsPageProps = {
  user: ViewUser
  csrfToken: string | null
  timeZone: string
  now: number
  channels: ReadonlyArray<{ channel: AlertChannel; typeLabel: string }>
  types: readonly ChannelTypeChoice[]
  /** The add or edit form, when one is open. */
  form: ChannelFormModel | null
  rules: EffectiveAlertSettings
  ruleProblems: Readonly<Record<string, string>>
  testResult?: { channelName: string; result: DeliveryResult } | null
  notice?: string | null
  error?: string | null
}

function ChannelState(props: { channel: AlertChannel; timeZone: string; now: number }) {
  const c = props.channel
  if (!c.enabled) return <span class="muted">disabled</span>
  if (c.consecutiveFailures > 0) {
    return (
      <span class="status-fail" data-testid="channel-failing">
        failing: {c.consecutiveFailures} attempt{c.consecutiveFailures === 1 ? '' : 's'} in a row
        {c.lastFailureAt !== null && `, last ${formatRelative(c.lastFailureAt, props.now)}`}: {c.lastError ?? 'unknown error'}
      </span>
    )
  }
  if (c.lastSuccessAt !== null) return <span class="status-ok">delivered {formatRelative(c.lastSuccessAt, props.now)}</span>
  return <span class="muted">nothing sent yet</span>
}

function ChannelCard(props: { row: NotificationsPageProps['channels'][number]; page: NotificationsPageProps }) {
  const { channel: c, typeLabel } = props.row
  const { csrfToken } = props.page
  const base = `/settings/notifications/channels/${c.id}`
  return (
    <article class="channel" data-testid="channel" data-channel-id={String(c.id)}>
      <header>
        <strong>{c.name}</strong> <span class="muted">· {typeLabel}</span>
        {c.managedBy === 'env' && <span class="muted"> · from the environment (SMTP_*)</span>}
      </header>
      <p>
        <ChannelState channel={c} timeZone={props.page.timeZone} now={props.page.now} />
      </p>
      <p class="muted">Events: {c.events.map((e) => EVENT_LABELS[e]).join(', ') || 'none'}</p>
      <div class="channel-actions">
        <a href={`/settings/notifications?edit=${c.id}`} role="button" class="secondary outline">
          Edit
        </a>
        <form method="post" action={`${base}/test`} class="inline">
          <input type="hidden" name="_csrf" value={csrfToken ?? ''} />
          <button type="submit" class="secondary" data-testid="send-test">
            Send test
          </button>
        </form>
        <form method="post" action={`${base}/toggle`} class="inline">
          <input type="hidden" name="_csrf" value={csrfToken ?? ''} />
          <button type="submit" class="secondary outline">
            {c.enabled ? 'Disable' : 'Enable'}
          </button>
        </form>
        {c.managedBy !== 'env' && (
          <form method="post" action={`${base}/delete`} class="inline" data-confirm={`Remove the channel "${c.name}"?`}>
            <input type="hidden" name="_csrf" value={csrfToken ?? ''} />
            <button type="submit" class="secondary outline">
              Remove
            </button>
          </form>
        )}
      </div>
    </article>
  )
}

function TestResult(props: { result: NonNullable<NotificationsPageProps['testResult']> }) {
  const { channelName, result } = props.result
  return (
    <p class={result.ok ? 'flash info' : 'flash error'} role={result.ok ? 'status' : 'alert'} data-testid="test-result">
      {result.ok ? `Test sent through "${channelName}": ` : `Test through "${channelName}" failed: `}
      {result.detail}
    </p>
  )
}

/** `/settings/notifications`: where alerts go, which events each channel gets, and the alert rules. */
export function NotificationsPage(props: NotificationsPageProps) {
  return (
    <Layout title="Notifications" user={props.user} csrfToken={props.csrfToken} active="settings">
      <SettingsNav active="notifications" />
      <h1>Notifications</h1>
      <Flash notice={props.notice} error={props.error} />
      {props.testResult && <TestResult result={props.testResult} />}
      {props.form ? (
        <section aria-label={props.form.channelId === undefined ? 'Add a channel' : 'Change a channel'}>
          <h2>{props.form.channelId === undefined ? `Add ${props.form.type.label}` : `Change ${props.form.name}`}</h2>
          <ChannelForm {...props.form} />
        </section>
      ) : (
        <Overview {...props} />
      )}
    </Layout>
  )
}

/** The channels, adding one, and the rules: the page when no form is open. */
function Overview(props: NotificationsPageProps) {
  return (
    <>
      <section aria-label="Channels">
        <h2>Channels</h2>
        {props.channels.length === 0 ? (
          <p class="muted" data-testid="no-channels">
            No channel yet: nobody hears about a failed backup. Add one below, or set SMTP_HOST and ALERT_EMAIL_TO in the environment.
          </p>
        ) : (
          props.channels.map((row) => <ChannelCard row={row} page={props} />)
        )}
        <details open={props.channels.length === 0 ? true : undefined}>
          <summary role="button" class="secondary outline">
            Add a channel
          </summary>
          <ul class="channel-types">
            {props.types.map((t) => (
              <li>
                {t.unavailable ? (
                  <span class="muted">
                    {t.label}: {t.unavailable}
                  </span>
                ) : (
                  <a href={`/settings/notifications?add=${t.type}`}>{t.label}</a>
                )}{' '}
                <small class="muted">{t.description}</small>
              </li>
            ))}
          </ul>
        </details>
      </section>
      <section aria-label="Alert rules">
        <h2>When to alert</h2>
        <RulesForm rules={props.rules} problems={props.ruleProblems} csrfToken={props.csrfToken} />
      </section>
      <p class="muted">
        Times in {props.timeZone}. Now: {formatInstant(props.now, props.timeZone)}. What was sent is on the <a href="/settings/alerts">alert history</a> page.
      </p>
    </>
  )
}
