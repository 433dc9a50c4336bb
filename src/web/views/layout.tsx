import type { Child } from 'hono/jsx'

export type ViewUser = { username: string; role: 'admin' | 'viewer' }

export type NavSection = 'dashboard' | 'history' | 'schedules' | 'settings' | null

export type LayoutProps = {
  title: string
  user?: ViewUser | null
  csrfToken?: string | null
  active?: NavSection
  /** The page listens for new runs (server-sent events) and refreshes its live parts. */
  live?: boolean
  children?: Child
}

const HTMX_CONFIG = JSON.stringify({
  allowEval: false,
  allowScriptTags: false,
  includeIndicatorStyles: false,
  selfRequestsOnly: true,
  historyCacheSize: 0,
})

const NAV: { section: Exclude<NavSection, null>; href: string; label: string }[] = [
  { section: 'dashboard', href: '/dashboard', label: 'Dashboard' },
  { section: 'history', href: '/logs', label: 'History' },
  { section: 'schedules', href: '/schedules', label: 'Schedules' },
  { section: 'settings', href: '/settings', label: 'Settings' },
]

function SiteHeader(props: { user: ViewUser | null | undefined; csrfToken: string | null | undefined; active: NavSection }) {
  return (
    <header class="site container">
      <nav>
        <ul>
          <li>
            <a class="brand" href={props.user ? '/dashboard' : '/'}>
              <img src="/static/favicon.svg" alt="" />
              <span>
                RePlexOn
                <span class="tagline">Previously on your Plex server…</span>
              </span>
            </a>
          </li>
        </ul>
        <ul>
          {props.user &&
            NAV.map((item) => (
              <li>
                <a href={item.href} aria-current={props.active === item.section ? 'page' : undefined}>
                  {item.label}
                </a>
              </li>
            ))}
          {props.user && (
            <li>
              <details class="dropdown">
                <summary>{props.user.username}</summary>
                <ul dir="rtl">
                  <li dir="ltr">
                    <span class="muted">Signed in as {props.user.role}</span>
                  </li>
                  <li dir="ltr">
                    <a href="/account">Change password</a>
                  </li>
                  <li dir="ltr">
                    <form class="inline" method="post" action="/logout">
                      <input type="hidden" name="_csrf" value={props.csrfToken ?? ''} />
                      <button type="submit" class="secondary outline" data-testid="logout">
                        Sign out
                      </button>
                    </form>
                  </li>
                </ul>
              </details>
            </li>
          )}
          <li>
            <button id="theme-toggle" type="button" class="secondary outline" aria-label="Change theme"></button>
          </li>
        </ul>
      </nav>
    </header>
  )
}

/** The page frame every full page renders inside; htmx fragments skip it. */
export function Layout(props: LayoutProps) {
  const hxHeaders = props.csrfToken ? JSON.stringify({ 'X-CSRF-Token': props.csrfToken }) : undefined
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <meta name="htmx-config" content={HTMX_CONFIG} />
        <title>{`${props.title} · RePlexOn`}</title>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/vendor/pico.min.css" />
        <link rel="stylesheet" href="/static/app.css" />
        <script src="/static/theme.js"></script>
        <script src="/vendor/htmx.min.js" defer></script>
        <script src="/static/app.js" defer></script>
      </head>
      <body hx-headers={hxHeaders} data-live-events={props.live ? '/events' : undefined}>
        <SiteHeader user={props.user} csrfToken={props.csrfToken} active={props.active ?? null} />
        <main class="container">{props.children}</main>
        <footer class="site container">RePlexOn keeps your Plex backups honest · self-hosted, no tracking</footer>
      </body>
    </html>
  )
}
