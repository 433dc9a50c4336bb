import type { EffectiveAlertSettings } from '../../alerts/alert-settings.js'
import { formatDuration } from '../format.js'

/** A duration as the field takes it: "1h", "90m", "45s". */
function durationText(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600}h`
  if (seconds % 60 === 0) return `${seconds / 60}m`
  return `${seconds}s`
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']

function Problem(props: { text: string | undefined }) {
  return props.text ? (
    <small class="field-problem" role="alert">
      {props.text}
    </small>
  ) : null
}

/** Grace for missed runs, the hung limit, reminders and the weekly digest. */
export function RulesForm(props: { rules: EffectiveAlertSettings; problems: Readonly<Record<string, string>>; csrfToken: string | null }) {
  const { rules, problems } = props
  return (
    <form method="post" action="/settings/notifications/rules" data-testid="rules-form">
      <input type="hidden" name="_csrf" value={props.csrfToken ?? ''} />
      <div class="grid">
        <label>
          A scheduled backup counts as missed when it has not started after
          {rules.fromEnv.grace ? (
            <>
              <input value={formatDuration(rules.graceSeconds)} readonly disabled />
              <small class="muted">set by ALERT_GRACE in the environment</small>
            </>
          ) : (
            <input name="grace" value={durationText(rules.graceSeconds)} required aria-invalid={problems.grace ? 'true' : undefined} />
          )}
          <small class="muted">e.g. 90s, 30m, 1h</small>
          <Problem text={problems.grace} />
        </label>
        <label>
          A running backup counts as hung after
          {rules.fromEnv.hungAfter ? (
            <>
              <input value={formatDuration(rules.hungAfterSeconds ?? 0)} readonly disabled />
              <small class="muted">set by ALERT_HUNG_AFTER in the environment</small>
            </>
          ) : (
            <input
              name="hungAfter"
              value={rules.hungAfterSeconds === null ? '' : durationText(rules.hungAfterSeconds)}
              placeholder="automatic"
              aria-invalid={problems.hungAfter ? 'true' : undefined}
            />
          )}
          <small class="muted">Empty: 3× the median duration of the last 30 successful backups, at least 1 h.</small>
          <Problem text={problems.hungAfter} />
        </label>
      </div>
      <div class="grid">
        <label>
          Remind every (hours) while a problem lasts
          <input name="reminderHours" type="number" min={1} max={720} value={rules.reminderHours === null ? '' : String(rules.reminderHours)} placeholder="never" />
          <Problem text={problems.reminderHours} />
        </label>
        <label>
          Weekly digest
          <select name="digestWeekday">
            <option value="" selected={rules.digest === null}>
              off
            </option>
            {WEEKDAYS.map((day, i) => (
              <option value={String(i + 1)} selected={rules.digest?.weekday === i + 1}>
                {day}
              </option>
            ))}
          </select>
          <Problem text={problems.digest} />
        </label>
        <label>
          at (hour)
          <input name="digestHour" type="number" min={0} max={23} value={String(rules.digest?.hour ?? 8)} />
        </label>
      </div>
      <button type="submit">Save alert rules</button>
    </form>
  )
}
