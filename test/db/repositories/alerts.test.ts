import { afterEach, beforeEach, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import type { AlertDecision } from '../../../src/alerts/types.js'
import { openDatabase, type DatabaseHandle } from '../../../src/db/connection.js'
import { createAlertChannelsRepository } from '../../../src/db/repositories/alert-channels.js'
import { createAlertsRepository } from '../../../src/db/repositories/alerts.js'
import { tempDir } from '../../support/temp-dir.js'

const decision = (key: string, event: AlertDecision['event'] = 'failed', runId: number | null = null): AlertDecision => ({
  key,
  event,
  occurredAt: 500,
  runId,
  facts: { job: 'Plex Backup', expectedAt: 400 },
})

const failure = { ok: false as const, detail: 'HTTP 500 Internal Server Error', retryable: true }

describe('alerts repository', () => {
  let handle: DatabaseHandle
  let channelA: number
  let channelB: number

  beforeEach(async () => {
    handle = openDatabase(path.join(tempDir(), 'test.db'))
    const channels = createAlertChannelsRepository(handle.db)
    const base = { type: 'webhook', enabled: true, events: ['failed' as const], config: {}, secret: null, managedBy: null }
    channelA = (await channels.create({ ...base, name: 'A hook' }, 1)).id
    channelB = (await channels.create({ ...base, type: 'ntfy', name: 'B push' }, 1)).id
  })

  afterEach(() => handle.close())

  it('keeps each alert key once', async () => {
    const alerts = createAlertsRepository(handle.db)
    const id = await alerts.insertIfNew(decision('failed:run:1'), 1000)
    assert.equal(typeof id, 'number')
    assert.equal(await alerts.insertIfNew(decision('failed:run:1'), 2000), null)
    assert.deepEqual(await alerts.findById(id!), {
      id,
      key: 'failed:run:1',
      event: 'failed',
      runId: null,
      occurredAt: 500,
      createdAt: 1000,
      facts: { job: 'Plex Backup', expectedAt: 400 },
    })
  })

  it('links an alert to its run and forgets the link when the run is deleted', async () => {
    const run = handle.sqlite
      .prepare("INSERT INTO backup_runs (run_key, kind, status, date, origin, created_at, updated_at) VALUES ('r1', 'backup', 'failed', '2024-01-01', 'log', 1, 1)")
      .run()
    const alerts = createAlertsRepository(handle.db)
    const id = (await alerts.insertIfNew(decision('failed:run:1', 'failed', Number(run.lastInsertRowid)), 1000))!
    assert.equal((await alerts.findById(id))?.runId, Number(run.lastInsertRowid))
    handle.sqlite.prepare('DELETE FROM backup_runs').run()
    assert.equal((await alerts.findById(id))?.runId, null)
  })

  it('lists due pending deliveries oldest first with their alert, up to the limit', async () => {
    const alerts = createAlertsRepository(handle.db)
    const first = (await alerts.insertIfNew(decision('k1'), 100))!
    const second = (await alerts.insertIfNew(decision('k2', 'missed'), 200))!
    const d1 = (await alerts.addDelivery(first, channelA, 100))!
    const d2 = (await alerts.addDelivery(second, channelA, 200))!
    assert.equal(await alerts.addDelivery(first, channelA, 300), null)
    await alerts.addDelivery(second, channelB, 5000)
    const due = await alerts.due(1000, 10)
    assert.deepEqual(due.map((d) => [d.id, d.alert.key, d.channelId, d.attempts, d.nextAttemptAt]), [
      [d1, 'k1', channelA, 0, 100],
      [d2, 'k2', channelA, 0, 200],
    ])
    assert.deepEqual((await alerts.due(1000, 1)).map((d) => d.id), [d1])
  })

  it('records a retry, a success and a failure, and never changes a finished delivery', async () => {
    const alerts = createAlertsRepository(handle.db)
    const alertId = (await alerts.insertIfNew(decision('k1'), 100))!
    const retried = (await alerts.addDelivery(alertId, channelA, 100))!
    const failed = (await alerts.addDelivery(alertId, channelB, 100))!
    await alerts.markRetry(retried, failure, 30_100, 100)
    assert.deepEqual(await alerts.due(30_099, 10).then((d) => d.map((x) => x.id)), [failed])
    await alerts.markSent(retried, { ok: true, detail: 'HTTP 200' }, 30_100)
    await alerts.markFailed(failed, failure, 200)
    await alerts.markRetry(retried, failure, 99_000, 40_000)
    const [entry] = await alerts.history({ limit: 10, offset: 0 })
    assert.deepEqual(
      entry?.deliveries.map((d) => [d.channelName, d.channelType, d.status, d.attempts, d.lastResult, d.lastAttemptAt, d.sentAt]),
      [
        ['A hook', 'webhook', 'sent', 2, 'HTTP 200', 30_100, 30_100],
        ['B push', 'ntfy', 'failed', 1, 'HTTP 500 Internal Server Error', 200, null],
      ],
    )
    assert.deepEqual(await alerts.due(Number.MAX_SAFE_INTEGER, 10), [])
  })

  it('marks a delivery failed without counting an attempt when nothing was tried', async () => {
    const alerts = createAlertsRepository(handle.db)
    const alertId = (await alerts.insertIfNew(decision('k1'), 100))!
    await alerts.addDelivery(alertId, channelA, 100)
    const [due] = await alerts.due(100, 1)
    await alerts.markFailed(due!.id, { ok: false, detail: 'channel disabled', retryable: false }, 150, { attempted: false })
    const [entry] = await alerts.history({ limit: 1, offset: 0 })
    assert.deepEqual(entry?.deliveries.map((d) => [d.status, d.attempts, d.lastResult, d.lastAttemptAt]), [['failed', 0, 'channel disabled', null]])
  })

  it('lets only one claim take a due delivery', async () => {
    const alerts = createAlertsRepository(handle.db)
    const alertId = (await alerts.insertIfNew(decision('k1'), 100))!
    const id = (await alerts.addDelivery(alertId, channelA, 100))!
    assert.equal(await alerts.claim(id, 100, 70_000), true)
    assert.equal(await alerts.claim(id, 100, 70_000), false)
    assert.deepEqual(await alerts.due(69_999, 10), [])
    assert.deepEqual((await alerts.due(70_000, 10)).map((d) => d.id), [id])
  })

  it('tells which alerts were emitted since a time', async () => {
    const alerts = createAlertsRepository(handle.db)
    await alerts.insertIfNew(decision('old'), 100)
    await alerts.insertIfNew(decision('new', 'missed'), 300)
    assert.deepEqual(await alerts.emittedSince(200), [{ key: 'new', event: 'missed', occurredAt: 500, createdAt: 300 }])
  })

  it('pages the history newest first and filters it by event or channel', async () => {
    const alerts = createAlertsRepository(handle.db)
    for (let i = 1; i <= 5; i++) {
      const id = (await alerts.insertIfNew(decision(`k${i}`, i % 2 === 0 ? 'missed' : 'failed'), i * 100))!
      await alerts.addDelivery(id, i <= 2 ? channelB : channelA, i * 100)
    }
    assert.deepEqual((await alerts.history({ limit: 2, offset: 0 })).map((a) => a.key), ['k5', 'k4'])
    assert.deepEqual((await alerts.history({ limit: 2, offset: 4 })).map((a) => a.key), ['k1'])
    assert.deepEqual((await alerts.history({ limit: 10, offset: 0, event: 'missed' })).map((a) => a.key), ['k4', 'k2'])
    assert.deepEqual((await alerts.history({ limit: 10, offset: 0, channelId: channelB })).map((a) => a.key), ['k2', 'k1'])
    assert.deepEqual(await Promise.all([alerts.count(), alerts.count({ event: 'missed' }), alerts.count({ channelId: channelB, event: 'failed' })]), [5, 2, 1])
    assert.deepEqual(await alerts.history({ limit: 10, offset: 10 }), [])
  })

  it('prunes old alerts with their deliveries but keeps one still being delivered', async () => {
    const alerts = createAlertsRepository(handle.db)
    const done = (await alerts.insertIfNew(decision('done'), 100))!
    const pending = (await alerts.insertIfNew(decision('pending'), 100))!
    await alerts.insertIfNew(decision('recent'), 900)
    const sent = (await alerts.addDelivery(done, channelA, 100))!
    await alerts.markSent(sent, { ok: true, detail: 'ok' }, 100)
    await alerts.addDelivery(pending, channelA, 100)
    assert.equal(await alerts.prune(500), 1)
    assert.deepEqual((await alerts.history({ limit: 10, offset: 0 })).map((a) => a.key), ['recent', 'pending'])
    assert.deepEqual(handle.sqlite.prepare('SELECT count(*) AS n FROM alert_deliveries WHERE alert_id = ?').get(done), { n: 0 })
  })
})
