import { afterEach, beforeEach, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { openDatabase, type DatabaseHandle } from '../../../src/db/connection.js'
import { createAlertChannelsRepository, type NewAlertChannel } from '../../../src/db/repositories/alert-channels.js'
import { tempDir } from '../../support/temp-dir.js'

const webhook: NewAlertChannel = {
  type: 'webhook',
  name: 'Ops hook',
  enabled: true,
  events: ['failed', 'missed'],
  config: { url: 'http://127.0.0.1:9/hook', retries: 2 },
  secret: 'v1.sealed',
  managedBy: null,
}

describe('alert channels repository', () => {
  let file: string
  let handle: DatabaseHandle

  beforeEach(() => {
    file = path.join(tempDir(), 'test.db')
    handle = openDatabase(file)
  })

  afterEach(() => handle.close())

  it('creates a channel and reads it back with typed events and config', async () => {
    const channels = createAlertChannelsRepository(handle.db)
    const created = await channels.create(webhook, 1000)
    assert.deepEqual(await channels.findById(created.id), {
      id: created.id,
      type: 'webhook',
      name: 'Ops hook',
      enabled: true,
      events: ['failed', 'missed'],
      config: { url: 'http://127.0.0.1:9/hook', retries: 2 },
      secret: 'v1.sealed',
      managedBy: null,
      consecutiveFailures: 0,
      lastSuccessAt: null,
      lastFailureAt: null,
      lastError: null,
      createdAt: 1000,
      updatedAt: 1000,
    })
  })

  it('lists channels by name and answers undefined for an unknown id', async () => {
    const channels = createAlertChannelsRepository(handle.db)
    await channels.create({ ...webhook, name: 'b' }, 1)
    await channels.create({ ...webhook, name: 'a' }, 1)
    assert.deepEqual((await channels.list()).map((c) => c.name), ['a', 'b'])
    assert.equal(await channels.findById(999), undefined)
  })

  it('changes only the fields given and keeps the change after a reopen', async () => {
    const channels = createAlertChannelsRepository(handle.db)
    const { id } = await channels.create(webhook, 1)
    const updated = await channels.update(id, { name: 'Renamed', events: ['recovered'], secret: null }, 5)
    assert.equal(updated?.name, 'Renamed')
    await handle.close()
    handle = openDatabase(file)
    const reread = await createAlertChannelsRepository(handle.db).findById(id)
    assert.deepEqual(
      { name: reread?.name, events: reread?.events, secret: reread?.secret, config: reread?.config, updatedAt: reread?.updatedAt },
      { name: 'Renamed', events: ['recovered'], secret: null, config: webhook.config, updatedAt: 5 },
    )
    assert.equal(await createAlertChannelsRepository(handle.db).update(999, { name: 'x' }, 5), undefined)
  })

  it('disables, enables and removes a channel', async () => {
    const channels = createAlertChannelsRepository(handle.db)
    const { id } = await channels.create(webhook, 1)
    assert.equal(await channels.setEnabled(id, false, 2), true)
    assert.equal((await channels.findById(id))?.enabled, false)
    await channels.setEnabled(id, true, 3)
    assert.equal((await channels.findById(id))?.enabled, true)
    assert.equal(await channels.remove(id), true)
    assert.equal(await channels.remove(id), false)
    assert.equal(await channels.findById(id), undefined)
  })

  it('counts consecutive failures until a success, and lists the failing channels', async () => {
    const channels = createAlertChannelsRepository(handle.db)
    const { id } = await channels.create(webhook, 1)
    const healthy = await channels.create({ ...webhook, name: 'healthy' }, 1)
    for (const t of [10, 20, 30]) await channels.recordFailure(id, `HTTP 500 at ${t}`, t)
    await channels.recordFailure(healthy.id, 'refused', 15)
    let failing = await channels.failing()
    assert.deepEqual(failing.map((c) => [c.name, c.consecutiveFailures, c.lastFailureAt, c.lastError]), [['Ops hook', 3, 30, 'HTTP 500 at 30']])
    assert.deepEqual((await channels.failing(1)).map((c) => c.name), ['Ops hook', 'healthy'])
    await channels.recordSuccess(id, 40)
    failing = await channels.failing()
    assert.deepEqual(failing, [])
    const recovered = await channels.findById(id)
    assert.deepEqual([recovered?.consecutiveFailures, recovered?.lastSuccessAt], [0, 40])
  })

  it('finds the channel managed by the environment', async () => {
    const channels = createAlertChannelsRepository(handle.db)
    assert.equal(await channels.findManaged('env'), undefined)
    await channels.create(webhook, 1)
    const email = await channels.create({ ...webhook, type: 'email', name: 'Email', managedBy: 'env' }, 1)
    assert.equal((await channels.findManaged('env'))?.id, email.id)
  })

  it('reads a hand-edited row with broken JSON as no events and no config', async () => {
    const channels = createAlertChannelsRepository(handle.db)
    const { id } = await channels.create(webhook, 1)
    handle.sqlite.prepare("UPDATE alert_channels SET events = '[\"failed\", \"bogus\"]', config = 'not json' WHERE id = ?").run(id)
    const channel = await channels.findById(id)
    assert.deepEqual([channel?.events, channel?.config], [['failed'], {}])
  })
})
