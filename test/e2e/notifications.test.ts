import assert from 'node:assert/strict'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { CHROMIUM_PATH } from '../support/browser.js'
import { startBrowserApp, type BrowserApp } from '../support/browser-app.js'

const skip = fs.existsSync(CHROMIUM_PATH) ? false : `needs Chromium at ${CHROMIUM_PATH}`

describe('notifications in a real browser', { skip }, () => {
  let app: BrowserApp
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
    app = await startBrowserApp({ users: [{ username: 'admin', role: 'admin' }] })
  })

  after(async () => {
    await app?.close()
    hook?.close()
  })

  it('warns on the dashboard that nobody is told, until a channel is added and its test arrives', async () => {
    const { page, server } = app
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
    assert.deepEqual(app.problems, [])
  })
})
