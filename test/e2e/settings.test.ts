import assert from 'node:assert/strict'
import fs from 'node:fs'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import type { RunningServer } from '../../src/server.js'
import { CHROMIUM_PATH } from '../support/browser.js'
import { BROWSER_PASSWORD as PASSWORD, startBrowserApp, type BrowserApp } from '../support/browser-app.js'

const NEW_PASSWORD = 'staple battery horse correct'
const skip = fs.existsSync(CHROMIUM_PATH) ? false : `needs Chromium at ${CHROMIUM_PATH}`

describe('the settings page in a real browser', { skip }, () => {
  let app: BrowserApp
  let server: RunningServer
  let page: Page
  let problems: string[] = []

  before(async () => {
    app = await startBrowserApp({
      users: [
        { username: 'admin', role: 'admin' },
        { username: 'viewer', role: 'viewer' },
        { username: 'guest', role: 'viewer' },
      ],
    })
    ;({ server, page, problems } = app)
  })

  after(async () => {
    await app?.close()
  })

  it("lets an admin make a viewer an admin through the user's row", async () => {
    await page.goto(`${server.url}/settings`)
    const row = page.locator('[data-testid=user-viewer]')
    await row.locator('select[name=role]').selectOption('admin')
    await row.getByRole('button', { name: 'Change the role of viewer' }).click()
    await page.locator('.flash.info').waitFor()
    assert.equal(await page.locator('.flash.info').innerText(), 'viewer is now an admin.')
    assert.equal(await page.locator('[data-testid=user-viewer] select[name=role]').inputValue(), 'admin')
    assert.deepEqual(problems, [])
  })

  it('asks before removing a user and keeps them when the question is declined', async () => {
    await page.goto(`${server.url}/settings`)
    const remove = page.locator('[data-testid=user-guest]').getByRole('button', { name: 'Remove' })
    const questions: string[] = []
    const answer = (accept: boolean) =>
      page.once('dialog', (dialog) => {
        questions.push(dialog.message())
        void (accept ? dialog.accept() : dialog.dismiss())
      })
    answer(false)
    await remove.click()
    assert.equal(await page.locator('[data-testid=user-guest]').count(), 1)
    answer(true)
    await Promise.all([page.waitForURL(/removed=guest/), remove.click()])
    assert.deepEqual(questions, ['Remove user guest?', 'Remove user guest?'])
    assert.equal(await page.locator('[data-testid=user-guest]').count(), 0)
    assert.deepEqual(problems, [])
  })

  it('lets the admin change their own password and stay signed in', async () => {
    await page.goto(`${server.url}/settings`)
    const form = page.locator('[data-testid=password-form]')
    await form.locator('input[name=currentPassword]').fill(PASSWORD)
    await form.locator('input[name=newPassword]').fill(NEW_PASSWORD)
    await form.locator('input[name=newPasswordRepeat]').fill(NEW_PASSWORD)
    await Promise.all([page.waitForURL(/password=changed/), form.getByRole('button', { name: 'Change password' }).click()])
    assert.equal(await page.locator('.flash.info').innerText(), 'Password changed; 0 other sessions signed out')
    assert.equal(await page.locator('h1').innerText(), 'Settings')
    assert.deepEqual(problems, [])
  })
})
