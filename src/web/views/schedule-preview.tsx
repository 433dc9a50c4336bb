import { DateTime } from 'luxon'
import type { ScheduleDescription } from '../../schedule/describe.js'

/** "Sun 2026-03-08 03:00 EDT": the weekday matters when reading a cron schedule. */
function formatRun(epochMs: number, zone: string): string {
  return DateTime.fromMillis(epochMs, { zone }).toFormat('ccc yyyy-LL-dd HH:mm ZZZZ')
}

export function previewId(key: string): string {
  return `preview-${key}`
}

/**
 * What a schedule means and its next runs; the job cards and the live preview of the edit
 * form (htmx swaps this same component) render it.
 */
export function SchedulePreview(props: { id: string; described: ScheduleDescription }) {
  const d = props.described
  if (!d.ok) {
    return (
      <div class="schedule-preview invalid" id={props.id} data-testid="schedule-preview" aria-live="polite">
        <p class="schedule-error" role="alert">
          Not a valid schedule: {d.error}
        </p>
      </div>
    )
  }
  return (
    <div class="schedule-preview" id={props.id} data-testid="schedule-preview" aria-live="polite">
      <p class="schedule-description" data-testid="schedule-description">
        {d.description}
      </p>
      {d.reboot ? (
        <p class="muted">Runs when the server starts, so it has no next run by the clock.</p>
      ) : (
        <>
          <p class="muted next-runs-head">Next runs ({d.zone}):</p>
          <ol class="next-runs" data-testid="next-runs">
            {d.nextRuns.map((at) => (
              <li>
                <time datetime={new Date(at).toISOString()}>{formatRun(at, d.zone)}</time>
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  )
}
