import { afterEach, beforeEach, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openDatabase, type DatabaseHandle } from '../../src/db/connection.js'
import { createSettingsRepository } from '../../src/db/repositories/settings.js'

describe('settings repository', () => {
  let dir: string
  let file: string
  let handle: DatabaseHandle

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replexon-settings-'))
    file = path.join(dir, 'test.db')
    handle = openDatabase(file)
  })

  afterEach(async () => {
    await handle.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('answers undefined for a key never set', async () => {
    assert.equal(await createSettingsRepository(handle.db).get('alerts.email'), undefined)
  })

  it('sets, overwrites and deletes values', async () => {
    const settings = createSettingsRepository(handle.db)
    await settings.set('alerts.email', 'ops@example.net', 1)
    await settings.set('alerts.email', 'admin@example.net', 2)
    assert.equal(await settings.get('alerts.email'), 'admin@example.net')
    assert.equal(await settings.delete('alerts.email'), true)
    assert.equal(await settings.delete('alerts.email'), false)
    assert.equal(await settings.get('alerts.email'), undefined)
  })

  it('lists every value and keeps them when the database is reopened', async () => {
    const settings = createSettingsRepository(handle.db)
    await settings.set('b', '', 1)
    await settings.set('a', 'ünïcode ✓', 1)
    await handle.close()
    handle = openDatabase(file)
    assert.deepEqual(await createSettingsRepository(handle.db).all(), { a: 'ünïcode ✓', b: '' })
  })
})
