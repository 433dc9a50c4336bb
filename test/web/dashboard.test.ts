import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createScratchUser, installCrontab } from '../schedule/scratch-user.js'
import { createAlertChannelsRepository } from '../../src/db/repositories/alert-channels.js'
import { appWithSample } from '../support/imported.js'
import { buildTestApp, createClient } from '../support/test-app.js'

const PASSWORD = 'correct horse battery'

async function signedIn(t: { app: ReturnType<typeof buildTestApp>['app']; services: ReturnType<typeof buildTestApp>['services'] }) {
  await t.services.users.createUser({ username: 'viewer', role: 'viewer', password: PASSWORD })
  const client = createClient(t.app)
  await client.post('/login', { username: 'viewer', password: PASSWORD })
  return client
}

describe('dashboard', () => {
  it('teaches where logs are expected when there are no runs yet', async () => {
    const t = buildTestApp()
    const client = await signedIn(t)
    const html = await (await client.get('/dashboard')).text()
    assert.match(html, /No backup runs yet/)
    assert.ok(html.includes(t.config.backupLogPath))
    assert.match(html, /replexon import-logs/)
  })

  it('shows the last outcome, the rate, sizes, paths and recent runs of an imported history', async () => {
    const t = await appWithSample('basic', { PLEX_DATA_PATH: '/srv/plex-data', BACKUP_DESTINATION: 'nas::backups' })
    const client = await signedIn(t)
    const res = await client.get('/dashboard?range=all')
    assert.equal(res.status, 200)
    const html = await res.text()
    assert.match(html, /data-testid="headline">Success, \d+ days ago/)
    assert.match(html, /data-testid="success-rate">\d+(\.\d)? %/)
    assert.ok(html.includes('/srv/plex-data'))
    assert.ok(html.includes('nas::backups'))
    assert.equal((html.match(/href="\/logs\/\d+"/g) ?? []).length, 10, 'the last 10 runs link to their pages')
    for (const chart of ['size', 'transferred', 'duration', 'kinds', 'calendar']) assert.match(html, new RegExp(`data-chart="${chart}"`))
    assert.match(html, /data-testid="overdue"/, 'a history that ended in September is overdue now')
  })

  it('shows when cron next runs the backup, from the crontab, and hides the card without a backup job', async () => {
    const scratch = createScratchUser()
    try {
      installCrontab(scratch.user, '# Nightly Plex backup\n30 3 * * * /usr/local/bin/backup-plex.sh >> /var/log/plex-backup.log 2>&1\n')
      const t = await appWithSample('basic', { CRON_USER: scratch.user, LOG_TIMEZONE: 'Europe/Berlin' })
      const client = await signedIn(t)
      const html = await (await client.get('/dashboard?range=all')).text()
      assert.match(html, /<h3>Next backup<\/h3>/)
      assert.match(html, /data-testid="next-run"[^>]*>in \d+ (h|min)</)
      assert.match(html, /03:30/)
      assert.match(html, /<a href="\/schedules">Nightly Plex backup<\/a>/)

      installCrontab(scratch.user, '# nothing scheduled\n')
      t.services.schedules.invalidate()
      const without = await (await client.get('/dashboard?range=all')).text()
      assert.doesNotMatch(without, /Next backup/)
    } finally {
      scratch.remove()
    }
  })

  it('shows the destination and Plex data path saved on the settings page', async () => {
    const t = buildTestApp()
    await t.services.settings.set('backup.destination', 'nas.local::plex <weekly>')
    const client = await signedIn(t)
    const html = await (await client.get('/dashboard')).text()
    assert.match(html, /<code>nas\.local::plex &lt;weekly&gt;<\/code>/)
  })

  it('says when no channel would tell anyone, and shows a failing channel to everyone', async () => {
    const t = buildTestApp()
    await t.services.users.createUser({ username: 'admin', role: 'admin', password: PASSWORD })
    const admin = createClient(t.app)
    await admin.post('/login', { username: 'admin', password: PASSWORD })
    assert.match(await (await admin.get('/dashboard')).text(), /No notification channel is set up/)

    const channels = createAlertChannelsRepository(t.handle.db)
    const phone = await channels.create({ type: 'ntfy', name: 'Phone', enabled: true, events: ['failed'], config: {}, secret: null, managedBy: null }, Date.now())
    assert.doesNotMatch(await (await admin.get('/dashboard')).text(), /No notification channel|are failing/)
    await channels.recordFailure(phone.id, 'could not connect to ntfy.sh:443: connection refused', Date.now())
    await channels.recordFailure(phone.id, 'could not connect to ntfy.sh:443: connection refused', Date.now())
    const viewer = await signedIn(t)
    const html = await (await viewer.get('/dashboard')).text()
    assert.match(html, /Alerts to &quot;Phone&quot; are failing<\/strong> \(2 attempts in a row, last just now\): could not connect to ntfy\.sh:443: connection refused/)
    assert.match(html, /ask an admin/)
  })

  it('lets the range change what the cards count, and refuses an unknown range with 400', async () => {
    const t = await appWithSample('basic')
    const client = await signedIn(t)
    const week = await (await client.get('/dashboard?range=7')).text()
    assert.match(week, /0 of 0 backups/, 'nothing in the last 7 days')
    assert.equal((await client.get('/dashboard?range=12')).status, 400)
  })
})
