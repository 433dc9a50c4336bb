import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { after, describe, it } from 'node:test'
import { crontabHash } from '../../src/schedule/crontabs.js'
import { createScratchUser, installCrontab, listCrontab, scratchCrontabSkipReason } from '../schedule/scratch-user.js'
import { appWithSample } from '../support/imported.js'
import { createClient, csrfFrom } from '../support/test-app.js'

const PASSWORD = 'correct horse battery'
const skip = scratchCrontabSkipReason() ?? false

const CRONTAB = [
  'MAILTO=""',
  '# Sunday night Plex backup',
  '0 3 * * 0 /usr/local/bin/backup-plex.sh >> /var/log/plex-backup.log 2>&1',
  '*/10 * * * * /usr/local/bin/check-disks <with-markup>',
  '',
].join('\n')

async function setUp(editing: boolean) {
  const scratch = createScratchUser()
  after(() => scratch.remove())
  installCrontab(scratch.user, CRONTAB)
  const t = await appWithSample('stats', { CRON_USER: scratch.user, CRON_EDIT_ENABLED: editing ? 'true' : 'false' })
  await t.services.users.createUser({ username: 'admin', role: 'admin', password: PASSWORD })
  await t.services.users.createUser({ username: 'viewer', role: 'viewer', password: PASSWORD })
  const signIn = async (username: string) => {
    const client = createClient(t.app)
    assert.equal((await client.post('/login', { username, password: PASSWORD })).status, 303)
    return client
  }
  return { ...t, scratch, admin: await signIn('admin'), viewer: await signIn('viewer') }
}

const editForm = (html: string, over: Record<string, string> = {}) => ({
  _csrf: csrfFrom(html),
  line: '2',
  hash: /name="hash" value="([0-9a-f]{64})"/.exec(html)?.[1] ?? '',
  expr: '30 4 * * 1-5',
  ...over,
})

// Built at the top level: buildTestApp's after() hook must belong to the file, not to a before() hook.
const shared = skip ? null : await setUp(true)

