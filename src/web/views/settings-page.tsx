import type { Config } from '../../config.js'
import type { User } from '../../db/repositories/users.js'
import { formatInstant } from '../format.js'
import { Layout, type ViewUser } from './layout.js'

export type SettingsPageProps = {
  user: ViewUser
  csrfToken: string | null
  config: Config
  version: string
  users: User[]
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

/** Admin settings: server facts (read-only) and user accounts. */
export function SettingsPage(props: SettingsPageProps) {
  const c = props.config
  return (
    <Layout title="Settings" user={props.user} csrfToken={props.csrfToken} active="settings">
      <h1>Settings</h1>
      {props.notice && <p class="flash info">{props.notice}</p>}
      {props.error && (
        <p class="flash error" role="alert">
          {props.error}
        </p>
      )}
      <section>
        <h2>Users</h2>
        <div class="overflow-auto">
          <table>
            <thead>
              <tr>
                <th scope="col">Username</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Last sign-in</th>
              </tr>
            </thead>
            <tbody>
              {props.users.map((u) => (
                <tr>
                  <td>{u.username}</td>
                  <td>{u.email ?? '—'}</td>
                  <td>{u.role}</td>
                  <td>{u.lastLoginAt ? formatInstant(u.lastLoginAt, c.timeZone) : 'never'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <details>
          <summary role="button" class="secondary outline">
            Add a user
          </summary>
          <form method="post" action="/settings/users">
            <input type="hidden" name="_csrf" value={props.csrfToken ?? ''} />
            <div class="grid">
              <label>
                Username
                <input name="username" required maxlength={64} autocomplete="off" />
              </label>
              <label>
                Email <span class="muted">(optional)</span>
                <input name="email" type="email" autocomplete="off" />
              </label>
            </div>
            <div class="grid">
              <label>
                Password <span class="muted">(at least 8 characters)</span>
                <input name="password" type="password" required minlength={8} maxlength={1024} autocomplete="new-password" />
              </label>
              <label>
                Role
                <select name="role">
                  <option value="viewer">viewer: can look</option>
                  <option value="admin">admin: can change things</option>
                </select>
              </label>
            </div>
            <button type="submit">Add user</button>
          </form>
        </details>
      </section>
      <section>
        <h2>Server</h2>
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
    </Layout>
  )
}
