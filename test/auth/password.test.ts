import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { hashPassword, validateNewPassword, verifyAgainstDummy, verifyPassword } from '../../src/auth/password.js'

describe('password hashing', () => {
  it('stores an Argon2id PHC string with the OWASP parameters', async () => {
    const hash = await hashPassword('correct horse battery')
    assert.match(hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    assert.ok(!hash.includes('correct horse'))
  })

  it('salts every hash, so one password never hashes the same twice', async () => {
    assert.notEqual(await hashPassword('same password'), await hashPassword('same password'))
  })

  it('accepts the right password and rejects a wrong one', async () => {
    const hash = await hashPassword('correct horse battery')
    assert.equal(await verifyPassword(hash, 'correct horse battery'), true)
    assert.equal(await verifyPassword(hash, 'correct horse batterY'), false)
    assert.equal(await verifyPassword(hash, ''), false)
  })

  it('accepts a password typed in composed or decomposed Unicode alike', async () => {
    const hash = await hashPassword('caf\u00e9-p\u00e4sswort')
    assert.equal(await verifyPassword(hash, 'cafe\u0301-pa\u0308sswort'), true)
  })

  it('never truncates a long password', async () => {
    const long = 'x'.repeat(1000)
    const hash = await hashPassword(long)
    assert.equal(await verifyPassword(hash, long), true)
    assert.equal(await verifyPassword(hash, long.slice(0, 999)), false)
    assert.equal(await verifyPassword(hash, long + 'x'), false)
  })

  it('answers false rather than throwing for a hash it cannot read', async () => {
    assert.equal(await verifyPassword('not a hash', 'whatever1'), false)
  })

  it('answers false from the dummy verification for unknown users', async () => {
    assert.equal(await verifyAgainstDummy('any password at all'), false)
    assert.equal(await verifyAgainstDummy(''), false)
  })
})

describe('new password rules', () => {
  it('requires at least 8 characters', () => {
    assert.match(validateNewPassword('seven77') ?? '', /at least 8/)
    assert.equal(validateNewPassword('eight888'), null)
  })

  it('counts characters as people see them, not UTF-16 units', () => {
    // Four emoji are eight UTF-16 units but only four characters.
    assert.match(validateNewPassword('😀😀😀😀') ?? '', /at least 8/)
    assert.equal(validateNewPassword('😀😀😀😀😀😀😀😀'), null)
  })

  it('accepts any Unicode and up to 1024 characters', () => {
    assert.equal(validateNewPassword('пароль密码 كلمة'), null)
    assert.equal(validateNewPassword('a'.repeat(1024)), null)
    assert.match(validateNewPassword('a'.repeat(1025)) ?? '', /at most 1024/)
  })
})
