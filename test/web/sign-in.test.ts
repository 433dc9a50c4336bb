import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { buildTestApp, createClient, csrfFrom } from '../support/test-app.js'

const PASSWORD = 'correct horse battery'

async function appWithAdmin() {
  const t = buildTestApp()
  await t.services.users.createUser({ username: 'admin', email: 'admin@example.net', role: 'admin', password: PASSWORD })
  return t
}

describe('sign-in', () => {
  it('sends a visitor without a session from /dashboard to the login page', async () => {
    const { app } = await appWithAdmin()
    const res = await app.request('http://localhost/dashboard')
    assert.equal(res.status, 303)
    assert.equal(res.headers.get('Location'), '/login?next=%2Fdashboard')
  })

  it('signs in through the form, sets a hardened session cookie and returns to the page asked for', async () => {
    const t = await appWithAdmin()
    const client = createClient(t.app)
    const res = await client.post('/login', { username: 'admin', password: PASSWORD, next: '/dashboard' })
    assert.equal(res.status, 303)
    assert.equal(res.headers.get('Location'), '/dashboard')
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('replexon_session='))
    assert.ok(cookie, 'a session cookie is set')
    assert.match(cookie, /HttpOnly/)
    assert.match(cookie, /SameSite=Lax/)
    assert.match(cookie, /Path=\//)
    assert.doesNotMatch(cookie, /Secure/, 'plain HTTP on a LAN gets no Secure flag in auto mode')
    const page = await client.get('/dashboard')
    assert.equal(page.status, 200)
    assert.match(await page.text(), /Dashboard/)
  })

  it('stores only a hash of the session token', async () => {
    const t = await appWithAdmin()
    const client = createClient(t.app)
    await client.post('/login', { username: 'admin', password: PASSWORD })
    const token = client.jar.get('replexon_session')!
    const ids = t.handle.sqlite.prepare('SELECT id FROM sessions').pluck().all() as string[]
    assert.equal(ids.length, 1)
    assert.notEqual(ids[0], token)
    assert.doesNotMatch(JSON.stringify(t.handle.sqlite.prepare('SELECT * FROM sessions').all()), new RegExp(token))
  })

  it('marks the cookie Secure when the request came over HTTPS', async () => {
    const t = await appWithAdmin()
    const res = await t.app.request('https://backup.example.net/login', {
      method: 'POST',
      body: new URLSearchParams({ username: 'admin', password: PASSWORD }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'https://backup.example.net' },
    })
    assert.equal(res.status, 303)
    assert.match(res.headers.getSetCookie().join('\n'), /Secure/)
    assert.match(res.headers.get('Strict-Transport-Security') ?? '', /max-age/)
  })

  it('answers an unknown user and a wrong password with the same message and status', async () => {
    const t = await appWithAdmin()
    const client = createClient(t.app)
    const wrong = await client.post('/login', { username: 'admin', password: 'not the password' })
    const unknown = await client.post('/login', { username: 'nobody', password: 'not the password' })
    assert.equal(wrong.status, 401)
    assert.equal(unknown.status, 401)
    const a = await wrong.text()
    const b = await unknown.text()
    assert.match(a, /Incorrect username or password/)
    assert.match(b, /Incorrect username or password/)
  })

  it('answers the 11th wrong password in a row for one user with 429 and Retry-After', async () => {
    // Behind a trusted proxy each attempt comes from another address: the per-user limit still holds.
    const t = buildTestApp({ TRUSTED_PROXY: 'true' })
    await t.services.users.createUser({ username: 'admin', role: 'admin', password: PASSWORD })
    const client = createClient(t.app)
    for (let i = 1; i <= 10; i++) {
      const res = await client.post('/login', { username: 'admin', password: `wrong-${i}` }, { 'X-Forwarded-For': `10.0.0.${i}` })
      assert.equal(res.status, 401, `attempt ${i}`)
    }
    const res = await client.post('/login', { username: 'admin', password: PASSWORD })
    assert.equal(res.status, 429)
    const retryAfter = Number(res.headers.get('Retry-After'))
    assert.ok(retryAfter > 0 && retryAfter <= 15 * 60, `Retry-After ${retryAfter}`)
    assert.match(await res.text(), /Too many failed sign-ins/)
  })

  it('keeps the throttle across a restart because it lives in the database', async () => {
    const t = await appWithAdmin()
    const client = createClient(t.app)
    for (let i = 0; i < 10; i++) await client.post('/login', { username: 'admin', password: 'wrong' })
    const { createApp } = await import('../../src/app.js')
    const pino = (await import('pino')).default
    const { createServices } = await import('../../src/services.js')
    const { openDatabase } = await import('../../src/db/connection.js')
    const handle = openDatabase(t.config.databasePath)
    try {
      const logger = pino({ level: 'silent' })
      const restarted = createApp({ config: t.config, logger, services: createServices({ config: t.config, handle, logger }) })
      const res = await createClient(restarted).post('/login', { username: 'admin', password: PASSWORD })
      assert.equal(res.status, 429)
    } finally {
      await handle.close()
    }
  })

  it('logs out with a CSRF-protected POST that ends the session', async () => {
    const t = await appWithAdmin()
    const client = createClient(t.app)
    await client.post('/login', { username: 'admin', password: PASSWORD })
    const token = client.jar.get('replexon_session')
    const page = await (await client.get('/dashboard')).text()
    const refused = await client.post('/logout', {})
    assert.equal(refused.status, 403, 'no token, no logout')
    const res = await client.post('/logout', { _csrf: csrfFrom(page) })
    assert.equal(res.status, 303)
    assert.equal(res.headers.get('Location'), '/login?signedOut=1')
    assert.equal(t.handle.sqlite.prepare('SELECT count(*) FROM sessions').pluck().get(), 0)
    const after = await t.app.request('http://localhost/dashboard', { headers: { Cookie: `replexon_session=${token}` } })
    assert.equal(after.status, 303, 'the old cookie no longer works')
  })

  it('does not offer logout by GET', async () => {
    const t = await appWithAdmin()
    const res = await t.app.request('http://localhost/logout')
    assert.equal(res.status, 404)
  })

  it('only follows local paths after sign-in', async () => {
    const t = await appWithAdmin()
    const res = await createClient(t.app).post('/login', { username: 'admin', password: PASSWORD, next: '//evil.example/x' })
    assert.equal(res.headers.get('Location'), '/dashboard')
  })

  it('answers a malformed form with 400 naming the field, not 500', async () => {
    const t = await appWithAdmin()
    const res = await createClient(t.app).post('/login', { username: 'admin' })
    assert.equal(res.status, 400)
    assert.match(await res.text(), /password/)
  })
})
