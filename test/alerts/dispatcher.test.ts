import { afterEach, beforeEach, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { MAX_ATTEMPTS, nextAttemptDelayMs } from '../../src/alerts/backoff.js'
import { createAlertDispatcher } from '../../src/alerts/dispatcher.js'
import { createAlertOutbox } from '../../src/alerts/outbox.js'
import { createSecretBox } from '../../src/alerts/secret-box.js'
import type { AlertEvent } from '../../src/alerts/types.js'
import { openDatabase, type DatabaseHandle } from '../../src/db/connection.js'
import { createAlertChannelsRepository } from '../../src/db/repositories/alert-channels.js'
import { createAlertsRepository } from '../../src/db/repositories/alerts.js'
import { tempDir } from '../support/temp-dir.js'
import { decision, postType, refusedUrl, render, startReceiver } from './delivery-fixtures.js'

const box = createSecretBox('dispatcher-test-secret-key')
const T0 = Date.UTC(2024, 0, 1)

describe('alert outbox and dispatcher', () => {
  let file: string
  let handle: DatabaseHandle
  let receiver: Awaited<ReturnType<typeof startReceiver>>
  let logs: object[]

  beforeEach(async () => {
    file = path.join(tempDir(), 'test.db')
    handle = openDatabase(file)
    receiver = await startReceiver()
    logs = []
  })

  afterEach(async () => {
    await handle.close()
    await receiver.close()
  })

  const addChannel = (name: string, events: AlertEvent[], overrides: { url?: string; enabled?: boolean; type?: string; secret?: string } = {}) =>
    createAlertChannelsRepository(handle.db).create(
      {
        type: overrides.type ?? 'test-post',
        name,
        enabled: overrides.enabled ?? true,
        events,
        config: { url: overrides.url ?? receiver.url(`/${name}`) },
        secret: overrides.secret ?? box.seal({ token: `token-of-${name}` }),
        managedBy: null,
      },
      T0,
    )

  const dispatcher = () =>
    createAlertDispatcher({
      db: handle.db,
      types: new Map([[postType.type, postType]]),
      render,
      openSecret: box.open,
      logger: { info: (o) => logs.push(o), warn: (o) => logs.push(o) },
    })

  const outbox = () => createAlertOutbox({ db: handle.db })
  const deliveries = async () => (await createAlertsRepository(handle.db).history({ limit: 10, offset: 0 })).flatMap((a) => a.deliveries)

  it('keeps a decision made twice as one alert, delivered once', async () => {
    await addChannel('a', ['failed'])
    assert.deepEqual((await outbox().enqueue([decision('failed:run:1')], T0)).map((a) => a.key), ['failed:run:1'])
    assert.deepEqual(await outbox().enqueue([decision('failed:run:1'), decision('failed:run:1')], T0 + 1), [])
    assert.deepEqual(await dispatcher().deliverDue(T0 + 1), { sent: 1, retrying: 0, failed: 0 })
    assert.equal(await createAlertsRepository(handle.db).count(), 1)
    assert.equal(receiver.received.length, 1)
  })

  it('delivers to each enabled channel that receives the event, with its secret opened', async () => {
    await addChannel('a', ['failed'])
    await addChannel('b', ['missed', 'failed'])
    await addChannel('c', ['missed'])
    await addChannel('d', ['failed'], { enabled: false })
    await outbox().enqueue([decision('failed:run:7')], T0)
    assert.deepEqual(await dispatcher().deliverDue(T0), { sent: 2, retrying: 0, failed: 0 })
    const seen = receiver.received.map((r) => [r.path, r.authorization, r.body.key]).sort()
    assert.deepEqual(seen, [
      ['/a', 'Bearer token-of-a', 'failed:run:7'],
      ['/b', 'Bearer token-of-b', 'failed:run:7'],
    ])
    assert.ok(!JSON.stringify(logs).includes('token-of'), 'secrets are never logged')
  })

  it('retries a 500 at the backoff time and sends it on the next due pass', async () => {
    const channel = await addChannel('a', ['failed'])
    await outbox().enqueue([decision('failed:run:1')], T0)
    receiver.answerWith(500)
    assert.deepEqual(await dispatcher().deliverDue(T0), { sent: 0, retrying: 1, failed: 0 })
    receiver.answerWith(200)
    assert.deepEqual(await dispatcher().deliverDue(T0 + nextAttemptDelayMs(1) - 1), { sent: 0, retrying: 0, failed: 0 })
    assert.deepEqual(await dispatcher().deliverDue(T0 + nextAttemptDelayMs(1)), { sent: 1, retrying: 0, failed: 0 })
    assert.equal(receiver.received.length, 2)
    const [delivery] = await deliveries()
    assert.deepEqual([delivery?.status, delivery?.attempts, delivery?.lastResult], ['sent', 2, 'HTTP 200'])
    const after = await createAlertChannelsRepository(handle.db).findById(channel.id)
    assert.deepEqual([after?.consecutiveFailures, after?.lastError], [0, 'HTTP 500'])
  })

  it('gives up after the last attempt and shows the channel failing', async () => {
    const channel = await addChannel('down', ['failed'], { url: await refusedUrl() })
    await outbox().enqueue([decision('failed:run:1')], T0)
    let now = T0
    const outcomes = []
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      outcomes.push(await dispatcher().deliverDue(now))
      now += nextAttemptDelayMs(attempt)
    }
    assert.deepEqual(outcomes.at(-2), { sent: 0, retrying: 1, failed: 0 })
    assert.deepEqual(outcomes.at(-1), { sent: 0, retrying: 0, failed: 1 })
    assert.deepEqual(await dispatcher().deliverDue(now + 365 * 86_400_000), { sent: 0, retrying: 0, failed: 0 })
    const [delivery] = await deliveries()
    assert.deepEqual([delivery?.status, delivery?.attempts, delivery?.lastResult], ['failed', MAX_ATTEMPTS, 'ECONNREFUSED'])
    const failing = await createAlertChannelsRepository(handle.db).failing()
    assert.deepEqual(failing.map((c) => [c.id, c.consecutiveFailures, c.lastError]), [[channel.id, MAX_ATTEMPTS, 'ECONNREFUSED']])
  })

  it('after a restart sends a pending delivery once and a sent one never again', async () => {
    await addChannel('a', ['failed'])
    await outbox().enqueue([decision('failed:run:1')], T0)
    await dispatcher().deliverDue(T0)
    await outbox().enqueue([decision('failed:run:2')], T0 + 1000)
    await handle.close()
    handle = openDatabase(file)
    await outbox().enqueue([decision('failed:run:1'), decision('failed:run:2')], T0 + 2000)
    assert.deepEqual(await dispatcher().deliverDue(T0 + 2000), { sent: 1, retrying: 0, failed: 0 })
    assert.deepEqual(await dispatcher().deliverDue(T0 + 86_400_000), { sent: 0, retrying: 0, failed: 0 })
    assert.deepEqual(receiver.received.map((r) => r.body.key), ['failed:run:1', 'failed:run:2'])
  })

  it('marks a delivery failed without sending when its channel was disabled after the alert', async () => {
    const channel = await addChannel('a', ['failed'])
    await outbox().enqueue([decision('failed:run:1')], T0)
    await createAlertChannelsRepository(handle.db).setEnabled(channel.id, false, T0)
    assert.deepEqual(await dispatcher().deliverDue(T0), { sent: 0, retrying: 0, failed: 1 })
    assert.equal(receiver.received.length, 0)
    const [delivery] = await deliveries()
    assert.deepEqual([delivery?.status, delivery?.attempts, delivery?.lastResult], ['failed', 0, 'channel disabled'])
  })

  it('turns an unknown channel type or an unreadable secret into a failed attempt with the reason', async () => {
    await addChannel('gone', ['failed'], { type: 'carrier-pigeon' })
    await addChannel('rekeyed', ['failed'], { secret: createSecretBox('the-old-secret-key').seal({ token: 'x' }) })
    await outbox().enqueue([decision('failed:run:1')], T0)
    assert.deepEqual(await dispatcher().deliverDue(T0), { sent: 0, retrying: 1, failed: 1 })
    const results = Object.fromEntries((await deliveries()).map((d) => [d.channelName, [d.status, d.lastResult]]))
    assert.deepEqual(results.gone, ['failed', 'unknown channel type "carrier-pigeon"'])
    assert.equal(results.rekeyed?.[0], 'pending')
    assert.match(String(results.rekeyed?.[1]), /SECRET_KEY changed\? Re-enter the password/)
    assert.equal(receiver.received.length, 0)
  })

  it('gives up at once on an answer the channel calls final (HTTP 400)', async () => {
    await addChannel('a', ['failed'])
    await outbox().enqueue([decision('failed:run:1')], T0)
    receiver.answerWith(400)
    assert.deepEqual(await dispatcher().deliverDue(T0), { sent: 0, retrying: 0, failed: 1 })
  })

  it('sends once when passes overlap, in one dispatcher or two', async () => {
    await addChannel('a', ['failed'])
    await addChannel('b', ['failed'])
    await outbox().enqueue([decision('failed:run:1'), decision('failed:run:2')], T0)
    const one = dispatcher()
    const [first, second] = await Promise.all([one.deliverDue(T0), one.deliverDue(T0)])
    assert.deepEqual([first, second], [{ sent: 4, retrying: 0, failed: 0 }, { sent: 4, retrying: 0, failed: 0 }])
    await outbox().enqueue([decision('failed:run:3')], T0 + 1)
    const both = await Promise.all([dispatcher().deliverDue(T0 + 1), dispatcher().deliverDue(T0 + 1)])
    assert.equal(both.reduce((n, s) => n + s.sent, 0), 2)
    assert.equal(receiver.received.length, 6)
  })

  it('sends a test message with the opened secret and writes nothing to the outbox', async () => {
    const channel = await addChannel('a', ['failed'])
    const message = { ...render({ id: 0, key: 'test', event: 'failed', runId: null, occurredAt: T0, createdAt: T0, facts: {} }), event: 'test' as const }
    assert.deepEqual(await dispatcher().sendNow(channel, message), { ok: true, detail: 'HTTP 200' })
    assert.deepEqual(receiver.received.map((r) => r.authorization), ['Bearer token-of-a'])
    assert.equal(await createAlertsRepository(handle.db).count(), 0)
  })
})
