import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { createUsersService } from '../../src/auth/users-service.js'
import { openDatabase } from '../../src/db/connection.js'
import { startServer, type RunningServer } from '../../src/server.js'
import { writeFakeBackupScript } from '../runner/fake-script.js'
import { launchBrowser, signIn, watchForProblems } from '../support/browser.js'
import { tempDir } from '../support/temp-dir.js'
import { testConfig } from '../support/test-app.js'

const PASSWORD = 'correct horse battery'

describe('Run now in a real browser', () => {
  let server: RunningServer
  let browser: Browser
  const problemsPerPage: string[][] = []

  async function signInAs(username: string): Promise<Page> {
    const page = await (await browser.newContext()).newPage()
    problemsPerPage.push(watchForProblems(page))
    await signIn(page, server.url, username, PASSWORD)
    return page
  }

  before(async () => {
    const dir = tempDir()
    const logs = path.join(dir, 'logs')
    fs.mkdirSync(logs)
    fs.writeFileSync(path.join(logs, 'plex-backup.log'), '')
    const config = testConfig({
      APP_HOST: '127.0.0.1',
      APP_PORT: '0',
      BACKUP_LOG_PATH: path.join(logs, 'plex-backup.log'),
      BACKUP_SCRIPT_PATH: writeFakeBackupScript(path.join(dir, 'backup-plex.sh'), { seconds: 4 }),
      LOG_POLL_INTERVAL: '1',
    })
    const handle = openDatabase(config.databasePath)
    const users = createUsersService(handle.db)
    await users.createUser({ username: 'admin', role: 'admin', password: PASSWORD })
    await users.createUser({ username: 'viewer', role: 'viewer', password: PASSWORD })
    await handle.close()
    server = await startServer(config, { quiet: true, waitForCatchUp: true })
    browser = await launchBrowser()
  })

  after(async () => {
    await browser?.close()
    await server?.close()
  })

  it('does not show the button to a viewer', async () => {
    const page = await signInAs('viewer')
    await page.locator('[data-testid=headline], #dashboard-body').first().waitFor()
    assert.equal(await page.locator('#run-now').count(), 0)
    await page.context().close()
  })

  it('lets an admin press Run now, watch the output live, and find the run in the history marked manual', async () => {
    const page = await signInAs('admin')
    const button = page.locator('[data-testid=run-now]')
    await button.waitFor()
    await button.click()
    await page.waitForURL(/\/dashboard$/)

    const output = page.locator('#run-now[data-state=running] [data-testid=run-now-output]')
    await output.waitFor({ timeout: 10_000 })
    await page.waitForFunction(() => /Plex Backup Started/.test(document.querySelector('[data-testid=run-now-output]')?.textContent ?? ''), undefined, { timeout: 10_000 })
    assert.match(await page.locator('[data-testid=run-now-running]').innerText(), /started from the web by admin · elapsed \d+ s/)
    // The rest arrives over server-sent events into the same element, not by re-rendering the panel.
    await page.locator('[data-testid=run-now-output][data-stream][data-streaming]').waitFor({ timeout: 5_000 })

    const result = page.locator('[data-testid=run-now-result]')
    await result.waitFor({ timeout: 15_000 })
    await page.waitForFunction(() => /finished successfully/.test(document.querySelector('[data-testid=run-now-result]')?.textContent ?? ''), undefined, { timeout: 15_000 })
    await page.locator('[data-testid=run-now-result] a').waitFor({ timeout: 15_000 })
    assert.match(await page.locator('#run-now details [data-testid=run-now-output]').textContent() ?? '', /Completed Successfully/)

    await page.goto(`${server.url}/logs`)
    const row = page.locator('table.history tbody tr[data-run-id]').first()
    await row.waitFor()
    const cells = await row.locator('td').allInnerTexts()
    assert.match(cells[2]!, /^Success/)
    assert.equal(cells[5], 'manual')
  })

  it('ran without script errors or CSP refusals', () => {
    assert.deepEqual(problemsPerPage.flat(), [])
  })
})
