import type { RunView } from '../../db/repositories/run-reports.js'
import type { ScheduleDescription } from '../../schedule/describe.js'
import type { ScheduleJob } from '../../schedule/schedule-jobs.js'
import { Layout, type ViewUser } from './layout.js'
import { RunNowPanel } from './run-now.js'
import { StatusBadge, When } from './run-bits.js'
import { ScheduleEditForm } from './schedule-edit-form.js'
import { SchedulePreview } from './schedule-preview.js'

export type SchedulesPageProps = {
  user: ViewUser
  csrfToken: string | null
  jobs: ScheduleJob[]
  /** Showing every job, not only the backup. */
  all: boolean
  /** How many jobs that are not the backup the short view leaves out. */
  hiddenJobs: number
  problems: string[]
  /** The hash of CRON_USER's crontab as read (edit forms carry it); null when unreadable. */
  crontabHash: string | null
  timeZone: string
  /** The newest backup run the logs know of. */
  lastRun: RunView | undefined
  /** Why this user cannot edit here, or null when they can. */
  editBlocked: string | null
  /** What marks a backup job (shown when none is found). */
  needles: string[]
  now: number
  notice?: string | null
  error?: string | null
  refused?: { line: number; expr: string; preview: ScheduleDescription } | null
}

function LastRun(props: { run: RunView | undefined; timeZone: string; now: number }) {
  const run = props.run
  if (!run) return <p class="muted">Last run: none in the logs yet.</p>
  return (
    <p class="last-run" data-testid="last-run">
      Last run: <When at={run.startedAt} date={run.date} timeZone={props.timeZone} now={props.now} /> <StatusBadge run={run} />{' '}
      <a href={`/logs/${run.id}`}>Open</a>
    </p>
  )
}

function JobCard(props: { job: ScheduleJob; index: number; page: SchedulesPageProps }) {
  const { job, page } = props
  const d = job.described
  const canEdit = job.editable && page.editBlocked === null && page.crontabHash !== null
  const refused = page.refused && page.refused.line === job.line && job.editable ? page.refused : null
  const facts = [job.source, job.runsAs ? `runs as ${job.runsAs}` : null, job.zoneFromCrontab ? `CRON_TZ=${d.zone}` : null]
  return (
    <article class={`schedule-job${job.backup ? ' backup' : ''}`} data-testid="schedule-job" data-line={String(job.line)}>
      <header>
        <hgroup>
          <h2>{job.label}</h2>
          <p class="muted">{facts.filter(Boolean).join(' · ')}</p>
        </hgroup>
      </header>
      <pre class="cron-line" data-testid="cron-line">
        <code>{job.raw}</code>
      </pre>
      <SchedulePreview id={`job-${props.index}`} described={d} />
      {job.zoneFromCrontab && (
        <p class="muted">Times follow the CRON_TZ line above this job; cronie honours it, while Debian's cron runs every job in the system's zone.</p>
      )}
      {job.env.MAILTO !== undefined && <p class="muted">Mail for its output: {job.env.MAILTO === '' ? 'none (MAILTO is empty)' : job.env.MAILTO}</p>}
      {job.backup && <LastRun run={page.lastRun} timeZone={page.timeZone} now={page.now} />}
      {canEdit && (
        <ScheduleEditForm
          job={job}
          hash={page.crontabHash!}
          csrfToken={page.csrfToken}
          value={refused?.expr ?? job.schedule}
          open={refused !== null}
          preview={refused?.preview}
        />
      )}
    </article>
  )
}

/** The cron jobs that run the backup (or all of them), what they mean and when they run next. */
export function SchedulesPage(props: SchedulesPageProps) {
  return (
    <Layout title="Schedules" user={props.user} csrfToken={props.csrfToken} active="schedules" live={props.user.role === 'admin'}>
      <div class="page-head">
        <hgroup>
          <h1>Schedules</h1>
          <p class="muted">
            {props.all ? 'Every cron job' : 'The cron jobs that run the backup'}, from the crontab of the cron user, /etc/crontab and
            /etc/cron.d. Times in {props.timeZone} unless a job says otherwise.
          </p>
        </hgroup>
        <p>
          {props.all ? (
            <a href="/schedules" role="button" class="secondary outline" data-testid="toggle-all">
              Only backup jobs
            </a>
          ) : (
            <a href="/schedules?all=1" role="button" class="secondary outline" data-testid="toggle-all">
              Show all jobs{props.hiddenJobs > 0 ? ` (${props.hiddenJobs} more)` : ''}
            </a>
          )}
        </p>
      </div>
      {props.notice && <p class="flash info">{props.notice}</p>}
      {props.error && (
        <p class="flash error" role="alert" data-testid="schedule-error">
          {props.error}
        </p>
      )}
      {props.problems.map((p) => (
        <p class="flash error" role="alert" data-testid="schedule-problem">
          {p}
        </p>
      ))}
      {props.editBlocked && (
        <p class="muted schedule-edit-off" data-testid="edit-off">
          {props.editBlocked}
        </p>
      )}
      {props.jobs.length === 0 ? (
        <article class="schedule-none">
          <p>{props.all ? 'No cron jobs found.' : 'No backup job found in the crontabs RePlexOn can read.'}</p>
          {!props.all && (
            <p class="muted">
              A job counts as the backup when its command mentions {props.needles.map((n, i) => (
                <>
                  {i > 0 && ', '}
                  <code>{n}</code>
                </>
              ))}
              .
            </p>
          )}
        </article>
      ) : (
        props.jobs.map((job, index) => <JobCard job={job} index={index} page={props} />)
      )}
      {props.user.role === 'admin' && <RunNowPanel back="/schedules" />}
    </Layout>
  )
}
