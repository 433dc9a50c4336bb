import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { DateTime } from 'luxon'
import { renderAlert, renderTestMessage } from '../../src/alerts/message.js'
import type { AlertRun, DigestFacts } from '../../src/alerts/types.js'

const BERLIN = { publicOrigin: 'https://backup.example.com', timeZone: 'Europe/Berlin' }
const berlin = (local: string) => DateTime.fromISO(local, { zone: 'Europe/Berlin' }).toMillis()

const failedRun: AlertRun = {
  id: 42,
  kind: 'backup',
  status: 'failed',
  date: '2026-11-27',
  startedAt: berlin('2026-11-27T03:00'),
  finishedAt: berlin('2026-11-27T03:13:42'),
  durationSeconds: 822,
  exitCode: 23,
  sentBytes: 24_265_611,
  totalSizeBytes: 8_081_447_228,
  filesTransferred: 1617,
  error: 'rsync: [sender] change_dir "/var/lib/plexmediaserver" failed: No such file or directory (2)',
  triggeredBy: 'cron',
}
const failed = { event: 'failed' as const, occurredAt: failedRun.finishedAt!, runId: 42, facts: { run: failedRun } }
const factOf = (facts: ReadonlyArray<{ label: string; value: string }>, label: string) => facts.find((f) => f.label === label)?.value

