import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { after, describe, it } from 'node:test'
import { hasScriptCommand, makeTempDir, runCli, runCliOnTerminal } from '../cli/run-cli.js'
import { history } from './import-log-writer.js'

describe('replexon import-logs', () => {
  const dirs: string[] = []
  after(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true })
  })
  function setup(runs = 20) {
    const dir = makeTempDir()
    dirs.push(dir)
    const logPath = path.join(dir, 'plex-backup.log')
    const trackingPath = path.join(dir, 'plex-backup-tracking.log')
    const { log, tracking } = history(runs)
    fs.writeFileSync(logPath, log)
    fs.writeFileSync(trackingPath, tracking)
    return { dir, logPath, trackingPath, env: { BACKUP_LOG_PATH: logPath, BACKUP_TRACKING_PATH: trackingPath } }
  }

  it('prints exactly the summary with --json, and imports nothing new the second time', () => {
    const { dir, env } = setup()
    const first = runCli(dir, ['import-logs', '--json'], { env })
    assert.equal(first.status, 0, first.stderr)
    const summary = JSON.parse(first.stdout)
    assert.deepEqual(Object.keys(summary).sort(), ['bytesScanned', 'durationMs', 'linesSkipped', 'runsInserted', 'runsUpdated'])
    assert.equal(summary.runsInserted, 20)
    assert.equal(first.stderr, '')

    const second = JSON.parse(runCli(dir, ['import-logs', '--json'], { env }).stdout)
    assert.deepEqual([second.runsInserted, second.runsUpdated, second.bytesScanned], [0, 0, 0])
  })

  it('reports progress as plain lines on stderr when not on a terminal', () => {
    const { dir, env } = setup()
    const result = runCli(dir, ['import-logs'], { env })
    assert.equal(result.status, 0, result.stderr)
    assert.match(result.stderr, /^reading plex-backup\.log: \d+%/m)
    assert.doesNotMatch(result.stderr, /\r/)
    assert.match(result.stdout, /^Imported 20 new run\(s\), updated 0; read .* in .* s\.\n$/)
  })

  it('says the log is missing and still imports the tracking file', () => {
    const { dir, env, logPath } = setup()
    fs.rmSync(logPath)
    const result = runCli(dir, ['import-logs', '--json'], { env })
    assert.equal(result.status, 0, result.stderr)
    assert.match(result.stderr, /no backup log at .*plex-backup\.log \(BACKUP_LOG_PATH\); importing the tracking file only/)
    assert.equal(JSON.parse(result.stdout).runsInserted, 20)
  })

  it('exits with 2 on a bad configuration', () => {
    const { dir, env } = setup()
    const result = runCli(dir, ['import-logs'], { env: { ...env, LOG_TIMEZONE: 'Mars/Olympus' } })
    assert.equal(result.status, 2)
    assert.match(result.stderr, /^replexon: configuration error: LOG_TIMEZONE/)
  })

  it('draws a progress bar with rate and ETA on a terminal', { skip: !hasScriptCommand() && 'util-linux script is missing' }, async () => {
    const { dir, logPath, trackingPath } = setup(200)
    fs.writeFileSync(path.join(dir, '.env'), `BACKUP_LOG_PATH=${logPath}\nBACKUP_TRACKING_PATH=${trackingPath}\n`)
    const result = await runCliOnTerminal(dir, ['import-logs'], [])
    assert.equal(result.status, 0, result.stdout)
    assert.match(result.stdout, /\r\[[#-]{24}\] \d+% {2}.* \/ .*\/s {2}ETA [\d:-]+ {2}plex-backup\.lo/)
    assert.match(result.stdout, /Imported 200 new run\(s\)/)
  })
})
