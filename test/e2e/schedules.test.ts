import assert from 'node:assert/strict'
import fs from 'node:fs'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import type { RunningServer } from '../../src/server.js'
import { createScratchUser, installCrontab, scratchCrontabSkipReason } from '../schedule/scratch-user.js'
import { CHROMIUM_PATH } from '../support/browser.js'
import { startBrowserApp, type BrowserApp } from '../support/browser-app.js'

const skip = scratchCrontabSkipReason() ?? (fs.existsSync(CHROMIUM_PATH) ? false : `needs Chromium at ${CHROMIUM_PATH}`)

describe('the schedules page in a real browser', { skip }, () => {
  let server: RunningServer
  let page: Page
  let app: BrowserApp
  let scratch: ReturnType<typeof createScratchUser>
  let problems: string[] = []

  before(async () => {
    scratch = createScratchUser()
    installCrontab(scratch.user, '# Plex backup\n0 3 * * 0 /usr/local/bin/backup-plex.sh >> /var/log/plex-backup.log 2>&1\n')
    app = await startBrowserApp({
      env: { CRON_USER: scratch.user, CRON_EDIT_ENABLED: 'true', LOG_TIMEZONE: 'Europe/Berlin' },
      users: [{ username: 'admin', role: 'admin' }],
    })
    ;({ server, page, problems } = app)
  })

  after(async () => {
    await app?.close()
    scratch?.remove()
  })

  it('lists the backup job with its description and five next runs', async () => {
    await page.goto(`${server.url}/schedules`)
    const job = page.locator('[data-testid=schedule-job]')
    assert.equal(await job.count(), 1)
    assert.equal(await job.locator('h2').innerText(), 'Plex backup')
    assert.equal(await job.locator('[data-testid=schedule-description]').first().innerText(), 'At 03:00 AM, only on Sunday')
    const runs = await job.locator('[data-testid=next-runs] li').allInnerTexts()
    assert.equal(runs.length, 5)
    for (const run of runs) assert.match(run, /^Sun \d{4}-\d\d-\d\d 03:00 GMT\+[12]$/)
    assert.deepEqual(problems, [])
  })

  it('updates the live preview as a new schedule is typed, and explains a bad one', async () => {
    await page.goto(`${server.url}/schedules`)
    await page.click('details.schedule-edit summary')
    const input = page.locator('[data-testid=schedule-input]')
    await input.fill('15 4 * * MON-FRI')
    const preview = page.locator('#preview-edit-1')
    await preview.locator('[data-testid=schedule-description]').waitFor()
    assert.equal(await preview.locator('[data-testid=schedule-description]').innerText(), 'At 04:15 AM, Monday through Friday')
    const runs = await preview.locator('[data-testid=next-runs] li').allInnerTexts()
    assert.equal(runs.length, 5)
    assert.ok(runs.every((r) => /^(Mon|Tue|Wed|Thu|Fri) .* 04:15 /.test(r)), runs.join(', '))

    await input.fill('15 4 * * MON-FRX')
    await preview.locator('.schedule-error').waitFor()
    assert.match(await preview.innerText(), /Not a valid schedule: "FRX" is not a valid day of week/)
    assert.deepEqual(problems, [])
  })
})
