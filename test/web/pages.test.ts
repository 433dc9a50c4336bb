import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { buildTestApp, createClient, csrfFrom } from '../support/test-app.js'

const PASSWORD = 'correct horse battery'

describe('first run setup', () => {
  it('sends the first visitor to /setup and lets them create the admin, then /setup is gone', async () => {
    const t = buildTestApp()
    const client = createClient(t.app)
    const root = await client.get('/')
    assert.equal(root.headers.get('Location'), '/setup')
    assert.equal((await client.get('/login')).headers.get('Location'), '/setup')
    assert.equal((await client.get('/setup')).status, 200)
    const created = await client.post('/setup', { username: 'chief', email: '', password: PASSWORD, password_repeat: PASSWORD })
    assert.equal(created.status, 303)
    assert.equal(created.headers.get('Location'), '/dashboard')
    assert.equal((await client.get('/dashboard')).status, 200, 'the new admin is signed in')
    const [user] = await t.services.users.listUsers()
    assert.equal(user?.username, 'chief')
    assert.equal(user?.role, 'admin')
    assert.equal((await createClient(t.app).get('/setup')).status, 404)
    const again = await createClient(t.app).post('/setup', { username: 'intruder', password: PASSWORD, password_repeat: PASSWORD })
    assert.equal(again.status, 404)
    assert.equal((await t.services.users.listUsers()).length, 1)
  })

  it('explains a mismatched or short password with a 400 and keeps the form', async () => {
    const t = buildTestApp()
    const client = createClient(t.app)
    const mismatch = await client.post('/setup', { username: 'chief', password: PASSWORD, password_repeat: 'other password' })
    assert.equal(mismatch.status, 400)
    const body = await mismatch.text()
    assert.match(body, /do not match/)
    assert.match(body, /value="chief"/)
    const short = await client.post('/setup', { username: 'chief', password: 'short', password_repeat: 'short' })
    assert.equal(short.status, 400)
    assert.match(await short.text(), /at least 8 characters/)
  })
})

describe('security headers', () => {
  it('puts the strict CSP, nosniff and friends on pages, redirects and errors', async () => {
    const { app } = buildTestApp()
    for (const url of ['/setup', '/dashboard', '/no-such-page', '/healthz']) {
      const res = await app.request(`http://localhost${url}`)
      assert.equal(
        res.headers.get('Content-Security-Policy'),
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        url,
      )
      assert.equal(res.headers.get('X-Content-Type-Options'), 'nosniff', url)
      assert.equal(res.headers.get('Referrer-Policy'), 'strict-origin-when-cross-origin', url)
      assert.equal(res.headers.get('Cross-Origin-Opener-Policy'), 'same-origin', url)
      assert.equal(res.headers.get('X-Powered-By'), null, url)
      assert.equal(res.headers.get('Strict-Transport-Security'), null, 'no HSTS over plain HTTP')
    }
  })

  it('marks authenticated pages no-store', async () => {
    const t = buildTestApp()
    await t.services.users.createUser({ username: 'admin', role: 'admin', password: PASSWORD })
    const client = createClient(t.app)
    await client.post('/login', { username: 'admin', password: PASSWORD })
    assert.equal((await client.get('/dashboard')).headers.get('Cache-Control'), 'no-store')
  })

  it('configures htmx through a meta tag without eval or script tags', async () => {
    const { app } = buildTestApp()
    const html = await (await app.request('http://localhost/setup')).text()
    const meta = /<meta name="htmx-config" content="([^"]+)"/.exec(html)?.[1]?.replaceAll('&quot;', '"')
    assert.ok(meta)
    assert.deepEqual(JSON.parse(meta), {
      allowEval: false,
      allowScriptTags: false,
      includeIndicatorStyles: false,
      selfRequestsOnly: true,
      historyCacheSize: 0,
    })
    assert.doesNotMatch(html, /<script>(?!<\/script>)/, 'no inline scripts')
    assert.doesNotMatch(html, /style="/, 'no inline styles')
    assert.doesNotMatch(html, /https?:\/\/(?!localhost)[a-z]/i, 'nothing loads from another host')
  })
})

