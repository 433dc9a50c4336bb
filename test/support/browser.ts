import { chromium, type Browser } from 'playwright-core'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Debian's Chromium, headless, with nothing reaching beyond this machine (Playwright gives it a fresh profile). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ],
  })
}

/** Signs in through the real login form and waits for the dashboard. */
export async function signIn(page: import('playwright-core').Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`)
  await page.fill('input[name=username]', username)
  await page.fill('input[name=password]', password)
  await page.click('button[type=submit]')
  await page.waitForURL(/\/dashboard$/)
}

export interface ProblemOptions {
  /** Console errors starting with one of these are expected (e.g. Chromium's own line for a 401 answer). */
  ignoreConsole?: readonly string[]
}

/**
 * Collects what a page should never produce: script errors, console errors (CSP refusals land there)
 * and failed requests. A request the browser itself cancels because the page moved on
 * (`net::ERR_ABORTED`: a favicon or the live-update stream cut by a navigation) is not a failure.
 */
export function watchForProblems(page: import('playwright-core').Page, options: ProblemOptions = {}): string[] {
  const problems: string[] = []
  const ignored = options.ignoreConsole ?? []
  page.on('pageerror', (e) => problems.push(e.message))
  page.on('console', (m) => {
    if (m.type() !== 'error') return
    const text = m.text()
    if (!ignored.some((prefix) => text.startsWith(prefix))) problems.push(text)
  })
  page.on('requestfailed', (r) => {
    const reason = r.failure()?.errorText ?? 'unknown'
    if (reason === 'net::ERR_ABORTED') return
    problems.push(`request failed: ${r.url()} (${reason})`)
  })
  return problems
}
