import assert from 'node:assert/strict'
import fs from 'node:fs'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { createUsersService } from '../../src/auth/users-service.js'
import { openDatabase } from '../../src/db/connection.js'
import { startServer, type RunningServer } from '../../src/server.js'
import { CHROMIUM_PATH, launchBrowser, signIn, watchForProblems } from '../support/browser.js'
import { testConfig } from '../support/test-app.js'

const PASSWORD = 'correct horse battery'
const NEW_PASSWORD = 'staple battery horse correct'
const skip = fs.existsSync(CHROMIUM_PATH) ? false : `needs Chromium at ${CHROMIUM_PATH}`

describe('the settings page in a real browser', { skip }, () => {
  let server: RunningServer
  let browser: Browser
  let page: Page
  let problems: string[] = []

  before(async () => {
    const config = testConfig({ APP_HOST: '127.0.0.1', APP_PORT: '0' })
    const handle = openDatabase(config.databasePath)
    const users = createUsersService(handle.db)
    await users.createUser({ username: 'admin', role: 'admin', password: PASSWORD })
    await users.createUser({ username: 'viewer', role: 'viewer', password: PASSWORD })
    await users.createUser({ username: 'guest', role: 'viewer', password: PASSWORD })
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
