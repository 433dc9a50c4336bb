import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Browser, Page } from 'playwright-core'
import { createUsersService } from '../../src/auth/users-service.js'
import { openDatabase } from '../../src/db/connection.js'
import { writeDemoHistory } from '../../src/demo/history.js'
import { startServer, type RunningServer } from '../../src/server.js'
import { launchBrowser, signIn, watchForProblems } from '../support/browser.js'
import { tempDir } from '../support/temp-dir.js'
import { testConfig } from '../support/test-app.js'

const PASSWORD = 'correct horse battery'
const EVIL = '<script>window.__pwned = true</script>'

/** A failed run whose rsync error names a file with markup in it: it must show as text. */
function evilRun(): string {
  return [
    '=== Plex Backup Started: Tue Jan  5 03:00:01 AM UTC 2021 ===',
    'sending incremental file list',
    `rsync: [sender] change_dir "/srv/plex/${EVIL}" failed: No such file or directory (2)`,
    'rsync error: some files/attrs were not transferred (see previous errors) (code 23) at main.c(1394) [sender=3.2.7]',
    '=== Plex Backup FAILED with code 23: Tue Jan  5 03:00:09 AM UTC 2021 ===',
    '',
  ].join('\n')
}

describe('dashboard and history in a real browser', () => {
  let server: RunningServer
  let browser: Browser
  let page: Page
  let problems: string[] = []
  let logPath = ''

  before(async () => {
    const dir = tempDir()
    const logs = path.join(dir, 'logs')
    fs.mkdirSync(logs)
    const history = writeDemoHistory({ dir: logs, days: 70, timeZone: 'UTC', seed: 7 })
    logPath = history.logPath
    // An old failed run at the start of the log (and the tracking file), with markup in its error.
    fs.writeFileSync(history.logPath, evilRun() + fs.readFileSync(history.logPath, 'utf8'))
    fs.writeFileSync(history.trackingPath, '2021-01-05:failed\n' + fs.readFileSync(history.trackingPath, 'utf8'))
    const config = testConfig({
      APP_HOST: '127.0.0.1',
      APP_PORT: '0',
      BACKUP_LOG_PATH: history.logPath,
      BACKUP_TRACKING_PATH: history.trackingPath,
      LOG_TIMEZONE: 'UTC',
    })
    const handle = openDatabase(config.databasePath)
    await createUsersService(handle.db).createUser({ username: 'viewer', role: 'viewer', password: PASSWORD })
    await handle.close()
    server = await startServer(config, { quiet: true, waitForCatchUp: true })
    browser = await launchBrowser()
    const context = await browser.newContext({ acceptDownloads: true })
    page = await context.newPage()
    problems = watchForProblems(page)
    await signIn(page, server.url, 'viewer', PASSWORD)
  })

  after(async () => {
    await browser?.close()
    await server?.close()
  })

  it('draws every chart on the dashboard', async () => {
    await page.goto(`${server.url}/dashboard?range=90`)
    // Canvases carry no id: htmx would copy the old canvas's inline size onto the new one, which the CSP refuses.
    for (const id of ['size', 'transferred', 'duration', 'kinds', 'calendar']) {
      const selector = `canvas[data-chart=${id}]`
      await page.waitForFunction(
        (sel) => (window as unknown as { Chart?: { getChart(c: Element): unknown } }).Chart?.getChart(document.querySelector(sel)!) !== undefined,
        selector,
        { timeout: 10_000 },
      )
      const painted = await page.evaluate((sel) => {
        const canvas = document.querySelector(sel) as HTMLCanvasElement
        const { width, height } = canvas
        const pixels = canvas.getContext('2d')!.getImageData(0, 0, width, height).data
        let opaque = 0
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) opaque++
        return { width, height, opaque }
      }, selector)
      assert.ok(painted.width > 0 && painted.height > 0, `${id} has a size`)
      assert.ok(painted.opaque > 200, `${id} has something drawn (${painted.opaque} pixels)`)
    }
    assert.match(await page.locator('[data-testid=headline]').innerText(), /^(Success|FAILED|Interrupted|Running)/)
  })

  it('narrows the table with filters and search, keeping the URL in step', async () => {
    await page.goto(`${server.url}/logs`)
    const all = await page.locator('[data-testid=result-count]').innerText()
    const total = Number(/of (\d+)/.exec(all)?.[1])
    assert.ok(total > 25, `more than a page of runs (${all})`)

    await page.selectOption('select[name=status]', 'failed')
    await page.waitForFunction(() => location.search.includes('status=failed'))
    await page.waitForFunction(() => !/of \d{3}/.test(document.querySelector('[data-testid=result-count]')!.textContent!))
    const failed = Number(/of (\d+)/.exec(await page.locator('[data-testid=result-count]').innerText())?.[1])
    assert.ok(failed > 0 && failed < total, `failed runs narrow the list (${failed} of ${total})`)
    const outcomes = await page.locator('table.history tbody tr[data-run-id] td:nth-child(3)').allInnerTexts()
    assert.ok(outcomes.every((o) => o.startsWith('Failed')), outcomes.join(', '))

    await page.fill('input[name=q]', 'change_dir')
    await page.waitForFunction(() => location.search.includes('q=change_dir'))
    await page.waitForFunction(() => document.querySelectorAll('table.history tbody tr[data-run-id]').length === 1)
    const error = await page.locator('table.history tbody tr[data-run-id]').first().innerText()
    assert.match(error, /2021-01-05/)

    await page.goBack()
    await page.waitForFunction(() => !location.search.includes('q=change_dir'))
    assert.equal(await page.inputValue('select[name=status]'), 'failed', 'back restores the filtered page')
  })

  it('pages through the history with htmx and working links', async () => {
    await page.goto(`${server.url}/logs`)
    const firstPage = await page.locator('table.history tbody tr[data-run-id]').first().getAttribute('data-run-id')
    await page.click('a[rel=next]')
    await page.waitForFunction(() => location.search.includes('page=2'))
    await page.waitForFunction((id) => document.querySelector('table.history tbody tr[data-run-id]')?.getAttribute('data-run-id') !== id, firstPage)
    assert.match(await page.locator('[data-testid=result-count]').innerText(), /^Runs 26–50 of/)
    await page.goto(`${server.url}/logs?page=2`)
    assert.match(await page.locator('[data-testid=result-count]').innerText(), /^Runs 26–50 of/, 'a shared page link works')
  })

  it('expands a row in place and shows a log line with markup as text', async () => {
    await page.goto(`${server.url}/logs?q=change_dir`)
    const row = page.locator('table.history tbody tr[data-run-id]').first()
    const id = await row.getAttribute('data-run-id')
    await row.locator('button.expand').click()
    const details = page.locator(`#details-${id}`)
    await details.locator('dl.facts').waitFor()
    const text = await details.innerText()
    assert.match(text, /23: partial transfer/)
    assert.ok(text.includes(EVIL), 'the markup is shown as text')
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned), undefined, 'and never runs')
    await row.locator('button.expand').click()
    await page.waitForFunction((sel) => document.querySelector(sel)!.childElementCount === 0, `#details-${id}`)

    const res = await page.goto(`${server.url}/logs/${id}`)
    assert.equal(res?.status(), 200)
    assert.equal(await page.locator('[data-testid=run-log]').count(), 1, await page.locator('main').innerText())
    assert.ok((await page.locator('[data-testid=run-log]').innerText()).includes(EVIL))
    assert.equal(await page.locator('[data-testid=run-log] .problem').count() > 0, true, 'failure lines are highlighted')
  })

  it('exports the filtered rows as CSV and JSON', async () => {
    await page.goto(`${server.url}/logs?status=failed`)
    const shown = Number(/of (\d+)/.exec(await page.locator('[data-testid=result-count]').innerText())?.[1])
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-csv]')])
    const csvText = fs.readFileSync((await csv.path())!, 'utf8')
    const lines = csvText.trim().split('\r\n')
    assert.equal(lines[0]!.split(',')[0], 'id')
    assert.equal(lines.length - 1, shown, 'one line per filtered run')
    assert.ok(lines.slice(1).every((l) => l.includes(',failed,')))
    const [json] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-json]')])
    const runs = JSON.parse(fs.readFileSync((await json.path())!, 'utf8')) as { status: string }[]
    assert.equal(runs.length, shown)
    assert.ok(runs.every((r) => r.status === 'failed'))
  })

  it('updates the open dashboard by itself when the follower stores a new run', async () => {
    await page.goto(`${server.url}/dashboard`)
    await page.locator('[data-testid=headline]').waitFor()
    const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00')
    const now = Date.now()
    fs.appendFileSync(
      logPath,
      [
        `=== Plex Backup Started: ${iso(now - 60_000)} ===`,
        'rsync: connection unexpectedly closed (0 bytes received so far) [sender]',
        'rsync error: error in rsync protocol data stream (code 12) at io.c(232) [sender=3.2.7]',
        `=== Plex Backup FAILED with code 12: ${iso(now - 30_000)} ===`,
        '',
      ].join('\n'),
    )
    await page.waitForFunction(() => /^FAILED \(code 12\)/.test(document.querySelector('[data-testid=headline]')?.textContent ?? ''), undefined, {
      timeout: 10_000,
    })
    assert.match(await page.locator('[data-testid=headline]').innerText(), /FAILED \(code 12\), just now/)
  })

  it('ran without script errors or CSP refusals', () => {
    assert.deepEqual(problems, [])
  })
})
