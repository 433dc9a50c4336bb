import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../auth/password.js'
import { Layout, type ViewUser } from './layout.js'

/** Flash messages shown above a settings form. */
export function Flash(props: { notice?: string | null; error?: string | null }) {
  return (
    <>
      {props.notice && (
        <p class="flash info" role="status">
          {props.notice}
        </p>
      )}
      {props.error && (
        <p class="flash error" role="alert">
          {props.error}
        </p>
      )}
    </>
  )
}

/**
 * Changing one's own password. Never pre-filled: a refused attempt shows an empty form.
 * The hidden username lets password managers file the new password under the right account.
 */
export function PasswordForm(props: { action: string; username: string; csrfToken: string | null }) {
  return (
    <form method="post" action={props.action} data-testid="password-form">
      <input type="hidden" name="_csrf" value={props.csrfToken ?? ''} />
      <input type="text" name="username" value={props.username} autocomplete="username" readonly hidden />
      <label>
        Current password
        <input name="currentPassword" type="password" required maxlength={PASSWORD_MAX_LENGTH} autocomplete="current-password" />
      </label>
      <div class="grid">
        <label>
          New password <span class="muted">(at least {PASSWORD_MIN_LENGTH} characters)</span>
          <input
            name="newPassword"
            type="password"
            required
            minlength={PASSWORD_MIN_LENGTH}
            maxlength={PASSWORD_MAX_LENGTH}
            autocomplete="new-password"
          />
        </label>
        <label>
          New password again
          <input
            name="newPasswordRepeat"
            type="password"
            required
            minlength={PASSWORD_MIN_LENGTH}
            maxlength={PASSWORD_MAX_LENGTH}
            autocomplete="new-password"
          />
        </label>
      </div>
      <p class="muted">Changing it signs you out everywhere else; this browser stays signed in.</p>
      <button type="submit">Change password</button>
    </form>
  )
}

export type AccountPageProps = {
  user: ViewUser
  csrfToken: string | null
  notice?: string | null
  error?: string | null
}

/** `/account`: what every signed-in user, viewers included, may change about themselves. */
export function AccountPage(props: AccountPageProps) {
  return (
    <Layout title="Your account" user={props.user} csrfToken={props.csrfToken}>
      <h1>Your account</h1>
      <p class="muted">
        Signed in as <strong>{props.user.username}</strong> ({props.user.role}).
      </p>
      <Flash notice={props.notice} error={props.error} />
      <section>
        <h2>Change password</h2>
        <PasswordForm action="/account" username={props.user.username} csrfToken={props.csrfToken} />
      </section>
    </Layout>
  )
}