describe('pages and assets', () => {
  it('reports health without a session', async () => {
    const { app } = buildTestApp()
    const res = await app.request('http://localhost/healthz')
    assert.equal(res.status, 200)
    assert.deepEqual(await res.json(), { status: 'ok', database: 'ok' })
  })

  it('reports an unreachable database as 503', async () => {
    const t = buildTestApp()
    t.handle.sqlite.close()
    const res = await t.app.request('http://localhost/healthz')
    assert.equal(res.status, 503)
    assert.deepEqual(await res.json(), { status: 'degraded', database: 'unreachable' })
  })

  it('serves htmx, Chart.js and Pico from its own npm packages with ETags', async () => {
    const { app } = buildTestApp()
    for (const [url, type, marker] of [
      ['/vendor/htmx.min.js', 'text/javascript', 'htmx'],
      ['/vendor/chart.umd.min.js', 'text/javascript', 'Chart'],
      ['/vendor/pico.min.css', 'text/css', 'Pico'],
      ['/vendor/chartjs-adapter-date-fns.bundle.min.js', 'text/javascript', 'adapter'],
      ['/vendor/chartjs-chart-matrix.min.js', 'text/javascript', 'matrix'],
      ['/static/app.css', 'text/css', 'RePlexOn'],
      ['/static/app.js', 'text/javascript', 'theme'],
    ] as const) {
      const res = await app.request(`http://localhost${url}`)
      assert.equal(res.status, 200, url)
      assert.match(res.headers.get('Content-Type') ?? '', new RegExp(type), url)
      assert.ok((await res.text()).includes(marker), `${url} has ${marker}`)
      const etag = res.headers.get('ETag')!
      const again = await app.request(`http://localhost${url}`, { headers: { 'If-None-Match': etag } })
      assert.equal(again.status, 304, url)
    }
    assert.equal((await app.request('http://localhost/vendor/../package.json')).status, 404)
  })

  it('answers an unknown address with the styled 404 page', async () => {
    const { app } = buildTestApp()
    const res = await app.request('http://localhost/nowhere')
    assert.equal(res.status, 404)
    const html = await res.text()
    assert.match(html, /<!DOCTYPE html>/)
    assert.match(html, /Not found/)
  })

  it('answers a crash with the styled 500 page and no internal details', async () => {
    const { app } = buildTestApp()
    app.get('/boom', () => {
      throw new Error('secret internal detail')
    })
    const res = await app.request('http://localhost/boom')
    assert.equal(res.status, 500)
    const html = await res.text()
    assert.match(html, /Something went wrong/)
    assert.doesNotMatch(html, /secret internal detail/)
  })
})

describe('roles', () => {
  async function twoUsers() {
    const t = buildTestApp()
    await t.services.users.createUser({ username: 'admin', role: 'admin', password: PASSWORD })
    await t.services.users.createUser({ username: 'viewer', role: 'viewer', password: PASSWORD })
    const admin = createClient(t.app)
    await admin.post('/login', { username: 'admin', password: PASSWORD })
    const viewer = createClient(t.app)
    await viewer.post('/login', { username: 'viewer', password: PASSWORD })
    return { ...t, admin, viewer }
  }

  it('lets a viewer see the dashboard but not the settings', async () => {
    const { viewer } = await twoUsers()
    assert.equal((await viewer.get('/dashboard')).status, 200)
    assert.equal((await viewer.get('/settings')).status, 403)
  })

  it('refuses a change from a viewer even with a valid CSRF token', async () => {
    const t = await twoUsers()
    const token = csrfFrom(await (await t.viewer.get('/dashboard')).text())
    const res = await t.viewer.post('/settings/users', { _csrf: token, username: 'sneaky', password: PASSWORD, role: 'admin' })
    assert.equal(res.status, 403)
    assert.equal((await t.services.users.listUsers()).length, 2)
  })

  it('lets an admin add a user, and explains a bad value with a 400', async () => {
    const t = await twoUsers()
    const token = csrfFrom(await (await t.admin.get('/settings')).text())
    const added = await t.admin.post('/settings/users', { _csrf: token, username: 'family', password: PASSWORD, role: 'viewer' })
    assert.equal(added.status, 303)
    assert.equal((await t.services.users.listUsers()).length, 3)
    const bad = await t.admin.post('/settings/users', { _csrf: token, username: 'x', password: PASSWORD, role: 'owner' })
    assert.equal(bad.status, 400)
    assert.match(await bad.text(), /role: must be admin or viewer/)
    const dup = await t.admin.post('/settings/users', { _csrf: token, username: 'family', password: PASSWORD, role: 'viewer' })
    assert.equal(dup.status, 400)
  })
})
