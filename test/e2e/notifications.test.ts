import assert from 'node:assert/strict'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { createUsersService } from '../../src/auth/users-service.js'
import { openDatabase } from '../../src/db/connection.js'
import { startServer, type RunningServer } from '../../src/server.js'
import { CHROMIUM_PATH, launchBrowser, signIn, watchForProblems } from '../support/browser.js'
import { testConfig } from '../support/test-app.js'

const PASSWORD = 'correct horse battery'
const skip = fs.existsSync(CHROMIUM_PATH) ? false : `needs Chromium at ${CHROMIUM_PATH}`

describe('notifications in a real browser', { skip }, () => {
  let server: RunningServer
  let browser: Browser
  let page: Page
  let problems: string[] = []
  let hook: http.Server
  const received: string[] = []

  before(async () => {
    hook = http.createServer((req, res) => {
      let body = ''
      req.on('data', (d) => (body += d))
      req.on('end', () => {
        received.push(body)
        res.writeHead(204).end()
      })
    })
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', () => resolve()))
    const config = testConfig({ APP_HOST: '127.0.0.1', APP_PORT: '0' })
    const handle = openDatabase(config.databasePath)
    await createUsersService(handle.db).createUser({ username: 'admin', role: 'admin', password: PASSWORD })
    await handle.close()
    server = await startServer(config, { quiet: true })
    browser = await launchBrowser()
    page = await browser.newPage()
    problems = watchForProblems(page)
    await signIn(page, server.url, 'admin', PASSWORD)
  })

  after(async () => {
    await browser?.close()
    await server?.close()
    hook?.close()
  })

  it('warns on the dashboard that nobody is told, until a channel is added and its test arrives', async () => {
    assert.match(await page.locator('[data-testid=no-channels]').innerText(), /nobody will be told/)
    await page.click('[data-testid=no-channels] a')
    await page.waitForURL(/\/settings\/notifications$/)
    await page.click('a[href="/settings/notifications?add=webhook"]')
    const form = page.locator('[data-testid=channel-form]')
    await form.waitFor()
    await form.locator('input[name=name]').fill('Home Assistant')
    await form.locator('input[name=url]').fill(`http://127.0.0.1:${(hook.address() as AddressInfo).port}/api/webhook/plex`)
    await form.locator('button[type=submit]').click()
    await page.waitForURL(/done=added/)
    assert.match(await page.locator('[data-testid=channel]').innerText(), /Home Assistant/)

    await page.click('[data-testid=send-test]')
    await page.locator('[data-testid=test-result]').waitFor()
    assert.match(await page.locator('[data-testid=test-result]').innerText(), /Test sent through "Home Assistant": HTTP 204/)
    assert.equal(received.length, 1)

    await page.goto(`${server.url}/dashboard`)
    assert.equal(await page.locator('[data-testid=no-channels]').count(), 0)
    await page.goto(`${server.url}/settings/alerts`)
    assert.match(await page.locator('main').innerText(), /No alerts yet/)
  })

  it('ran without script errors or CSP refusals', () => {
    assert.deepEqual(problems, [])
  })
})
