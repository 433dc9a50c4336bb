import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { buildTestApp, createClient, csrfFrom } from '../../support/test-app.js'

const PASSWORD = 'correct horse battery'
const NEW_PASSWORD = 'staple battery horse correct'

async function setUp() {
  const t = buildTestApp()
  await t.services.users.createUser({ username: 'admin', role: 'admin', password: PASSWORD })
  await t.services.users.createUser({ username: 'viewer', role: 'viewer', password: PASSWORD })
  const signIn = async (username: string, password = PASSWORD) => {
    const client = createClient(t.app)
    const res = await client.post('/login', { username, password })
    return { client, status: res.status }
  }
  const signedIn = async (username: string) => {
    const { client, status } = await signIn(username)
    assert.equal(status, 303)
    return client
  }
  return { ...t, signIn, signedIn }
}

type Client = ReturnType<typeof createClient>

async function changePassword(client: Client, page: string, action: string, over: Record<string, string> = {}) {
  const token = csrfFrom(await (await client.get(page)).text())
  return client.post(action, { _csrf: token, currentPassword: PASSWORD, newPassword: NEW_PASSWORD, newPasswordRepeat: NEW_PASSWORD, ...over })
}

describe('changing your own password on /settings', () => {
  it('ends the other session of the user but keeps this one, and says how many it ended', async () => {
    const t = await setUp()
    const here = await t.signedIn('admin')
    const elsewhere = await t.signedIn('admin')
    const res = await changePassword(here, '/settings', '/settings/password')
    assert.equal(res.status, 303)
    const location = res.headers.get('Location') ?? ''
    assert.equal(location, '/settings?password=changed&ended=1')
    const page = await here.get(location)
    assert.equal(page.status, 200, 'this browser is still signed in')
    assert.match(await page.text(), /Password changed; 1 other session signed out/)
    const other = await elsewhere.get('/settings')
    assert.equal(other.status, 303)
    assert.match(other.headers.get('Location') ?? '', /^\/login/)
    assert.equal((await t.signIn('admin', PASSWORD)).status, 401, 'the old password no longer works')
    assert.equal((await t.signIn('admin', NEW_PASSWORD)).status, 303, 'the new one does')
  })

  it('refuses a wrong current password with a 400 that says so, and keeps the old password', async () => {
    const t = await setUp()
    const admin = await t.signedIn('admin')
    const res = await changePassword(admin, '/settings', '/settings/password', { currentPassword: 'not the password' })
    assert.equal(res.status, 400)
    const html = await res.text()
    assert.match(html, /The current password is not correct\./)
    assert.doesNotMatch(html, /not the password|staple battery/, 'passwords are never echoed')
    assert.equal((await t.signIn('admin', PASSWORD)).status, 303)
  })

  it('counts wrong current passwords like wrong sign-ins: the 11th try gets 429 with Retry-After', async () => {
    const t = await setUp()
    const admin = await t.signedIn('admin')
    for (let i = 0; i < 10; i++) {
      assert.equal((await changePassword(admin, '/settings', '/settings/password', { currentPassword: `guess ${i}` })).status, 400)
    }
    const blocked = await changePassword(admin, '/settings', '/settings/password')
    assert.equal(blocked.status, 429)
    assert.ok(Number(blocked.headers.get('Retry-After')) > 0)
    assert.match(await blocked.text(), /Too many wrong passwords/)
  })

  it('refuses two different new passwords with a 400', async () => {
    const t = await setUp()
    const admin = await t.signedIn('admin')
    const res = await changePassword(admin, '/settings', '/settings/password', { newPasswordRepeat: 'something else entirely' })
    assert.equal(res.status, 400)
    assert.match(await res.text(), /The two new passwords do not match\./)
    assert.equal((await t.signIn('admin', PASSWORD)).status, 303)
  })

  it('applies the password rules to the new password', async () => {
    const t = await setUp()
    const admin = await t.signedIn('admin')
    const res = await changePassword(admin, '/settings', '/settings/password', { newPassword: 'short', newPasswordRepeat: 'short' })
    assert.equal(res.status, 400)
    assert.match(await res.text(), /at least 8 characters/)
  })

  it('answers a form without its fields with a 400, not a 500', async () => {
    const t = await setUp()
    const admin = await t.signedIn('admin')
    const token = csrfFrom(await (await admin.get('/settings')).text())
    const res = await admin.post('/settings/password', { _csrf: token })
    assert.equal(res.status, 400)
  })

  it('refuses a change without the CSRF token', async () => {
    const t = await setUp()
    const admin = await t.signedIn('admin')
    const res = await admin.post('/settings/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, newPasswordRepeat: NEW_PASSWORD })
    assert.equal(res.status, 403)
    assert.equal((await t.signIn('admin', PASSWORD)).status, 303)
  })
})

describe('the /account page', () => {
  it('lets a viewer change their password while /settings stays closed to them', async () => {
    const t = await setUp()
    const viewer = await t.signedIn('viewer')
    assert.equal((await viewer.get('/settings')).status, 403)
    const page = await viewer.get('/account')
    assert.equal(page.status, 200)
    assert.match(await page.text(), /Change password/)
    const res = await changePassword(viewer, '/account', '/account')
    assert.equal(res.status, 303)
    assert.equal(res.headers.get('Location'), '/account?password=changed&ended=0')
    assert.match(await (await viewer.get('/account?password=changed&ended=0')).text(), /Password changed; 0 other sessions signed out/)
    assert.equal((await t.signIn('viewer', NEW_PASSWORD)).status, 303)
  })

  it('shows a wrong current password on the account page as a 400', async () => {
    const t = await setUp()
    const viewer = await t.signedIn('viewer')
    const res = await changePassword(viewer, '/account', '/account', { currentPassword: 'wrong wrong wrong' })
    assert.equal(res.status, 400)
    const html = await res.text()
    assert.match(html, /Your account/)
    assert.match(html, /The current password is not correct\./)
  })

  it('sends visitors who are not signed in to the login page', async () => {
    const t = await setUp()
    const res = await createClient(t.app).get('/account')
    assert.equal(res.status, 303)
    assert.match(res.headers.get('Location') ?? '', /^\/login\?next=%2Faccount/)
  })

  it('shows only fixed notices, whatever a crafted link asks for', async () => {
    const t = await setUp()
    const admin = await t.signedIn('admin')
    const html = await (await admin.get('/settings?added=%3Cscript%3Ealert(1)%3C%2Fscript%3E&password=changed&ended=lots')).text()
    assert.doesNotMatch(html, /<script>alert/)
    assert.doesNotMatch(html, /class="flash/)
  })
})
