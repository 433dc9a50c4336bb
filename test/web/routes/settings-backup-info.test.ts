import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { buildTestApp, createClient, csrfFrom } from '../../support/test-app.js'

const PASSWORD = 'correct horse battery'

async function setUp(env: Record<string, string> = {}) {
  const t = buildTestApp(env)
  await t.services.users.createUser({ username: 'admin', role: 'admin', password: PASSWORD })
  const admin = createClient(t.app)
  assert.equal((await admin.post('/login', { username: 'admin', password: PASSWORD })).status, 303)
  const token = csrfFrom(await (await admin.get('/settings')).text())
  return { ...t, admin, token }
}

describe('the backup info on /settings', () => {
  it('saves the destination and Plex data path and shows them again', async () => {
    const t = await setUp()
    const res = await t.admin.post('/settings/backup-info', { _csrf: t.token, destination: ' nas:/volume1/plex ', plexDataPath: '/srv/plex <data>' })
    assert.equal(res.status, 303)
    assert.equal(res.headers.get('Location'), '/settings?saved=backup-info')
    const html = await (await t.admin.get('/settings?saved=backup-info')).text()
    assert.match(html, /Backup info saved\./)
    assert.match(html, /name="destination" value="nas:\/volume1\/plex"/)
    assert.match(html, /name="plexDataPath" value="\/srv\/plex &lt;data&gt;"/)
    assert.equal(await t.services.settings.get('backup.destination'), 'nas:/volume1/plex')
  })

  it('refuses a value with a line break or over 1024 characters with a 400, keeping what was typed', async () => {
    const t = await setUp()
    const broken = await t.admin.post('/settings/backup-info', { _csrf: t.token, destination: '/mnt/one', plexDataPath: '/srv\nplex' })
    assert.equal(broken.status, 400)
    const html = await broken.text()
    assert.match(html, /Plex data path must not contain control characters/)
    assert.match(html, /name="destination" value="\/mnt\/one"/)
    const long = await t.admin.post('/settings/backup-info', { _csrf: t.token, destination: 'x'.repeat(1025) })
    assert.equal(long.status, 400)
    assert.match(await long.text(), /Backup destination must be at most 1024 characters long\./)
    assert.deepEqual(await t.services.settings.all(), {})
  })

  it('shows a value set in the environment read-only and ignores a posted one', async () => {
    const t = await setUp({ BACKUP_DESTINATION: 'nas:/from-env' })
    const html = await (await t.admin.get('/settings')).text()
    assert.match(html, /value="nas:\/from-env" readonly/)
    assert.doesNotMatch(html, /name="destination"/)
    assert.match(html, /set by BACKUP_DESTINATION in the environment/)
    assert.match(html, /name="plexDataPath"/, 'the other field stays editable')
    const res = await t.admin.post('/settings/backup-info', { _csrf: t.token, destination: '/sneaky', plexDataPath: '/srv/plex' })
    assert.equal(res.status, 303)
    assert.equal(await t.services.settings.get('backup.destination'), undefined)
    assert.equal(await t.services.settings.get('backup.plexDataPath'), '/srv/plex')
  })

  it('refuses a save without the CSRF token', async () => {
    const t = await setUp()
    assert.equal((await t.admin.post('/settings/backup-info', { destination: '/mnt' })).status, 403)
    assert.deepEqual(await t.services.settings.all(), {})
  })
})