describe('the schedules page', { skip }, () => {
  const t = shared!

  it('sends visitors who are not signed in to the login page', async () => {
    const res = await createClient(t.app).get('/schedules')
    assert.equal(res.status, 303)
    assert.match(res.headers.get('Location') ?? '', /^\/login\?next=%2Fschedules/)
  })

  it('shows the backup job with its label, line, description, five next runs and the last run', async () => {
    const res = await t.viewer.get('/schedules')
    assert.equal(res.status, 200)
    const html = await res.text()
    assert.match(html, /<h2>Sunday night Plex backup<\/h2>/)
    assert.ok(html.includes('0 3 * * 0 /usr/local/bin/backup-plex.sh &gt;&gt; /var/log/plex-backup.log 2&gt;&amp;1'))
    assert.match(html, /At 03:00 AM, only on Sunday/)
    const runs = /<ol class="next-runs"[^>]*>([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? ''
    assert.equal(runs.match(/<li>/g)?.length, 5)
    assert.match(runs, /Sun \d{4}-\d\d-\d\d 03:00 UTC/)
    assert.match(html, /data-testid="last-run"/)
    assert.match(html, /Mail for its output: none/)
    assert.doesNotMatch(html, /check-disks/, 'other jobs only on request')
    assert.match(html, /Show all jobs \(\d+ more\)/)
    assert.doesNotMatch(html, /style="/)
  })

  it('shows the other jobs on request, their markup as text', async () => {
    const html = await (await t.viewer.get('/schedules?all=1')).text()
    assert.match(html, /check-disks &lt;with-markup&gt;/)
    assert.match(html, /Every 10 minutes/)
  })

  it('tells a viewer why they cannot edit, and gives them no form', async () => {
    const html = await (await t.viewer.get('/schedules')).text()
    assert.match(html, /Only an administrator can change schedules/)
    assert.doesNotMatch(html, /action="\/schedules\/edit"/)
    assert.doesNotMatch(html, /id="run-now"/, 'nor a Run now button')
  })

  it('offers admins the Run now panel, coming back to the schedules page', async () => {
    const html = await (await t.admin.get('/schedules')).text()
    assert.match(html, /<section id="run-now"[^>]*hx-get="\/run-now\/panel\?back=%2Fschedules" hx-trigger="load"/)
  })

  it('previews a schedule as it is typed, and explains an invalid one', async () => {
    const ok = await t.viewer.get('/schedules/preview?expr=' + encodeURIComponent('0 4 * * MON-FRI') + '&zone=Europe/Berlin&key=edit-2', { 'HX-Request': 'true' })
    assert.equal(ok.status, 200)
    const html = await ok.text()
    assert.match(html, /id="preview-edit-2"/)
    assert.match(html, /At 04:00 AM, Monday through Friday/)
    assert.match(html, /Next runs \(Europe\/Berlin\)/)
    assert.doesNotMatch(html, /<html/)
    const bad = await (await t.viewer.get('/schedules/preview?expr=' + encodeURIComponent('0 24 * * *'), { 'HX-Request': 'true' })).text()
    assert.match(bad, /Not a valid schedule: hour 24 is out of range \(0-23\)/)
  })

  it('lets an admin change the schedule, keeps the old crontab and says where', async () => {
    installCrontab(t.scratch.user, CRONTAB)
    const page = await (await t.admin.get('/schedules')).text()
    assert.match(page, /action="\/schedules\/edit"/)
    assert.match(page, /hx-get="\/schedules\/preview"/)
    assert.match(page, /hx-trigger="input changed delay:300ms"/)
    const res = await t.admin.post('/schedules/edit', editForm(page))
    assert.equal(res.status, 303)
    assert.equal(listCrontab(t.scratch.user), CRONTAB.replace('0 3 * * 0 /usr', '30 4 * * 1-5 /usr'))
    const saved = new URL(res.headers.get('Location')!, 'http://localhost').searchParams.get('saved')!
    const backup = path.join(t.config.dataDir, 'crontab-backups', saved)
    assert.equal(fs.readFileSync(backup, 'utf8'), CRONTAB)
    assert.equal(fs.statSync(backup).mode & 0o777, 0o600)
    const after = await (await t.admin.get(res.headers.get('Location')!)).text()
    assert.match(after, /Schedule saved/)
    assert.match(after, /At 04:30 AM, Monday through Friday/)
  })

  it('refuses an invalid schedule with 400 and the reason, writing nothing', async () => {
    installCrontab(t.scratch.user, CRONTAB)
    const page = await (await t.admin.get('/schedules')).text()
    const res = await t.admin.post('/schedules/edit', editForm(page, { expr: '0 3 * * 0 /tmp/evil' }))
    assert.equal(res.status, 400)
    const html = await res.text()
    assert.match(html, /five fields/)
    assert.match(html, /value="0 3 \* \* 0 \/tmp\/evil"/, 'the form keeps what was typed')
    assert.equal(listCrontab(t.scratch.user), CRONTAB)
  })

  it('refuses with 409 when the crontab changed after the page was loaded, writing nothing', async () => {
    installCrontab(t.scratch.user, CRONTAB)
    const page = await (await t.admin.get('/schedules')).text()
    const changed = CRONTAB.replace('MAILTO=""', 'MAILTO=root')
    installCrontab(t.scratch.user, changed)
    const res = await t.admin.post('/schedules/edit', editForm(page))
    assert.equal(res.status, 409)
    assert.match(await res.text(), /crontab changed since this page was loaded/)
    assert.equal(listCrontab(t.scratch.user), changed)
  })

  it('refuses a viewer and a request without the CSRF token with 403', async () => {
    installCrontab(t.scratch.user, CRONTAB)
    const page = await (await t.admin.get('/schedules')).text()
    const viewer = await t.viewer.post('/schedules/edit', { ...editForm(page), _csrf: csrfFrom(await (await t.viewer.get('/schedules')).text()) })
    assert.equal(viewer.status, 403)
    assert.match(await viewer.text(), /Only an administrator/)
    const { _csrf: _, ...withoutToken } = editForm(page)
    assert.equal((await t.admin.post('/schedules/edit', withoutToken)).status, 403)
    assert.equal(listCrontab(t.scratch.user), CRONTAB)
    assert.equal(crontabHash(listCrontab(t.scratch.user)), crontabHash(CRONTAB))
  })
})

describe('the schedules page with editing turned off', { skip }, () => {
  it('says why editing is off and refuses an edit with 403, even from an admin', async () => {
    const t = await setUp(false)
    const page = await (await t.admin.get('/schedules')).text()
    assert.match(page, /Editing schedules is turned off on this server \(set CRON_EDIT_ENABLED=true/)
    assert.doesNotMatch(page, /action="\/schedules\/edit"/)
    const hash = crontabHash(CRONTAB)
    const res = await t.admin.post('/schedules/edit', { _csrf: csrfFrom(page), line: '2', hash, expr: '@daily' })
    assert.equal(res.status, 403)
    assert.match(await res.text(), /CRON_EDIT_ENABLED=true/)
    assert.equal(listCrontab(t.scratch.user), CRONTAB)
  })
})
