import assert from 'node:assert/strict'
import fs from 'node:fs'
import { describe, it } from 'node:test'
import { buildTestApp, createClient, csrfFrom } from '../support/test-app.js'
import { eventually, writeFakeBackupScript } from '../runner/fake-script.js'

const PASSWORD = 'correct horse battery'

async function signedIn(t: ReturnType<typeof buildTestApp>, role: 'admin' | 'viewer') {
  await t.services.users.createUser({ username: role, role, password: PASSWORD })
  const client = createClient(t.app)
  await client.post('/login', { username: role, password: PASSWORD })
  const token = csrfFrom(await (await client.get('/dashboard')).text())
  return { client, press: (back = '/dashboard') => client.post('/run-now', { _csrf: token, back }) }
}

describe('Run now on the web', () => {
  it('is not shown to viewers, and their press is refused with 403', async () => {
    const t = buildTestApp()
    writeFakeBackupScript(t.config.backupScriptPath, { seconds: 0 })
    const viewer = await signedIn(t, 'viewer')
    const dashboard = await (await viewer.client.get('/dashboard')).text()
    assert.doesNotMatch(dashboard, /run-now/)
    assert.equal((await viewer.press()).status, 403)
    assert.equal((await viewer.client.get('/run-now/panel')).status, 403)
    assert.equal(t.services.runner.status().last, null, 'nothing was started')
  })

  it('puts the panel on the dashboard for admins; it loads with the button', async () => {
    const t = buildTestApp()
    writeFakeBackupScript(t.config.backupScriptPath, { seconds: 0 })
    const admin = await signedIn(t, 'admin')
    const dashboard = await (await admin.client.get('/dashboard')).text()
    assert.match(dashboard, /hx-get="\/run-now\/panel\?back=%2Fdashboard" hx-trigger="load"/)
    const panel = await (await admin.client.get('/run-now/panel?back=%2Fdashboard')).text()
    assert.match(panel, /data-state="idle"/)
    assert.match(panel, /<button type="submit" data-testid="run-now">Run now<\/button>/)
  })

  it('starts the backup, shows its output while it runs, refuses a second press, then shows the result', async () => {
    const t = buildTestApp()
    // Long enough that the panel and its stream are read while it runs, even on a busy machine.
    writeFakeBackupScript(t.config.backupScriptPath, { seconds: 3 })
    const admin = await signedIn(t, 'admin')
    const res = await admin.press()
    assert.equal(res.status, 303)
    assert.equal(res.headers.get('Location'), '/dashboard')

    await eventually(async () => /Plex Backup Started/.test(await (await admin.client.get('/run-now/panel')).text()), 5000, 'live output')
    const running = await (await admin.client.get('/run-now/panel')).text()
    assert.match(running, /data-state="running"/)
    assert.match(running, /hx-trigger="run-finished, every 60s"/)
    assert.match(running, /from the web by admin/)
    assert.match(running, /data-testid="run-now-elapsed" data-elapsed-since="\d+">\d+ s</)
    const stream = /data-stream="([^"]+)"/.exec(running)?.[1]?.replaceAll('&amp;', '&')
    assert.ok(stream, 'the output continues over a stream')
    const shown = />(=== Plex Backup Started[^<]*)<\/pre>/.exec(running)?.[1] ?? ''

    const again = await admin.press()
    assert.equal(again.status, 409)
    assert.match(await again.text(), /Another backup is running \(started [^)]* from the web by admin\); wait for it to finish\./)

    // The stream carries the rest of the output, from where the panel stopped, then says it finished.
    const events = await (await admin.client.get(stream)).text()
    assert.match(events, /event: output\ndata: /)
    assert.match(events, /Plex Backup Completed Successfully/)
    assert.match(events, /event: finished\n/)
    assert.ok(!events.includes('data: sending incremental file list') || !shown.includes('sending incremental file list'), 'nothing shown twice')

    await eventually(() => t.services.runner.status().running === null, 10_000, 'the script to end')
    await eventually(() => t.services.runner.status().last?.exitCode !== null, 5000, 'the end to be recorded')
    const done = await (await admin.client.get('/run-now/panel')).text()
    assert.match(done, /data-state="idle"/)
    assert.match(done, /finished successfully after \d+ s/)
    assert.match(done, /Plex Backup Completed Successfully/, 'the output stays visible')
    assert.match(done, /possible again in \d+ min/, 'the button waits for the cooldown')

    const cooled = await admin.press()
    assert.equal(cooled.status, 429)
    assert.ok(Number(cooled.headers.get('Retry-After')) > 0)
    assert.match(await cooled.text(), /Another backup started (just now|\d+ s ago); try again in 5 min\./)
  })

  it('ends the output stream at once for a run that is not running, and refuses viewers', async () => {
    const t = buildTestApp()
    const admin = await signedIn(t, 'admin')
    const events = await (await admin.client.get('/run-now/stream?trigger=999&from=0')).text()
    assert.match(events, /event: finished\ndata: not running/)
    const viewer = await signedIn(t, 'viewer')
    assert.equal((await viewer.client.get('/run-now/stream?trigger=1&from=0')).status, 403)
  })

  it('shows a missing or non-executable script as a clear 400 on the page', async () => {
    const t = buildTestApp()
    const admin = await signedIn(t, 'admin')
    const missing = await admin.press()
    assert.equal(missing.status, 400)
    const html = await missing.text()
    assert.match(html, /data-testid="run-now-error">The backup script .* does not exist \(check BACKUP_SCRIPT_PATH\)\./)
    writeFakeBackupScript(t.config.backupScriptPath)
    fs.chmodSync(t.config.backupScriptPath, 0o600)
    const notExecutable = await admin.press()
    assert.equal(notExecutable.status, 400)
    assert.match(await notExecutable.text(), /is not executable \(chmod \+x it\)/)
  })

  it('never sends the admin to another site after pressing', async () => {
    const t = buildTestApp({ BACKUP_COOLDOWN: '0' })
    writeFakeBackupScript(t.config.backupScriptPath, { seconds: 0 })
    const admin = await signedIn(t, 'admin')
    const res = await admin.press('//evil.example/')
    assert.equal(res.headers.get('Location'), '/dashboard')
    await eventually(() => t.services.runner.status().running === null, 10_000, 'the script to end')
  })
})