describe('alert messages', () => {
  it('titles a failed backup with its date and exit code', () => {
    const message = renderAlert(failed, BERLIN)
    assert.equal(message.title, '[RePlexOn] Backup FAILED on 2026-11-27 (exit 23)')
    assert.equal(message.event, 'failed')
    assert.equal(message.severity, 'problem')
    assert.equal(message.occurredAt, failed.occurredAt)
  })

  it('tells the facts of a failed run in words, with times in the server’s zone', () => {
    const { text, html, facts } = renderAlert(failed, BERLIN)
    for (const words of [
      'failed with exit code 23 (partial transfer: some files or attributes were not transferred)',
      'rsync: [sender] change_dir "/var/lib/plexmediaserver" failed',
      '2026-11-27 03:00 GMT+1 (Europe/Berlin)',
      '13 min 42 s',
      '8.1 GB',
      '24.3 MB',
      '1,617',
    ]) {
      assert.ok(text.includes(words), `the text says ${words}`)
      assert.ok(html.includes(words.replaceAll('"', '&quot;')), `the HTML says ${words}`)
    }
    assert.equal(factOf(facts, 'Started'), '2026-11-27 03:00 GMT+1 (Europe/Berlin)')
    assert.equal(factOf(facts, 'Exit code'), '23 (partial transfer: some files or attributes were not transferred)')
    assert.equal(factOf(facts, 'Error'), failedRun.error)
  })

  it('shows the same run in another zone when told to', () => {
    const message = renderAlert(failed, { publicOrigin: undefined, timeZone: 'America/New_York' })
    assert.equal(factOf(message.facts, 'Started'), '2026-11-26 21:00 EST (America/New_York)')
    assert.ok(message.text.includes('Times are in America/New_York.'))
  })

  it('links to the run under PUBLIC_ORIGIN', () => {
    const message = renderAlert(failed, { ...BERLIN, publicOrigin: 'https://backup.example.com/' })
    assert.equal(message.url, 'https://backup.example.com/logs/42')
    assert.ok(message.text.includes('https://backup.example.com/logs/42'))
    assert.ok(message.html.includes('href="https://backup.example.com/logs/42"'))
  })

  it('has no link without PUBLIC_ORIGIN, and says where to look instead', () => {
    const message = renderAlert(failed, { publicOrigin: undefined, timeZone: 'Europe/Berlin' })
    assert.equal(message.url, null)
    assert.ok(message.text.includes('See run #42 on the History page of RePlexOn'))
    assert.ok(!message.html.includes('href='))
  })

  it('escapes every value in the HTML', () => {
    const nasty = { ...failedRun, error: '<script>alert("x")</script> & more' }
    const message = renderAlert({ ...failed, facts: { run: nasty } }, { ...BERLIN, hostname: 'plex<b>&box' })
    assert.ok(!message.html.includes('<script'))
    assert.ok(!message.html.includes('<b>'))
    assert.ok(message.html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more'))
    assert.ok(message.html.includes('plex&lt;b&gt;&amp;box'))
    assert.ok(message.text.includes('<script>alert("x")</script> & more'), 'the plain text keeps the error as printed')
    const missed = renderAlert({ event: 'missed', occurredAt: 0, runId: null, facts: { job: 'Plex & "Music" <nightly>', expectedAt: 0 } }, BERLIN)
    assert.ok(missed.html.includes('Plex &amp; &quot;Music&quot; &lt;nightly&gt;'))
    assert.ok(!missed.html.includes('<nightly>'))
  })

  it('is a self-contained email document: no scripts, images or remote resources', () => {
    const { html } = renderAlert(failed, BERLIN)
    assert.match(html, /^<!DOCTYPE html>/)
    assert.doesNotMatch(html, /<script|<img|<link|<iframe|\ssrc=|url\(/i)
    assert.deepEqual(html.match(/https?:\/\/[^"<\s]+/g), ['https://backup.example.com/logs/42'])
  })

  it('titles a missed run with the job and the local time it was due, and links to the dashboard', () => {
    const message = renderAlert(
      { event: 'missed', occurredAt: berlin('2026-11-27T03:00'), runId: null, facts: { job: 'Nightly Plex backup', expectedAt: berlin('2026-11-27T03:00') } },
      BERLIN,
    )
    assert.equal(message.title, '[RePlexOn] Backup missed: Nightly Plex backup was due 03:00')
    assert.equal(factOf(message.facts, 'Due at'), '2026-11-27 03:00 GMT+1 (Europe/Berlin)')
    assert.equal(message.url, 'https://backup.example.com/dashboard')
  })

  it('titles a hung run with how long it has been running', () => {
    const running = { ...failedRun, status: 'running' as const, finishedAt: null, durationSeconds: null, exitCode: null, error: null }
    const message = renderAlert({ event: 'hung', occurredAt: 0, runId: 42, facts: { run: running, runningForSeconds: 5 * 3600 + 59, limitSeconds: 3600 } }, BERLIN)
    assert.equal(message.title, '[RePlexOn] Backup running for 5 h (hung?)')
    assert.equal(factOf(message.facts, 'Hung after'), '1 h')
    assert.ok(message.text.includes('that started 2026-11-27 03:00 GMT+1 (Europe/Berlin) is still running after 5 h, longer than the limit of 1 h'))
  })

  it('titles an interrupted run and a failed snapshot by what they are', () => {
    const interrupted = { ...failedRun, status: 'interrupted' as const, finishedAt: null, exitCode: null, error: null }
    assert.equal(renderAlert({ event: 'interrupted', occurredAt: 0, runId: 42, facts: { run: interrupted } }, BERLIN).title, '[RePlexOn] Backup interrupted on 2026-11-27')
    const snapshot = { ...failedRun, kind: 'snapshot' as const, exitCode: 11 }
    assert.equal(renderAlert({ ...failed, facts: { run: snapshot } }, BERLIN).title, '[RePlexOn] Weekly snapshot FAILED on 2026-11-27 (exit 11)')
  })

  it('says a run known only from the tracking file has no recorded start time', () => {
    const tracked: AlertRun = { ...failedRun, startedAt: null, finishedAt: null, durationSeconds: null, exitCode: null, sentBytes: null, totalSizeBytes: null, filesTransferred: null, error: null, triggeredBy: 'unknown' }
    const message = renderAlert({ ...failed, facts: { run: tracked } }, BERLIN)
    assert.equal(message.title, '[RePlexOn] Backup FAILED on 2026-11-27')
    assert.equal(factOf(message.facts, 'Started'), 'not recorded')
    assert.deepEqual(message.facts.map((f) => f.label), ['Job', 'Date', 'Started'])
  })

  it('announces a recovery with the problem it ends', () => {
    const ok = { ...failedRun, id: 43, status: 'success' as const, exitCode: 0, error: null, date: '2026-11-28' }
    const message = renderAlert(
      { event: 'recovered', occurredAt: 0, runId: 43, facts: { run: ok, problemKey: 'failed:run:42', problemEvent: 'failed', problemSince: failedRun.finishedAt! } },
      BERLIN,
    )
    assert.equal(message.title, '[RePlexOn] Backups recovered')
    assert.equal(message.severity, 'recovery')
    assert.equal(message.url, 'https://backup.example.com/logs/43')
    assert.ok(message.text.includes('the backup of 2026-11-28 succeeded, after a failed backup since 2026-11-27 03:13 GMT+1 (Europe/Berlin)'))
  })

  it('reminds that backups are still failing, naming the latest problem', () => {
    const facts = { run: failedRun, problemKey: 'failed:run:42', problemEvent: 'failed' as const, problemSince: berlin('2026-11-25T03:30') }
    const message = renderAlert({ event: 'reminder', occurredAt: 0, runId: 42, facts }, BERLIN)
    assert.equal(message.title, '[RePlexOn] Still failing: Backup FAILED on 2026-11-27 (exit 23)')
    assert.ok(message.text.startsWith('No backup has succeeded since 2026-11-25 03:30 GMT+1 (Europe/Berlin).'))
    const missed = { job: 'Nightly', expectedAt: berlin('2026-11-27T03:00'), problemKey: 'missed:Nightly:x', problemEvent: 'missed' as const, problemSince: berlin('2026-11-27T03:00') }
    assert.equal(renderAlert({ event: 'reminder', occurredAt: 0, runId: null, facts: missed }, BERLIN).title, '[RePlexOn] Still failing: Nightly was due 03:00 and did not run')
  })

  it('sums up the week in the digest', () => {
    const digest: DigestFacts = {
      from: berlin('2026-11-23T08:00'),
      to: berlin('2026-11-30T08:00'),
      runs: 5,
      failures: 2,
      successRate: 0.6,
      latestSizeBytes: 103e9,
      sizeChangeBytes: 3e9,
      nextRunAt: berlin('2026-12-01T03:00'),
    }
    const message = renderAlert({ event: 'digest', occurredAt: digest.to, runId: null, facts: { digest } }, BERLIN)
    assert.equal(message.title, '[RePlexOn] Weekly backup digest')
    assert.equal(message.severity, 'info')
    assert.equal(message.url, 'https://backup.example.com/dashboard')
    assert.deepEqual(message.facts, [
      { label: 'Week', value: '2026-11-23 08:00 GMT+1 to 2026-11-30 08:00 GMT+1 (Europe/Berlin)' },
      { label: 'Backups', value: '5' },
      { label: 'Failures', value: '2' },
      { label: 'Success rate', value: '60 %' },
      { label: 'Latest size', value: '103 GB' },
      { label: 'Size change', value: '+3.0 GB' },
      { label: 'Next run', value: '2026-12-01 03:00 GMT+1 (Europe/Berlin)' },
    ])
  })

  it('renders an alert stored without facts instead of failing', () => {
    const message = renderAlert({ event: 'failed', occurredAt: 0, runId: 7, facts: {} }, BERLIN)
    assert.equal(message.title, '[RePlexOn] Backup FAILED')
    assert.equal(message.url, 'https://backup.example.com/logs/7')
  })

  it('writes a test message that names the server and when it was sent', () => {
    const now = berlin('2026-11-27T12:00')
    const message = renderTestMessage({ ...BERLIN, hostname: 'plexbox', now })
    assert.equal(message.event, 'test')
    assert.equal(message.title, '[RePlexOn] Test message')
    assert.equal(message.severity, 'info')
    assert.equal(message.occurredAt, now)
    assert.equal(message.url, 'https://backup.example.com/dashboard')
    assert.deepEqual(message.facts, [
      { label: 'Sent at', value: '2026-11-27 12:00 GMT+1 (Europe/Berlin)' },
      { label: 'Server', value: 'plexbox' },
    ])
  })
})
