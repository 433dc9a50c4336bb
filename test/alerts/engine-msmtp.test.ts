import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import { findMsmtp } from '../../src/alerts/msmtp-config.js'
import { startSmtpSink } from '../support/smtp-sink.js'
import { tempDir } from '../support/temp-dir.js'
import { at, engineHarness, PUBLIC_ORIGIN, T0 } from './engine-harness.js'
import { RSYNC_ERROR } from './engine-log.js'
import { readMail } from './engine-mail.js'

const binary = await findMsmtp()
const RECIPIENTS = ['ops@example.net', 'admin@example.net']

/** An msmtp configuration with one account that relays to `port` on 127.0.0.1, as an admin writes it. */
function writeMsmtprc(port: number): string {
  const file = path.join(tempDir(), 'msmtprc')
  const lines = ['defaults', 'tls off', 'auth off', 'account local', 'host 127.0.0.1', `port ${port}`, 'from replexon@example.net', 'account default : local']
  // msmtp refuses a configuration that others may read.
  fs.writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 })
  return file
}

describe('alert engine by email through msmtp', { skip: binary ? false : 'msmtp is not installed here (Debian: apt install msmtp)' }, () => {
  it("hands the failure and then the recovery to Debian's msmtp, which delivers both to the account's server", async (t) => {
    const sink = await startSmtpSink()
    const h = await engineHarness({ start: T0 })
    t.after(async () => {
      await h.close()
      await sink.close()
    })
    await h.addChannel('msmtp', { configFile: writeMsmtprc(sink.port), to: RECIPIENTS.join(', ') })
    await h.startFollowing()

    h.log.append({ status: 'failed', exitCode: 23, startedAt: at('01:01'), endedAt: at('01:05') })
    h.advanceTo(at('01:06'))
    await h.importLog()
    assert.deepEqual(await h.engine.check(), { sent: 1, retrying: 0, failed: 0 })
    h.log.append({ status: 'success', startedAt: at('02:00'), endedAt: at('02:10') })
    h.advanceTo(at('02:11'))
    await h.importLog()
    assert.deepEqual(await h.engine.check(), { sent: 1, retrying: 0, failed: 0 })
    await h.engine.check()

    const mails = sink.messages.map(readMail)
    assert.deepEqual(mails.map((m) => m.subject), ['[RePlexOn] Backup FAILED on 2026-03-10 (exit 23)', '[RePlexOn] Backups recovered'])
    for (const mail of mails) {
      assert.deepEqual(mail.to, RECIPIENTS)
      assert.deepEqual(mail.envelopeTo, RECIPIENTS)
    }
    assert.deepEqual(sink.messages.map((m) => m.from), ['replexon@example.net', 'replexon@example.net'])
    const [failed, success] = await h.runs()
    assert.ok(mails[0]!.text.includes(RSYNC_ERROR))
    assert.ok(mails[0]!.html.includes('23 (partial transfer: some files or attributes were not transferred)'))
    assert.ok(mails[0]!.text.includes(`${PUBLIC_ORIGIN}/logs/${failed!.id}`))
    assert.ok(mails[1]!.text.includes('Backups work again: the backup of 2026-03-10 succeeded, after a failed backup'))
    assert.deepEqual(mails[1]!.links, [`${PUBLIC_ORIGIN}/logs/${success!.id}`])
    assert.deepEqual(
      (await h.history()).map((a) => [a.event, a.deliveries.map((d) => [d.status, d.lastResult])]),
      [
        ['failed', [['sent', 'msmtp accepted the message for 2 recipient(s)']]],
        ['recovered', [['sent', 'msmtp accepted the message for 2 recipient(s)']]],
      ],
    )
  })
})
