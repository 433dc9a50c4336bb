import type { Config } from '../../config.js'
import type { User } from '../../db/repositories/users.js'
import {
  BACKUP_INFO_ENV,
  BACKUP_INFO_FIELDS,
  BACKUP_INFO_LABELS,
  BACKUP_INFO_MAX_LENGTH,
  type BackupInfo,
  type BackupInfoField,
} from '../../settings/backup-info.js'
import { Layout, type ViewUser } from './layout.js'
import { Flash, PasswordForm } from './settings-account.js'
import { SettingsNav } from './settings-nav.js'
import { UsersSection } from './settings-users.js'

export type SettingsPageProps = {
  user: ViewUser & { id: number }
  csrfToken: string | null
  config: Config
  version: string
  users: User[]
  backupInfo: BackupInfo
  /** What was typed into the backup info form when it was refused, shown again so nothing is lost. */
  backupDraft?: Partial<Record<BackupInfoField, string>>
  error?: string | null
  notice?: string | null
}

function Fact(props: { label: string; value: string }) {
  return (
    <tr>
      <th scope="row">{props.label}</th>
      <td>
        <code>{props.value}</code>
      </td>
    </tr>
  )
}

const HINTS: Record<BackupInfoField, string> = {
  destination: 'Where the backups are written, e.g. /mnt/backup/plex or nas:/volume1/plex. Empty: not shown.',
  plexDataPath: "The Plex Media Server folder the backup copies. Empty: Plex's usual place on Linux.",
}

function BackupInfoInput(props: { field: BackupInfoField; info: BackupInfo; draft: string | undefined }) {
  const { field } = props
  const current = props.info[field]
  const id = `backup-${field}`
  if (current.fromEnv) {
    return (
      <label>
        {BACKUP_INFO_LABELS[field]}
        <input id={id} value={current.value} readonly aria-describedby={`${id}-hint`} />
        <small id={`${id}-hint`}>set by {BACKUP_INFO_ENV[field]} in the environment</small>
      </label>
    )
  }
  return (
    <label>
      {BACKUP_INFO_LABELS[field]}
      <input id={id} name={field} value={props.draft ?? current.value} maxlength={BACKUP_INFO_MAX_LENGTH} aria-describedby={`${id}-hint`} />
      <small id={`${id}-hint`}>{HINTS[field]}</small>
    </label>
  )
}

function BackupInfoSection(props: { info: BackupInfo; draft: SettingsPageProps['backupDraft']; csrfToken: string | null }) {
  const editable = BACKUP_INFO_FIELDS.some((f) => !props.info[f].fromEnv)
  return (
    <section>
      <h2>Backup</h2>
      <p class="muted">Shown on the dashboard so everyone knows where the backups go.</p>
      <form method="post" action="/settings/backup-info" data-testid="backup-info-form">
        <input type="hidden" name="_csrf" value={props.csrfToken ?? ''} />
        {BACKUP_INFO_FIELDS.map((field) => (
          <BackupInfoInput field={field} info={props.info} draft={props.draft?.[field]} />
        ))}
        {editable && <button type="submit">Save backup info</button>}
      </form>
    </section>
  )
}

function ServerFacts(props: { config: Config; version: string }) {
  const c = props.config
  return (
    <section>
      <h2>Server</h2>
      <p class="muted">Set in the environment when RePlexOn starts.</p>
      <table>
        <tbody>
          <Fact label="Backup log" value={c.backupLogPath} />
          <Fact label="Tracking file" value={c.backupTrackingPath} />
          <Fact label="Backup script" value={c.backupScriptPath} />
          <Fact label="Data directory" value={c.dataDir} />
          <Fact label="Cron user" value={c.cronUser} />
          <Fact label="Schedule editing" value={c.cronEditEnabled ? 'enabled' : 'disabled (CRON_EDIT_ENABLED=false)'} />
          <Fact label="Log time zone" value={c.timeZone} />
          <Fact label="Version" value={props.version} />
        </tbody>
      </table>
    </section>
  )
}

/** Admin settings: users, one's own password, the backup info and the server facts (read-only). */
export function SettingsPage(props: SettingsPageProps) {
  return (
    <Layout title="Settings" user={props.user} csrfToken={props.csrfToken} active="settings">
      <SettingsNav active="account" />
      <h1>Settings</h1>
      <Flash notice={props.notice} error={props.error} />
      <UsersSection users={props.users} currentUserId={props.user.id} csrfToken={props.csrfToken} timeZone={props.config.timeZone} />
      <section>
        <h2>Your password</h2>
        <PasswordForm action="/settings/password" username={props.user.username} csrfToken={props.csrfToken} />
      </section>
      <BackupInfoSection info={props.backupInfo} draft={props.backupDraft} csrfToken={props.csrfToken} />
      <ServerFacts config={props.config} version={props.version} />
    </Layout>
  )
}
