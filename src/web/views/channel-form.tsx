import type { ChannelField, ChannelType } from '../../alerts/channel-type.js'
import { ALERT_EVENTS, type AlertEvent } from '../../alerts/types.js'

export const EVENT_LABELS: Readonly<Record<AlertEvent, string>> = {
  failed: 'Backup failed',
  missed: 'Backup missed',
  hung: 'Backup hung',
  interrupted: 'Backup interrupted',
  recovered: 'Recovered',
  reminder: 'Reminders while a problem lasts',
  digest: 'Weekly digest',
}

/** What the form shows: values (never secrets), which secrets are stored, which fields the environment sets. */
export type ChannelFormModel = {
  type: ChannelType
  /** The channel being changed; absent when adding. */
  channelId?: number
  name: string
  enabled: boolean
  events: readonly AlertEvent[]
  values: Readonly<Record<string, string>>
  storedSecrets: ReadonlySet<string>
  /** field name -> the variable that sets it (the env-managed email channel). */
  fromEnv: Readonly<Record<string, string>>
  problems: Readonly<Record<string, string>>
  /** A note above the fields (e.g. "pre-filled from /etc/msmtprc"). */
  note?: string | null
  csrfToken: string | null
}

function Problem(props: { text: string | undefined; id: string }) {
  return props.text ? (
    <small class="field-problem" id={props.id} role="alert">
      {props.text}
    </small>
  ) : null
}

function FieldInput(props: { field: ChannelField; model: ChannelFormModel }) {
  const { field: f, model } = props
  const problemId = `problem-${f.name}`
  const invalid = model.problems[f.name] ? 'true' : undefined
  const env = model.fromEnv[f.name]
  if (env) {
    return (
      <label>
        {f.label}
        <input name={`env-${f.name}`} value={f.secret ? '••••••••' : (model.values[f.name] ?? '')} readonly disabled />
        <small class="muted">set by {env} in the environment</small>
      </label>
    )
  }
  const common = { name: f.name, 'aria-invalid': invalid, 'aria-describedby': invalid ? problemId : undefined, required: f.required && !(f.secret && model.storedSecrets.has(f.name)) }
  const value = f.secret ? '' : (model.values[f.name] ?? f.defaultValue ?? '')
  let input: unknown
  if (f.input === 'select') {
    input = (
      <select {...common}>
        {(f.options ?? []).map((o) => (
          <option value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    )
  } else if (f.input === 'textarea') {
    input = <textarea {...common} placeholder={f.placeholder}>{value}</textarea>
  } else {
    const stored = f.secret && model.storedSecrets.has(f.name)
    input = (
      <input
        {...common}
        type={f.input}
        value={value}
        placeholder={stored ? 'stored; leave empty to keep it' : f.placeholder}
        autocomplete={f.secret ? 'new-password' : 'off'}
      />
    )
  }
  return (
    <label>
      {f.label}
      {!f.required && f.input !== 'select' && <span class="muted"> (optional)</span>}
      {input as never}
      {f.help && <small class="muted">{f.help}</small>}
      {f.secret && model.storedSecrets.has(f.name) && !f.required && (
        <small>
          <input type="checkbox" name={`clear_${f.name}`} /> remove the stored value
        </small>
      )}
      <Problem text={model.problems[f.name]} id={problemId} />
    </label>
  )
}

/** Adding or changing one channel: its name, events and the type's own fields. */
export function ChannelForm(props: ChannelFormModel) {
  const m = props
  const action = m.channelId === undefined ? '/settings/notifications/channels' : `/settings/notifications/channels/${m.channelId}`
  return (
    <form method="post" action={action} class="channel-form" data-testid="channel-form">
      <input type="hidden" name="_csrf" value={m.csrfToken ?? ''} />
      <input type="hidden" name="type" value={m.type.type} />
      <p class="muted">{m.type.description}</p>
      {m.note && <p class="flash info">{m.note}</p>}
      <label>
        Name
        <input name="name" value={m.name} required maxlength={80} aria-invalid={m.problems.name ? 'true' : undefined} />
        <Problem text={m.problems.name} id="problem-name" />
      </label>
      {m.type.fields.map((f) => (
        <FieldInput field={f} model={m} />
      ))}
      <fieldset>
        <legend>Send these events</legend>
        {ALERT_EVENTS.map((e) => (
          <label>
            <input type="checkbox" name="events" value={e} checked={m.events.includes(e)} /> {EVENT_LABELS[e]}
          </label>
        ))}
        <Problem text={m.problems.events} id="problem-events" />
      </fieldset>
      <label>
        <input type="checkbox" name="enabled" role="switch" checked={m.enabled} /> Enabled
      </label>
      <div class="form-actions">
        <button type="submit">{m.channelId === undefined ? 'Add channel' : 'Save channel'}</button>
        <a href="/settings/notifications" role="button" class="secondary outline">
          Cancel
        </a>
      </div>
    </form>
  )
}
