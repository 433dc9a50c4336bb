import assert from 'node:assert/strict'
import path from 'node:path'
import { after, describe, it } from 'node:test'
import { openDatabase } from '../../src/db/connection.js'
import { createSettingsRepository } from '../../src/db/repositories/settings.js'
import { BackupInfoInputError, checkBackupInfoValue, readBackupInfo, saveBackupInfo } from '../../src/settings/backup-info.js'
import { tempDir } from '../support/temp-dir.js'
import { testConfig } from '../support/test-app.js'

const NOW = Date.UTC(2026, 1, 23, 8, 0, 0)
const PLEX_DEFAULT = '/var/lib/plexmediaserver/Library/Application Support/Plex Media Server'

function settingsRepo() {
  const handle = openDatabase(path.join(tempDir(), 'replexon.db'))
  after(() => handle.close())
  return createSettingsRepository(handle.db)
}

describe('checking a backup info value', () => {
  it('trims it and accepts an empty one (back to the default)', () => {
    assert.deepEqual(checkBackupInfoValue('destination', '  /mnt/backup/plex \n'), { ok: true, value: '/mnt/backup/plex' })
    assert.deepEqual(checkBackupInfoValue('destination', '   '), { ok: true, value: '' })
  })

  it('accepts 1024 characters and refuses 1025', () => {
    assert.equal(checkBackupInfoValue('plexDataPath', 'x'.repeat(1024)).ok, true)
    const long = checkBackupInfoValue('plexDataPath', 'x'.repeat(1025))
    assert.deepEqual(long, { ok: false, problem: 'Plex data path must be at most 1024 characters long.' })
  })

  it('refuses control characters inside the value', () => {
    for (const bad of ['/mnt/a\nb', '/mnt/a\tb', '/mnt/\u0000x', '/mnt/\u001b[31m', 'a\u2028b']) {
      const checked = checkBackupInfoValue('destination', bad)
      assert.equal(checked.ok, false, JSON.stringify(bad))
    }
    assert.equal(checkBackupInfoValue('destination', 'nas:/volume1/Plex Sicherung – Ü').ok, true, 'any printable Unicode is fine')
  })
})

describe('reading and saving the backup info', () => {
  it('answers the defaults when nothing was saved or set', async () => {
    const info = await readBackupInfo(testConfig(), settingsRepo())
    assert.deepEqual(info, {
      destination: { value: '', fromEnv: false },
      plexDataPath: { value: PLEX_DEFAULT, fromEnv: false },
    })
  })

  it('answers what was saved, and an empty value returns to the default', async () => {
    const settings = settingsRepo()
    const config = testConfig()
    await saveBackupInfo(settings, { destination: ' /mnt/backup ', plexDataPath: '/srv/plex' }, NOW)
    assert.equal(await settings.get('backup.destination'), '/mnt/backup')
    assert.equal(await settings.get('backup.plexDataPath'), '/srv/plex')
    assert.deepEqual((await readBackupInfo(config, settings)).plexDataPath, { value: '/srv/plex', fromEnv: false })
    await saveBackupInfo(settings, { plexDataPath: '' }, NOW)
    const info = await readBackupInfo(config, settings)
    assert.deepEqual(info.plexDataPath, { value: PLEX_DEFAULT, fromEnv: false })
    assert.deepEqual(info.destination, { value: '/mnt/backup', fromEnv: false }, 'a field left out is left alone')
  })

  it('lets the environment win over a saved value', async () => {
    const settings = settingsRepo()
    await saveBackupInfo(settings, { destination: '/saved/dest', plexDataPath: '/saved/plex' }, NOW)
    const info = await readBackupInfo(testConfig({ BACKUP_DESTINATION: 'nas:/env/dest' }), settings)
    assert.deepEqual(info.destination, { value: 'nas:/env/dest', fromEnv: true })
    assert.deepEqual(info.plexDataPath, { value: '/saved/plex', fromEnv: false })
  })

  it('writes nothing when one of the values is bad', async () => {
    const settings = settingsRepo()
    await assert.rejects(
      saveBackupInfo(settings, { destination: '/fine', plexDataPath: 'bad\npath' }, NOW),
      (err: unknown) => err instanceof BackupInfoInputError && err.field === 'plexDataPath',
    )
    assert.deepEqual(await settings.all(), {})
  })
})
