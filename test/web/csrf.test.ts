import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { buildTestApp, createClient, csrfFrom } from '../support/test-app.js'

const PASSWORD = 'correct horse battery'

async function signedIn() {
  const t = buildTestApp()
  await t.services.users.createUser({ username: 'admin', role: 'admin', password: PASSWORD })
  const client = createClient(t.app)
  await client.post('/login', { username: 'admin', password: PASSWORD })
  const token = csrfFrom(await (await client.get('/dashboard')).text())
  return { ...t, client, token }
}

describe('CSRF protection', () => {
  it('refuses a POST whose Origin is another site, even with a valid token', async () => {
    const { client, token } = await signedIn()
    const res = await client.post('/logout', { _csrf: token }, { Origin: 'http://evil.example' })
    assert.equal(res.status, 403)
  })

  it('refuses a POST the browser marks as cross-site', async () => {
    const { client, token } = await signedIn()
    const res = await client.post('/logout', { _csrf: token }, { 'Sec-Fetch-Site': 'cross-site', Origin: '' })
    assert.equal(res.status, 403)
  })

  it('refuses a signed-in POST without the session token', async () => {
    const { client } = await signedIn()
    assert.equal((await client.post('/logout', {})).status, 403)
    assert.equal((await client.post('/logout', { _csrf: 'not-the-token' })).status, 403)
  })

  it('accepts the token from htmx in the X-CSRF-Token header', async () => {
    const { client, token } = await signedIn()
    const res = await client.post('/logout', {}, { 'X-CSRF-Token': token })
    assert.equal(res.status, 303)
  })

  it('puts the token in hx-headers on the body for htmx', async () => {
    const { client, token } = await signedIn()
    const html = await (await client.get('/dashboard')).text()
    assert.ok(html.includes(`hx-headers="{&quot;X-CSRF-Token&quot;:&quot;${token}&quot;}"`), 'hx-headers carries the token')
  })

  it('refuses a cross-site login form post', async () => {
    const t = buildTestApp()
    await t.services.users.createUser({ username: 'admin', role: 'admin', password: PASSWORD })
    const res = await createClient(t.app).post('/login', { username: 'admin', password: PASSWORD }, { Origin: 'http://evil.example' })
    assert.equal(res.status, 403)
  })

  it('accepts PUBLIC_ORIGIN behind a reverse proxy', async () => {
    const t = buildTestApp({ PUBLIC_ORIGIN: 'https://backups.example.net' })
    await t.services.users.createUser({ username: 'admin', role: 'admin', password: PASSWORD })
    const res = await createClient(t.app).post(
      '/login',
      { username: 'admin', password: PASSWORD },
      { Origin: 'https://backups.example.net' },
    )
    assert.equal(res.status, 303)
  })
})
