import type { Config } from '../../config.js'
import { Layout, type ViewUser } from './layout.js'

export type DashboardPageProps = {
  user: ViewUser
  csrfToken: string | null
  config: Pick<Config, 'plexDataPath' | 'backupDestination' | 'backupLogPath' | 'backupTrackingPath'>
}

/** The morning check: did last night's backup work? */
export function DashboardPage(props: DashboardPageProps) {
  return (
    <Layout title="Dashboard" user={props.user} csrfToken={props.csrfToken} active="dashboard">
      <hgroup>
        <h1>Dashboard</h1>
        <p class="muted">Your Plex backups at a glance</p>
      </hgroup>
      <section class="cards" aria-label="Backup paths">
        <article>
          <h3>Plex data</h3>
          <p>
            <code>{props.config.plexDataPath || 'not set (PLEX_DATA_PATH)'}</code>
          </p>
        </article>
        <article>
          <h3>Destination</h3>
          <p>
            <code>{props.config.backupDestination || 'not set (BACKUP_DESTINATION)'}</code>
          </p>
        </article>
      </section>
      <section id="dashboard-body">
        <article>
          <h2>No backup runs yet</h2>
          <p>
            RePlexOn reads the backup script's log at <code>{props.config.backupLogPath}</code> and its tracking file at{' '}
            <code>{props.config.backupTrackingPath}</code>.
          </p>
        </article>
      </section>
    </Layout>
  )
}
