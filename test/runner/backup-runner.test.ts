import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { after, describe, it } from 'node:test'
import type { Config } from '../../src/config.js'
import { openDatabase, type DatabaseHandle } from '../../src/db/connection.js'
import { createManualTriggersRepository } from '../../src/db/repositories/manual-triggers.js'
import { createRunReportsRepository } from '../../src/db/repositories/run-reports.js'
import { importLogs } from '../../src/ingest/import-logs.js'
import { createBackupRunner } from '../../src/runner/backup-runner.js'
import { RunnerError } from '../../src/runner/errors.js'
import { testConfig } from '../support/test-app.js'
import { eventually, writeFakeBackupScript } from './fake-script.js'

const handles: DatabaseHandle[] = []
after(async () => {
  for (const h of handles) await h.close()
})

function setup(overrides: Record<string, string> = {}, script: { seconds?: number; exitCode?: number } = {}) {
  const config = testConfig({ BACKUP_COOLDOWN: '0', ...overrides })
  fs.mkdirSync(config.dataDir, { recursive: true })
  writeFakeBackupScript(config.backupScriptPath, script)
  return { config, runner: runnerFor(config) }
}

function runnerFor(config: Config) {
  const handle = openDatabase(config.databasePath)
  handles.push(handle)
  return Object.assign(createBackupRunner({ config, handle }), { handle })
}

async function refusal(promise: Promise<unknown>): Promise<RunnerError> {
  try {
    await promise
  } catch (err) {
    assert.ok(err instanceof RunnerError, `a RunnerError, not ${String(err)}`)
    return err
  }
  assert.fail('expected a refusal')
}

