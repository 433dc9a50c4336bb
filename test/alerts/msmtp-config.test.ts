import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import { findMsmtp, parseMsmtprc, readMsmtpDefaults } from '../../src/alerts/msmtp-config.js'
import { tempDir } from '../support/temp-dir.js'

// As Debian's example ~/.msmtprc: defaults, inheritance, and `account default : NAME`.
const USER_RC = `# Set default values: use the mail submission port 587, and always use TLS.
defaults
port 587
tls on
tls_starttls on

account freemail
host smtp.freemail.example
from joe_smith@freemail.example
auth on
user joe.smith
passwordeval gpg2 --no-tty -q -d ~/.msmtp-password.gpg

account freemail2 : freemail
from joey@freemail.example

account company
host mail.company.example
from smithjoe@company.example
auth on
user company12345
password "hunter2 with spaces"

account default : freemail
`

// As Debian's example /etc/msmtprc: one account named default, TLS without STARTTLS.
const SYSTEM_RC = `account default
host mail.oursite.example
port 465
tls on
tls_starttls off
from %U@oursite.example
allow_from_override off
syslog LOG_MAIL
`

// A home relay: no TLS, no login, a single account that is not called default.
const RELAY_RC = `account   nas
host 192.168.1.10
tls
tls off
from "Plex Box <plex@home.lan>"
`

describe('parseMsmtprc', () => {
  it('applies defaults and inheritance, and picks the account named default', () => {
    const { accounts, defaultAccount } = parseMsmtprc(USER_RC)

    assert.deepEqual(accounts.map((a) => a.name), ['freemail', 'freemail2', 'company', 'default'])
    assert.deepEqual(defaultAccount, {
      name: 'default',
      host: 'smtp.freemail.example',
      port: 587,
      from: 'joe_smith@freemail.example',
      user: 'joe.smith',
      security: 'starttls',
      auth: true,
    })
    assert.equal(accounts[1]?.from, 'joey@freemail.example')
    assert.equal(accounts[1]?.host, 'smtp.freemail.example')
  })

  it('never carries a password or password command along', () => {
    const text = JSON.stringify(parseMsmtprc(USER_RC))
    assert.ok(!text.includes('hunter2'))
    assert.ok(!text.includes('gpg2'))
    assert.ok(!text.includes('password'))
  })

  it('reads TLS without STARTTLS as tls on port 465', () => {
    const { defaultAccount } = parseMsmtprc(SYSTEM_RC)
    assert.equal(defaultAccount?.security, 'tls')
    assert.equal(defaultAccount?.port, 465)
    assert.equal(defaultAccount?.from, '%U@oursite.example')
  })

  it("uses msmtp's default port for an account that sets none", () => {
    const { defaultAccount } = parseMsmtprc('account default\nhost smtp.example.com\ntls on\ntls_starttls off\n')
    assert.equal(defaultAccount?.port, 465)
  })

  it('falls back to the first account, unquotes values and lets the last setting win', () => {
    const { defaultAccount } = parseMsmtprc(RELAY_RC)
    assert.deepEqual(defaultAccount, {
      name: 'nas',
      host: '192.168.1.10',
      port: 25,
      from: 'Plex Box <plex@home.lan>',
      user: null,
      security: 'none',
      auth: false,
    })
  })

  it('finds no account in an empty or comment-only file', () => {
    assert.deepEqual(parseMsmtprc('# nothing yet\n\n'), { accounts: [], defaultAccount: null })
  })
})

describe('readMsmtpDefaults', () => {
  it('reads the first file that exists and returns its default account without the password', async () => {
    const dir = tempDir()
    const user = path.join(dir, 'msmtprc-user')
    const system = path.join(dir, 'msmtprc-system')
    fs.writeFileSync(user, USER_RC, { mode: 0o600 })
    fs.writeFileSync(system, SYSTEM_RC)

    const found = await readMsmtpDefaults([path.join(dir, 'missing'), user, system])

    assert.deepEqual(found, {
      file: user,
      account: 'default',
      host: 'smtp.freemail.example',
      port: 587,
      from: 'joe_smith@freemail.example',
      user: 'joe.smith',
      security: 'starttls',
    })
    assert.ok(!JSON.stringify(found).includes('hunter2'))
  })

  it('gives the file with nulls when it defines no account, and null when no file exists', async () => {
    const dir = tempDir()
    const empty = path.join(dir, 'msmtprc')
    fs.writeFileSync(empty, '# empty\n')

    assert.deepEqual(await readMsmtpDefaults([empty]), { file: empty, account: null, host: null, port: null, from: null, user: null, security: null })
    assert.equal(await readMsmtpDefaults([path.join(dir, 'none')]), null)
  })
})

describe('findMsmtp', () => {
  it('finds a program called msmtp on PATH when it is not in the usual places', async () => {
    const dir = tempDir()
    const fake = path.join(dir, 'msmtp')
    fs.writeFileSync(fake, '#!/bin/sh\nexit 0\n', { mode: 0o755 })

    assert.equal(await findMsmtp({ PATH: `relative/bin${path.delimiter}${dir}` }, [path.join(dir, 'not-here')]), fake)
  })

  it('gives null when msmtp is nowhere', async () => {
    assert.equal(await findMsmtp({ PATH: tempDir() }, []), null)
  })
})
