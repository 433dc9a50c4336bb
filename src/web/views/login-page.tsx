import { Layout } from './layout.js'

export type LoginPageProps = { error?: string | null; username?: string; next?: string; notice?: string | null }

export function LoginPage(props: LoginPageProps) {
  return (
    <Layout title="Sign in">
      <article class="auth-card">
        <h1>Sign in</h1>
        {props.notice && <p class="flash info">{props.notice}</p>}
        {props.error && (
          <p class="flash error" role="alert">
            {props.error}
          </p>
        )}
        <form method="post" action="/login">
          <input type="hidden" name="next" value={props.next ?? ''} />
          <label>
            Username
            <input name="username" autocomplete="username" required autofocus value={props.username ?? ''} maxlength={64} />
          </label>
          <label>
            Password
            <input name="password" type="password" autocomplete="current-password" required maxlength={1024} />
          </label>
          <button type="submit">Sign in</button>
        </form>
        <p class="muted">
          Forgot the password? On the server, run <code>npx replexon reset-password --username NAME</code>.
        </p>
      </article>
    </Layout>
  )
}
