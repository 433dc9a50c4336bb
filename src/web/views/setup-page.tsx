import { Layout } from './layout.js'

export type SetupPageProps = { error?: string | null; username?: string; email?: string }

/** First-run page: creates the first admin. Served only while no user exists. */
export function SetupPage(props: SetupPageProps) {
  return (
    <Layout title="Welcome">
      <article class="auth-card">
        <h1>Welcome to RePlexOn</h1>
        <p>No account exists yet. Create the administrator account to start watching your backups.</p>
        {props.error && (
          <p class="flash error" role="alert">
            {props.error}
          </p>
        )}
        <form method="post" action="/setup">
          <label>
            Username
            <input name="username" autocomplete="username" required maxlength={64} value={props.username ?? ''} />
          </label>
          <label>
            Email <span class="muted">(optional, for alerts)</span>
            <input name="email" type="email" autocomplete="email" value={props.email ?? ''} />
          </label>
          <label>
            Password <span class="muted">(at least 8 characters)</span>
            <input name="password" type="password" autocomplete="new-password" required minlength={8} maxlength={1024} />
          </label>
          <label>
            Repeat password
            <input name="password_repeat" type="password" autocomplete="new-password" required minlength={8} maxlength={1024} />
          </label>
          <button type="submit">Create administrator</button>
        </form>
      </article>
    </Layout>
  )
}
