import type { User } from '../../db/repositories/users.js'
import { formatInstant } from '../format.js'

export type UsersSectionProps = {
  users: User[]
  /** The signed-in admin, who cannot remove their own account. */
  currentUserId: number
  csrfToken: string | null
  timeZone: string
}

function Csrf(props: { token: string | null }) {
  return <input type="hidden" name="_csrf" value={props.token ?? ''} />
}

function RoleForm(props: { user: User; csrfToken: string | null }) {
  const u = props.user
  return (
    <form method="post" action={`/settings/users/${u.id}/role`} class="inline user-role">
      <Csrf token={props.csrfToken} />
      <select name="role" aria-label={`Role of ${u.username}`}>
        <option value="viewer" selected={u.role === 'viewer'}>
          viewer
        </option>
        <option value="admin" selected={u.role === 'admin'}>
          admin
        </option>
      </select>
      <button type="submit" class="secondary" aria-label={`Change the role of ${u.username}`}>
        Change
      </button>
    </form>
  )
}

function UserRow(props: UsersSectionProps & { user: User }) {
  const u = props.user
  const isSelf = u.id === props.currentUserId
  return (
    <tr data-testid={`user-${u.username}`}>
      <td>
        {u.username}
        {isSelf && <span class="muted"> (you)</span>}
        {u.email && (
          <>
            <br />
            <small class="muted">{u.email}</small>
          </>
        )}
      </td>
      <td>
        <RoleForm user={u} csrfToken={props.csrfToken} />
      </td>
      <td>{u.lastLoginAt ? formatInstant(u.lastLoginAt, props.timeZone) : 'never'}</td>
      <td>
        {isSelf ? (
          <small class="muted">To remove your own account, sign in as another admin.</small>
        ) : (
          <form method="post" action={`/settings/users/${u.id}/delete`} class="inline" data-confirm={`Remove user ${u.username}?`}>
            <Csrf token={props.csrfToken} />
            <button type="submit" class="secondary outline">
              Remove
            </button>
          </form>
        )}
      </td>
    </tr>
  )
}

function AddUserForm(props: { csrfToken: string | null }) {
  return (
    <details>
      <summary role="button" class="secondary outline">
        Add a user
      </summary>
      <form method="post" action="/settings/users">
        <Csrf token={props.csrfToken} />
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
  )
}

/** The user accounts: each with its role and a way to remove it, and a form to add one. */
export function UsersSection(props: UsersSectionProps) {
  return (
    <section>
      <h2>Users</h2>
      <p class="muted">An admin can change settings, schedules and users and start backups; a viewer can only look.</p>
      <div class="overflow-auto">
        <table>
          <thead>
            <tr>
              <th scope="col">Username</th>
              <th scope="col">Role</th>
              <th scope="col">Last sign-in</th>
              <th scope="col">Remove</th>
            </tr>
          </thead>
          <tbody>
            {props.users.map((u) => (
              <UserRow {...props} user={u} />
            ))}
          </tbody>
        </table>
      </div>
      <AddUserForm csrfToken={props.csrfToken} />
    </section>
  )
}
