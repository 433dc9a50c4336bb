import { Layout, type ViewUser } from './layout.js'

export type ErrorPageProps = {
  status: 400 | 403 | 404 | 409 | 429 | 500
  title: string
  message: string
  user?: ViewUser | null
  csrfToken?: string | null
}

/** The styled page for 4xx and 5xx answers; never shows internal details. */
export function ErrorPage(props: ErrorPageProps) {
  return (
    <Layout title={props.title} user={props.user} csrfToken={props.csrfToken}>
      <section class="error-page">
        <p class="code">{props.status}</p>
        <h1>{props.title}</h1>
        <p>{props.message}</p>
        <p>
          <a href="/dashboard" role="button" class="secondary">
            Back to the dashboard
          </a>
        </p>
      </section>
    </Layout>
  )
}
