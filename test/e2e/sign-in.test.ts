import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser } from 'playwright-core'
import { openDatabase } from '../../src/db/connection.js'
import { createUsersService } from '../../src/auth/users-service.js'
import { startServer, type RunningServer } from '../../src/server.js'
import { launchBrowser, watchForProblems } from '../support/browser.js'
import { testConfig } from '../support/test-app.js'

const PASSWORD = 'correct horse battery'

describe('in a real browser', () => {
  let server: RunningServer
  let browser: Browser

  before(async () => {
    const config = testConfig({ APP_HOST: '127.0.0.1', APP_PORT: '0' })
    const handle = openDatabase(config.databasePath)
    await createUsersService(handle.db).createUser({ username: 'admin', role: 'admin', password: PASSWORD })
    await handle.close()
    server = await startServer(config, { quiet: true })
    browser = await launchBrowser()
  })

  after(async () => {
    await browser?.close()
    await server?.close()
  })

  it('signs in through the real form, shows the dashboard shell, and signs out', async () => {
    const page = await browser.newPage()
    // The wrong-password answer is a 401 that Chromium also logs; CSP refusals and script errors are what matter.
    const problems = watchForProblems(page, { ignoreConsole: ['Failed to load resource'] })

    await page.goto(`${server.url}/dashboard`)
    assert.match(page.url(), /\/login\?next=%2Fdashboard$/)

    await page.fill('input[name=username]', 'admin')
    await page.fill('input[name=password]', 'wrong password')
    await page.click('button[type=submit]')
    assert.equal(await page.locator('[role=alert]').innerText(), 'Incorrect username or password')

    await page.fill('input[name=password]', PASSWORD)
    await page.click('button[type=submit]')
    await page.waitForURL(/\/dashboard$/)
    assert.equal(await page.locator('h1').innerText(), 'Dashboard')
    for (const label of ['Dashboard', 'History', 'Schedules', 'Settings']) {
      assert.equal(await page.locator('header.site nav a', { hasText: label }).count(), 1, `nav has ${label}`)
    }
    assert.equal(await page.evaluate(() => typeof (window as unknown as { htmx?: unknown }).htmx), 'object', 'htmx loaded from the app')

    await page.click('header.site details.dropdown summary')
    await page.click('[data-testid=logout]')
    await page.waitForURL(/\/login\?signedOut=1$/)
    assert.match(await page.locator('.flash.info').innerText(), /signed out/)

    await page.goto(`${server.url}/dashboard`)
    assert.match(page.url(), /\/login/, 'the session is gone')
    assert.deepEqual(problems, [], 'no CSP violations or script errors')
  })

  it('switches between system, light and dark themes and remembers the choice', async () => {
    const page = await browser.newPage({ colorScheme: 'dark' })
    await page.goto(`${server.url}/login`)
    const theme = () => page.evaluate(() => document.documentElement.getAttribute('data-theme'))
    assert.equal(await theme(), null, 'follows the system at first')
    await page.click('#theme-toggle')
    assert.equal(await theme(), 'light')
    await page.click('#theme-toggle')
    assert.equal(await theme(), 'dark')
    await page.reload()
    assert.equal(await theme(), 'dark', 'remembered across pages')
    await page.click('#theme-toggle')
    assert.equal(await theme(), null, 'back to the system setting')
  })

  it('fits a phone screen without sideways scrolling', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 740 } })
    await page.goto(`${server.url}/login`)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`)
  })
})
