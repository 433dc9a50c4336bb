import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import { scanLog } from '../../src/ingest/scan-log.js'
import { REPO_ROOT } from '../support/run-node.js'
import { tempDir } from '../support/temp-dir.js'

const SCRIPT = path.join(REPO_ROOT, 'scripts', 'backup-plex.sh')
const CONFIG_SCRIPT = path.join(REPO_ROOT, 'scripts', 'backup-plex-config.sh')
const TODAY_UTC = () => new Date().toISOString().slice(0, 10)
const WEEKDAY_UTC = () => String(((new Date().getUTCDay() + 6) % 7) + 1) // date +%u

/** A small "Plex" directory, a destination and an env file for the script, all in a temp dir. */
function install(settings: Record<string, string> = {}) {
  const dir = tempDir()
  const source = path.join(dir, 'plex')
  fs.mkdirSync(path.join(source, 'Metadata', 'Movies'), { recursive: true })
  fs.writeFileSync(path.join(source, 'Preferences.xml'), '<Preferences FriendlyName="test"/>\n')
  fs.writeFileSync(path.join(source, 'Metadata', 'Movies', 'info.xml'), 'x'.repeat(50_000))
  const files = {
    dir,
    source,
    dest: path.join(dir, 'nas', 'current'),
    snapshots: path.join(dir, 'nas', 'snapshots'),
    log: path.join(dir, 'plex-backup.log'),
    tracking: path.join(dir, 'plex-backup-tracking.log'),
    lock: path.join(dir, 'backup-plex.lock'),
    env: path.join(dir, 'backup-plex.env'),
  }
  fs.mkdirSync(path.join(dir, 'nas', 'config'), { recursive: true }) // the NAS share exists; rsync makes only the last level
  const values = {
    PLEX_SOURCE: source,
    RSYNC_DEST: files.dest,
    TRACKING_FILE: files.tracking,
    SNAPSHOT_DEST: files.snapshots,
    SNAPSHOT_DAY: '9', // no such day: no snapshot unless a test asks
    LOCK_FILE: files.lock,
    CONFIG_DEST: path.join(dir, 'nas', 'config'),
    CONFIG_FILES: `${SCRIPT} ${path.join(dir, 'missing.conf')}`,
    ...settings,
  }
  fs.writeFileSync(files.env, Object.entries(values).map(([k, v]) => `${k}='${v}'`).join('\n') + '\n')
  return files
}

/** Runs a script as cron does: `script >> log 2>&1`, C locale, UTC. */
function runLikeCron(script: string, files: ReturnType<typeof install>): number | null {
  const fd = fs.openSync(files.log, 'a')
  try {
    const result = spawnSync(script, [], {
      stdio: ['ignore', fd, fd],
      timeout: 60_000,
      env: { PATH: process.env.PATH ?? '', BACKUP_PLEX_ENV: files.env, TZ: 'UTC', LC_ALL: 'C' },
    })
    return result.status
  } finally {
    fs.closeSync(fd)
  }
}

describe('the reference backup script', () => {
  it('copies the Plex directory with rsync and writes the markers of a successful run', async () => {
    const files = install()
    assert.equal(runLikeCron(SCRIPT, files), 0, fs.readFileSync(files.log, 'utf8'))
    assert.ok(fs.existsSync(path.join(files.dest, 'Metadata', 'Movies', 'info.xml')))
    const { runs, skippedCount } = await scanLog(files.log, { timeZone: 'UTC' })
    assert.equal(skippedCount, 0)
    assert.equal(runs.length, 1)
    const run = runs[0]!
    assert.equal(run.kind, 'backup')
    assert.equal(run.status, 'success')
    assert.equal(run.date, TODAY_UTC())
    assert.ok(run.totalSizeBytes! >= 50_000, `size read from rsync -avh (${run.totalSizeBytes})`)
    assert.ok(run.sentBytes! > 0)
    assert.equal(fs.readFileSync(files.tracking, 'utf8'), `${TODAY_UTC()}:success\n`)
  })

  it("writes a FAILED marker with rsync's exit code and a failed tracking line", async () => {
    const files = install({ RSYNC_DEST: '/nonexistent-root-dir/deeper/current' })
    const code = runLikeCron(SCRIPT, files)
    assert.notEqual(code, 0)
    const [run] = (await scanLog(files.log, { timeZone: 'UTC' })).runs
    assert.equal(run?.status, 'failed')
    assert.equal(run?.exitCode, code)
    assert.match(run?.error ?? '', /rsync/)
    assert.equal(fs.readFileSync(files.tracking, 'utf8'), `${TODAY_UTC()}:failed\n`)
  })

  it('makes a weekly snapshot on the snapshot day and removes the oldest beyond SNAPSHOT_KEEP', async () => {
    const files = install({ SNAPSHOT_DAY: WEEKDAY_UTC(), SNAPSHOT_KEEP: '2' })
    for (const old of ['2020-01-05', '2020-01-12']) fs.mkdirSync(path.join(files.snapshots, old), { recursive: true })
    assert.equal(runLikeCron(SCRIPT, files), 0, fs.readFileSync(files.log, 'utf8'))
    const { runs } = await scanLog(files.log, { timeZone: 'UTC' })
    assert.deepEqual(runs.map((r) => [r.kind, r.status]), [['backup', 'success'], ['snapshot', 'success'], ['cleanup', 'success']])
    assert.deepEqual(fs.readdirSync(files.snapshots).sort(), ['2020-01-12', TODAY_UTC()])
    assert.match(fs.readFileSync(files.log, 'utf8'), /Cleanup complete\. Removed 1 old snapshot\(s\)\./)
  })

  it('never runs two copies: the second leaves the log alone and exits 75', async () => {
    const files = install()
    const holder = spawn('flock', [files.lock, 'sleep', '5'], { stdio: 'ignore' })
    try {
      for (let i = 0; i < 50 && spawnSync('flock', ['-n', files.lock, 'true']).status === 0; i++) await new Promise((r) => setTimeout(r, 50))
      assert.equal(runLikeCron(SCRIPT, files), 75)
      assert.doesNotMatch(fs.readFileSync(files.log, 'utf8'), /===/)
      assert.ok(!fs.existsSync(files.tracking))
    } finally {
      holder.kill()
    }
  })

  it('backs up the scripts and settings once a month in the config backup markers', async () => {
    const files = install()
    assert.equal(runLikeCron(CONFIG_SCRIPT, files), 0, fs.readFileSync(files.log, 'utf8'))
    const [run] = (await scanLog(files.log, { timeZone: 'UTC' })).runs
    assert.equal(run?.kind, 'config_backup')
    assert.equal(run?.status, 'success')
    const log = fs.readFileSync(files.log, 'utf8')
    assert.match(log, /Collected: .*backup-plex\.sh/)
    assert.match(log, /Skipping \(not found\): .*missing\.conf/)
    assert.deepEqual(fs.readdirSync(path.join(files.dir, 'nas', 'config')), [`plex-config-${TODAY_UTC()}.tar.gz`])
  })
})
