import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { buildTestApp, createClient, csrfFrom } from '../../support/test-app.js'

const PASSWORD = 'correct horse battery'

async function setUp() {
  const t = buildTestApp()
  const admin = await t.services.users.createUser({ username: 'admin', role: 'admin', password: PASSWORD })
  const viewer = await t.services.users.createUser({ username: 'viewer', role: 'viewer', password: PASSWORD })
  const signedIn = async (username: string) => {
    const client = createClient(t.app)
    assert.equal((await client.post('/login', { username, password: PASSWORD })).status, 303)
    return client
  }
  const adminClient = await signedIn('admin')
  const token = csrfFrom(await (await adminClient.get('/settings')).text())
  return { ...t, ids: { admin: admin.id, viewer: viewer.id }, admin: adminClient, token, signedIn }
}

const roleOf = async (t: Awaited<ReturnType<typeof setUp>>, username: string) =>
  (await t.services.users.listUsers()).find((u) => u.username === username)?.role

describe('managing users on /settings', () => {
  it('lists each user with a role form and a remove button that asks first', async () => {
    const t = await setUp()
    const html = await (await t.admin.get('/settings')).text()
    assert.match(html, new RegExp(`action="/settings/users/${t.ids.viewer}/role"`))
    assert.match(html, new RegExp(`action="/settings/users/${t.ids.viewer}/delete"[^>]*data-confirm="Remove user viewer\\?"`))
    assert.doesNotMatch(html, new RegExp(`/settings/users/${t.ids.admin}/delete`), 'no remove button for yourself')
    assert.match(html, /href="\/settings\/notifications"/)
    assert.match(html, /href="\/settings\/alerts"/)
  })

  it("changes a user's role and says so", async () => {
    const t = await setUp()
    const res = await t.admin.post(`/settings/users/${t.ids.viewer}/role`, { _csrf: t.token, role: 'admin' })
    assert.equal(res.status, 303)
    assert.equal(await roleOf(t, 'viewer'), 'admin')
    assert.match(await (await t.admin.get(res.headers.get('Location')!)).text(), /viewer is now an admin\./)
  })

  it('refuses to demote the last admin with a 400 and the reason', async () => {
    const t = await setUp()
    const res = await t.admin.post(`/settings/users/${t.ids.admin}/role`, { _csrf: t.token, role: 'viewer' })
    assert.equal(res.status, 400)
    assert.match(await res.text(), /Cannot demote &quot;admin&quot;: it is the only admin\./)
    assert.equal(await roleOf(t, 'admin'), 'admin')
  })

  it('lets an admin step down when another admin remains, and sends them to the dashboard', async () => {
    const t = await setUp()
    await t.services.users.setRole(t.ids.viewer, 'admin')
    const res = await t.admin.post(`/settings/users/${t.ids.admin}/role`, { _csrf: t.token, role: 'viewer' })
    assert.equal(res.status, 303)
    assert.equal(res.headers.get('Location'), '/dashboard')
    assert.equal((await t.admin.get('/settings')).status, 403)
  })

  it('answers a bad role with a 400 and an unknown user with a 404', async () => {
    const t = await setUp()
    const bad = await t.admin.post(`/settings/users/${t.ids.viewer}/role`, { _csrf: t.token, role: 'owner' })
    assert.equal(bad.status, 400)
    assert.match(await bad.text(), /role: must be admin or viewer/)
    for (const id of ['9999', 'abc', '1e3']) {
      assert.equal((await t.admin.post(`/settings/users/${id}/role`, { _csrf: t.token, role: 'admin' })).status, 404, id)
      assert.equal((await t.admin.post(`/settings/users/${id}/delete`, { _csrf: t.token })).status, 404, id)
    }
  })

  it('removes a user, whose open session stops working at once', async () => {
    const t = await setUp()
    const viewer = await t.signedIn('viewer')
    assert.equal((await viewer.get('/dashboard')).status, 200)
    const res = await t.admin.post(`/settings/users/${t.ids.viewer}/delete`, { _csrf: t.token })
    assert.equal(res.status, 303)
    assert.match(await (await t.admin.get(res.headers.get('Location')!)).text(), /User viewer removed and signed out\./)
    assert.deepEqual((await t.services.users.listUsers()).map((u) => u.username), ['admin'])
    const after = await viewer.get('/dashboard')
    assert.equal(after.status, 303)
    assert.match(after.headers.get('Location') ?? '', /^\/login/)
  })

  it('refuses to remove the account you are signed in with, even the last admin', async () => {
    const t = await setUp()
    const res = await t.admin.post(`/settings/users/${t.ids.admin}/delete`, { _csrf: t.token })
    assert.equal(res.status, 400)
    assert.match(await res.text(), /sign in as another admin to remove this account/)
    assert.equal((await t.services.users.listUsers()).length, 2)
  })

  it('refuses changes without the CSRF token, and from a viewer', async () => {
    const t = await setUp()
    assert.equal((await t.admin.post(`/settings/users/${t.ids.viewer}/role`, { role: 'admin' })).status, 403)
    assert.equal((await t.admin.post(`/settings/users/${t.ids.viewer}/delete`, {})).status, 403)
    assert.equal((await t.admin.post(`/settings/users/${t.ids.viewer}/delete`, { _csrf: 'forged' })).status, 403)
    const viewer = await t.signedIn('viewer')
    const viewerToken = csrfFrom(await (await viewer.get('/account')).text())
    assert.equal((await viewer.post(`/settings/users/${t.ids.viewer}/role`, { _csrf: viewerToken, role: 'admin' })).status, 403)
    assert.equal((await viewer.post(`/settings/users/${t.ids.admin}/delete`, { _csrf: viewerToken })).status, 403)
    assert.equal(await roleOf(t, 'viewer'), 'viewer')
    assert.equal((await t.services.users.listUsers()).length, 2)
  })
})
