import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { createSecretBox, SecretBoxError } from '../../src/alerts/secret-box.js'

const KEY = 'a-secret-key-of-reasonable-length-0123456789'
const secret = { password: 'hunter2 ✓ ünïcode', token: 'tk_live_42' }

describe('secret box', () => {
  it('opens what it sealed', () => {
    const box = createSecretBox(KEY)
    assert.deepEqual(box.open(box.seal(secret)), secret)
  })

  it('opens with a new box made from the same SECRET_KEY (a restart)', () => {
    assert.deepEqual(createSecretBox(KEY).open(createSecretBox(KEY).seal(secret)), secret)
  })

  it('never stores the plaintext and gives a different value for every seal', () => {
    const box = createSecretBox(KEY)
    const a = box.seal(secret)
    const b = box.seal(secret)
    assert.notEqual(a, b)
    for (const sealed of [a, b]) {
      assert.match(sealed, /^v1\.[\w-]+\.[\w-]+\.[\w-]+$/)
      assert.ok(!sealed.includes('hunter2'))
      assert.ok(!sealed.includes('tk_live_42'))
      assert.notEqual(sealed, JSON.stringify(secret))
    }
  })

  it('refuses a value sealed with another key, saying what to do', () => {
    const sealed = createSecretBox('another-key').seal(secret)
    assert.throws(
      () => createSecretBox(KEY).open(sealed),
      (err: unknown) =>
        err instanceof SecretBoxError && /SECRET_KEY changed\? Re-enter the password on the settings page/.test(err.message),
    )
  })

  it('refuses a tampered ciphertext, tag or iv', () => {
    const box = createSecretBox(KEY)
    const parts = box.seal(secret).split('.')
    for (const index of [1, 2, 3]) {
      const altered = [...parts]
      const bytes = Buffer.from(altered[index]!, 'base64url')
      bytes[0] = bytes[0]! ^ 0x01
      altered[index] = bytes.toString('base64url')
      assert.throws(() => box.open(altered.join('.')), SecretBoxError, `part ${index}`)
    }
  })

  it('refuses a value in no known format', () => {
    const box = createSecretBox(KEY)
    for (const bad of ['', 'plain text', 'v2.a.b.c', JSON.stringify(secret)]) {
      assert.throws(() => box.open(bad), SecretBoxError, bad)
    }
  })
})
