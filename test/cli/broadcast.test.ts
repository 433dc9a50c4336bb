import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import { loadConfig } from '../../src/config.js'
import { openDatabase } from '../../src/db/connection.js'
import { createRunReportsRepository } from '../../src/db/repositories/run-reports.js'
import { createBackupRunner } from '../../src/runner/backup-runner.js'
import { writeFakeBackupScript } from '../runner/fake-script.js'
import { databaseFile, makeTempDir, runCli } from './run-cli.js'

/** A data dir with a fake backup script and where its log goes, as environment variables. */
function install(script: { seconds?: number; exitCode?: number } = {}, extra: Record<string, string> = {}) {
  const dir = makeTempDir()
  const env = {
    BACKUP_LOG_PATH: path.join(dir, 'logs', 'plex-backup.log'),
    BACKUP_SCRIPT_PATH: writeFakeBackupScript(path.join(dir, 'backup-plex.sh'), { seconds: 0, ...script }),
    BACKUP_COOLDOWN: '0',
    ...extra,
  }
  return { dir, env }
}

describe('replexon --broadcast', () => {
  it('is listed with --rerun and --static under the banner, beside the commands', () => {
    const dir = makeTempDir()
    const help = runCli(dir, ['--help'])
    assert.equal(help.status, 0)
    assert.match(help.stdout, /Previously on your Plex server\.\.\.[\s\S]*--broadcast[\s\S]*--rerun[\s\S]*--static[\s\S]*Commands:[\s\S]*import-logs/)
    assert.equal(runCli(dir, ['list-users']).status, 0, 'commands still work')
    assert.match(runCli(dir, ['--rerun', '--static']).stderr, /use one of --broadcast, --rerun, --static at a time/)
    assert.match(runCli(dir, ['nonsense']).stderr, /unknown command 'nonsense'/)
  })

  it('runs the backup, prints its output as it comes, and stores the run marked manual', async () => {
    const { dir, env } = install()
    const result = runCli(dir, ['--broadcast'], { env })
    assert.equal(result.status, 0, result.stderr)
    assert.match(result.stdout, /^=== Plex Backup Started: .* ===\n[\s\S]*=== Plex Backup Completed Successfully: .* ===\n$/)
    assert.match(result.stderr, /broadcasting .*backup-plex\.sh/)
    assert.match(result.stderr, /backup finished successfully/)
    assert.ok(fs.readFileSync(env.BACKUP_LOG_PATH, 'utf8').includes(result.stdout), 'what it printed is what the log got')
    const handle = openDatabase(databaseFile(dir))
    try {
      const run = await createRunReportsRepository(handle.db).latest('backup')
      assert.equal(run?.status, 'success')
      assert.equal(run?.triggeredBy, 'manual')
    } finally {
      await handle.close()
    }
  })

  it("exits with the script's own exit code when the backup fails", () => {
    const { dir, env } = install({ exitCode: 23 })
    const result = runCli(dir, ['--broadcast'], { env })
    assert.equal(result.status, 23)
    assert.match(result.stdout, /FAILED with code 23/)
    assert.match(result.stderr, /backup FAILED with exit code 23/)
  })

  it('says in one line that the script is missing, and exits 1', () => {
    const { dir, env } = install()
    fs.rmSync(env.BACKUP_SCRIPT_PATH)
    const result = runCli(dir, ['--broadcast'], { env })
    assert.equal(result.status, 1)
    assert.equal(result.stderr, `replexon: The backup script ${env.BACKUP_SCRIPT_PATH} does not exist (check BACKUP_SCRIPT_PATH).\n`)
  })

  it('is refused (exit 75) while the server process holds the lock with a backup running', async () => {
    const { dir, env } = install({ seconds: 3 })
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dir, LOG_TIMEZONE: 'UTC', ...env })
    const handle = openDatabase(config.databasePath)
    try {
      const running = await createBackupRunner({ config, handle }).trigger({ by: 'web', user: 'admin' })
      const result = runCli(dir, ['--broadcast'], { env })
      assert.equal(result.status, 75)
      assert.match(result.stderr, /^replexon: Another backup is running \(started .* from the web by admin\); wait for it to finish\.\n$/)
      assert.equal((await running.exited).exitCode, 0)
    } finally {
      await handle.close()
    }
  })

  it('keeps manual runs apart by the cooldown kept in the database', () => {
    const { dir, env } = install({}, { BACKUP_COOLDOWN: '10m' })
    assert.equal(runCli(dir, ['--broadcast'], { env }).status, 0)
    const again = runCli(dir, ['--broadcast'], { env })
    assert.equal(again.status, 75)
    assert.match(again.stderr, /Another backup started .*; try again in 10 min\./)
  })
})
