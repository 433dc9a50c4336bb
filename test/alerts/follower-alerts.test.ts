import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { after, describe, it } from 'node:test'
import { createAlertsRepository } from '../../src/db/repositories/alerts.js'
import { startServer, type RunningServer } from '../../src/server.js'
import { eventually } from '../runner/fake-script.js'
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js'
import { tempDir } from '../support/temp-dir.js'
import { testConfig } from '../support/test-app.js'

/** A failed nightly run as the backup script writes it, ending `minutesAgo` before now after two minutes. */
function failedRun(minutesAgo: number): string {
  const start = new Date(Date.now() - (minutesAgo + 2) * 60_000).toISOString().replace(/\.\d+Z$/, '+00:00')
  const end = new Date(Date.now() - minutesAgo * 60_000).toISOString().replace(/\.\d+Z$/, '+00:00')
  return [
    `=== Plex Backup Started: ${start} ===`,
    'sending incremental file list',
    'rsync: [sender] send_files failed to open "/plex/Library/db.sqlite-wal": Permission denied (13)',
    'rsync error: some files/attrs were not transferred (see previous errors) (code 23) at main.c(1338) [sender=3.2.7]',
    `=== Plex Backup FAILED with code 23: ${end} ===`,
    '',
  ].join('\n')
}

describe('alerts driven by the log follower', () => {
  let sink: SmtpSink
  let server: RunningServer | undefined

  after(async () => {
    await server?.close()
    await sink?.close()
  })

  it('emails one alert within seconds of a failed run being appended, and not again after a restart', async () => {
    sink = await startSmtpSink()
    const dir = tempDir()
    const log = path.join(dir, 'plex-backup.log')
    // History already in the log when RePlexOn first starts is not news.
    fs.writeFileSync(log, failedRun(3 * 24 * 60))
    const config = testConfig({
      APP_HOST: '127.0.0.1',
      APP_PORT: '0',
      DATA_DIR: path.join(dir, 'data'),
      BACKUP_LOG_PATH: log,
      LOG_TIMEZONE: 'UTC',
      LOG_POLL_INTERVAL: '1',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(sink.port),
      SMTP_SECURITY: 'none',
      SMTP_FROM: 'RePlexOn <replexon@example.net>',
      ALERT_EMAIL_TO: 'admin@example.net',
      PUBLIC_ORIGIN: 'https://backups.example.net',
    })
    server = await startServer(config, { quiet: true, waitForCatchUp: true })
    await (await server.services.alerts()).check()
    assert.equal(sink.messages.length, 0, 'the imported history sent nothing')

    fs.appendFileSync(log, failedRun(0))
    await eventually(() => sink.messages.length > 0, 10_000, 'the alert email')
    const mail = sink.messages[0]!
    assert.deepEqual(mail.to, ['admin@example.net'])
    assert.match(mail.raw, /^Subject: .*Backup FAILED.*exit 23/m)
    assert.match(mail.raw, /Permission denied/)
    assert.match(mail.raw, /https:\/\/backups\.example\.net\/logs\/\d+/)

    await server.close()
    server = await startServer(config, { quiet: true, waitForCatchUp: true })
    const engine = await server.services.alerts()
    await engine.check()
    await engine.check()
    assert.equal(sink.messages.length, 1, 'the restart sent nothing again')
    const history = await createAlertsRepository(server.services.handle.db).history({ limit: 10, offset: 0 })
    assert.deepEqual(
      history.map((a) => [a.event, a.deliveries.map((d) => d.status)]),
      [['failed', ['sent']]],
    )
  })
})
