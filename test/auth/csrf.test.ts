import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { csrfTokenMatches, isCrossSiteRequest } from '../../src/auth/csrf.js'

const allowedOrigins = ['http://nas.local:9847', 'https://backup.example.net']

describe('cross-site request check', () => {
  it('lets safe methods through whatever their headers say', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS', 'get']) {
      assert.equal(isCrossSiteRequest({ method, origin: 'https://evil.example', secFetchSite: 'cross-site', allowedOrigins }), null)
    }
  })

  it('rejects a POST the browser marks as cross-site', () => {
    assert.match(isCrossSiteRequest({ method: 'POST', secFetchSite: 'cross-site', allowedOrigins }) ?? '', /cross-site/)
  })

  it('rejects a POST from an origin that is not allowed', () => {
    assert.match(isCrossSiteRequest({ method: 'POST', origin: 'https://evil.example', allowedOrigins }) ?? '', /evil\.example/)
    assert.notEqual(isCrossSiteRequest({ method: 'DELETE', origin: 'null', allowedOrigins }), null)
    assert.notEqual(isCrossSiteRequest({ method: 'POST', origin: 'http://nas.local:9848', allowedOrigins }), null)
  })

  it('accepts a POST from the app itself or its configured public origin', () => {
    assert.equal(isCrossSiteRequest({ method: 'POST', origin: 'http://nas.local:9847', secFetchSite: 'same-origin', allowedOrigins }), null)
    assert.equal(isCrossSiteRequest({ method: 'POST', origin: 'HTTPS://Backup.Example.net', allowedOrigins }), null)
  })

  it('accepts a POST without Origin or Sec-Fetch-Site (older clients; the token still guards it)', () => {
    assert.equal(isCrossSiteRequest({ method: 'POST', allowedOrigins }), null)
    assert.equal(isCrossSiteRequest({ method: 'POST', origin: null, secFetchSite: null, allowedOrigins }), null)
  })
})

describe('CSRF token comparison', () => {
  const token = 'k3Y9vJ2m0nQx7pL5rT8wZ1aB4cD6eF0gH2iJ4kL6mN8'

  it('matches the same token', () => {
    assert.equal(csrfTokenMatches(token, token), true)
  })

  it('rejects a different, shorter, longer, empty or missing token without throwing', () => {
    assert.equal(csrfTokenMatches(token, token.slice(0, -1) + 'X'), false)
    assert.equal(csrfTokenMatches(token, token.slice(0, 10)), false)
    assert.equal(csrfTokenMatches(token, token + 'A'), false)
    assert.equal(csrfTokenMatches(token, ''), false)
    assert.equal(csrfTokenMatches(token, undefined), false)
    assert.equal(csrfTokenMatches(token, null), false)
    assert.equal(csrfTokenMatches('', ''), false)
  })
})