describe('the backup runner', () => {
  it('runs the script with its output appended to the backup log and records the trigger', async () => {
    const { config, runner } = setup()
    fs.mkdirSync(config.backupLogPath.replace(/[^/]+$/, ''), { recursive: true })
    fs.writeFileSync(config.backupLogPath, 'earlier output\n')
    const { trigger, exited } = await runner.trigger({ by: 'web', user: 'admin' })
    assert.equal(trigger.logOffset, 'earlier output\n'.length)
    assert.ok(fs.existsSync(runner.lockPath), 'the lock is held while it runs')
    assert.deepEqual(await exited, { exitCode: 0, signal: null })
    const log = fs.readFileSync(config.backupLogPath, 'utf8')
    assert.match(log, /^earlier output\n=== Plex Backup Started: .* ===\n[\s\S]*=== Plex Backup Completed Successfully: .* ===\n$/)
    const stored = createManualTriggersRepository(runner.handle.sqlite).findById(trigger.id)!
    assert.equal(stored.exitCode, 0)
    assert.equal(stored.username, 'admin')
    assert.equal(stored.logEnd, fs.statSync(config.backupLogPath).size)
    assert.ok(!fs.existsSync(runner.lockPath), 'the lock is released when it ends')
    assert.match(runner.output(stored).text, /^=== Plex Backup Started/)
  })

  it('starts only one of two simultaneous triggers and refuses the other as busy', async () => {
    const { runner } = setup()
    const results = await Promise.allSettled([runner.trigger({ by: 'web' }), runner.trigger({ by: 'cli' })])
    const started = results.filter((r) => r.status === 'fulfilled')
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    assert.equal(started.length, 1)
    assert.equal(refused.length, 1)
    assert.equal((refused[0]!.reason as RunnerError).code, 'busy')
    assert.match((refused[0]!.reason as RunnerError).message, /^Another backup is (running|being started)/)
    await started[0]!.value.exited
  })

  it('refuses while the log shows a backup started by cron that has not ended', async () => {
    const { config, runner } = setup()
    fs.mkdirSync(config.backupLogPath.replace(/[^/]+$/, ''), { recursive: true })
    const started = new Date(Date.now() - 120_000).toISOString().replace(/\.\d{3}Z$/, '+00:00')
    fs.writeFileSync(config.backupLogPath, `=== Plex Backup Started: ${started} ===\nsending incremental file list\n`)
    const err = await refusal(runner.trigger({ by: 'web' }))
    assert.equal(err.code, 'busy')
    assert.match(err.message, /Plex Backup started 2 min ago, according to the log/)
    assert.equal(runner.status().running?.source, 'log')
    assert.ok(!fs.existsSync(runner.lockPath), 'a refusal leaves no lock behind')
  })

  it('does not take its own killed run for one still running', async () => {
    const { config, runner } = setup({}, { seconds: 30 })
    const { trigger, exited } = await runner.trigger({ by: 'web' })
    await eventually(() => runner.output(trigger).text.includes('Started'), 5000, 'the Started marker')
    process.kill(-trigger.pid, 'SIGKILL')
    assert.equal((await exited).exitCode, 137)
    assert.equal(runner.status().running, null)
    writeFakeBackupScript(config.backupScriptPath, { seconds: 0 })
    const next = await runner.trigger({ by: 'web' })
    assert.equal((await next.exited).exitCode, 0)
  })

  it('takes over a stale lock whose process is gone', async () => {
    const { config, runner } = setup({}, { seconds: 0 })
    const dead = spawnSync('true').pid!
    fs.writeFileSync(runner.lockPath, JSON.stringify({ pid: dead, triggerId: null, startedAt: Date.now() - 60_000, bootId: null }))
    assert.equal(runner.status().running, null)
    const { exited } = await runner.trigger({ by: 'cli' })
    assert.equal((await exited).exitCode, 0)
    assert.ok(fs.existsSync(config.backupLogPath))
  })

  it('keeps the cooldown across a restart, saying how long to wait', async () => {
    const { config, runner } = setup({ BACKUP_COOLDOWN: '5m' }, { seconds: 0 })
    await (await runner.trigger({ by: 'web' })).exited
    const restarted = runnerFor(config)
    const err = await refusal(restarted.trigger({ by: 'cli' }))
    assert.equal(err.code, 'cooldown')
    assert.match(err.message, /^Another backup started (just now|\d+ s ago); try again in 5 min\.$/)
    assert.ok(err.retryAfterSeconds! > 290 && err.retryAfterSeconds! <= 300)
    assert.ok(restarted.status().cooldownRemainingSeconds > 0)
  })

  it('says clearly when the script is missing or not executable, and records nothing', async () => {
    const { config, runner } = setup()
    fs.chmodSync(config.backupScriptPath, 0o644)
    const notExecutable = await refusal(runner.trigger({ by: 'web' }))
    assert.equal(notExecutable.code, 'script-not-executable')
    assert.match(notExecutable.message, /is not executable \(chmod \+x it\)/)
    fs.rmSync(config.backupScriptPath)
    const missing = await refusal(runner.trigger({ by: 'web' }))
    assert.equal(missing.code, 'script-missing')
    assert.ok(missing.message.includes(config.backupScriptPath))
    assert.equal(runner.status().last, null)
    assert.ok(!fs.existsSync(runner.lockPath))
  })

  it('finds a running manual backup again after a restart, with its output so far', async () => {
    const { config, runner } = setup({}, { seconds: 2 })
    const { trigger, exited } = await runner.trigger({ by: 'web', user: 'admin' })
    const restarted = runnerFor(config)
    const status = restarted.status()
    assert.equal(status.running?.source, 'manual')
    assert.equal(status.running?.source === 'manual' && status.running.trigger.id, trigger.id)
    await eventually(() => restarted.output(trigger).text.includes('Plex Backup Started'), 5000, 'output')
    await exited
    assert.equal(restarted.status().running, null)
  })

  it('marks the run the importer stored for a trigger as manual, and leaves cron runs alone', async () => {
    const { config, runner } = setup({}, { seconds: 0 })
    fs.mkdirSync(config.backupLogPath.replace(/[^/]+$/, ''), { recursive: true })
    fs.writeFileSync(
      config.backupLogPath,
      '=== Plex Backup Started: 2026-01-05T03:00:01+00:00 ===\n=== Plex Backup Completed Successfully: 2026-01-05T03:10:00+00:00 ===\n',
    )
    await (await runner.trigger({ by: 'cli' })).exited
    assert.equal(runner.markManualRuns(), 0, 'nothing to match before the import')
    await importLogs({ handle: runner.handle, config })
    assert.equal(runner.markManualRuns(), 1)
    const runs = await createRunReportsRepository(runner.handle.db).recent(5)
    assert.deepEqual(
      runs.map((r) => [r.status, r.triggeredBy]),
      [
        ['success', 'manual'],
        ['success', 'cron'],
      ],
    )
    assert.ok(runner.status().last!.runId !== null)
  })
})
