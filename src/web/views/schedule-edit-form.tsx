import type { ScheduleDescription } from '../../schedule/describe.js'
import type { ScheduleJob } from '../../schedule/schedule-jobs.js'
import { previewId, SchedulePreview } from './schedule-preview.js'

export type EditFormProps = {
  job: ScheduleJob
  /** crontabHash() of the crontab the job was read from. */
  hash: string
  csrfToken: string | null
  /** The value to show: what was submitted after a refused edit, else the job's schedule. */
  value: string
  /** Open the form (after a refused edit, so the reason is next to it). */
  open: boolean
  /** The preview of `value` to show at once (after a refused edit); otherwise it appears as one types. */
  preview?: ScheduleDescription
}

/** Changes only the schedule of a job; its live preview comes from /schedules/preview. */
export function ScheduleEditForm(props: EditFormProps) {
  const { job } = props
  const key = `edit-${job.line}`
  const zone = job.described.zone
  return (
    <details class="schedule-edit" open={props.open}>
      <summary role="button" class="secondary outline">
        Change schedule
      </summary>
      <form method="post" action="/schedules/edit">
        <input type="hidden" name="_csrf" value={props.csrfToken ?? ''} />
        <input type="hidden" name="line" value={String(job.line)} />
        <input type="hidden" name="hash" value={props.hash} />
        <label for={`expr-${job.line}`}>
          Schedule <span class="muted">(five fields: minute hour day-of-month month day-of-week, or @daily, @weekly …)</span>
        </label>
        <input
          id={`expr-${job.line}`}
          name="expr"
          value={props.value}
          required
          maxlength={200}
          autocomplete="off"
          spellcheck={false}
          data-testid="schedule-input"
          hx-get="/schedules/preview"
          hx-trigger="input changed delay:300ms"
          hx-target={`#${previewId(key)}`}
          hx-swap="outerHTML"
          hx-vals={JSON.stringify({ zone, key })}
          hx-sync="this:replace"
        />
        {props.preview ? <SchedulePreview id={previewId(key)} described={props.preview} /> : <div class="schedule-preview" id={previewId(key)}></div>}
        <p class="muted">
          The command stays as it is. The current crontab is saved in the data directory before the new one is installed.
        </p>
        <button type="submit">Save schedule</button>
      </form>
    </details>
  )
}
