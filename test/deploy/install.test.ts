import assert from 'node:assert/strict'
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import { loadConfig } from '../../src/config.js'
import { REPO_ROOT } from '../support/run-node.js'
import { tempDir } from '../support/temp-dir.js'

const INSTALL = path.join(REPO_ROOT, 'scripts', 'install.sh')
const built = fs.existsSync(path.join(REPO_ROOT, 'dist', 'cli', 'main.js'))

function install(root: string) {
  return spawnSync('bash', [INSTALL, '--root', root, '--skip-npm'], { encoding: 'utf8', timeout: 60_000 })
}

/** The settings file as systemd and `node --env-file` read it: KEY=value lines. */
function readEnvFile(file: string): Record<string, string> {
  const env: Record<string, string> = {}
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line)
    if (m) env[m[1]!] = m[2]!
  }
  return env
}

describe('scripts/install.sh', { skip: built ? false : 'needs the compiled dist/ (npm install builds it)' }, () => {
  it('writes private settings with a fresh secret, the hardened unit and a CLI that uses them', () => {
    const root = tempDir()
    const result = install(root)
    assert.equal(result.status, 0, result.stderr)

    const envFile = path.join(root, 'etc/replexon/replexon.env')
    assert.equal(fs.statSync(envFile).mode & 0o777, 0o600)
    const env = readEnvFile(envFile)
    assert.match(env.SECRET_KEY ?? '', /^[0-9a-f]{64}$/)
    assert.equal(env.DATA_DIR, path.join(root, 'var/lib/replexon'))
    const config = loadConfig(env)
    assert.equal(config.env, 'production')
    assert.equal(config.backupInfoFromEnv.plexDataPath, false, 'the settings page may still edit the Plex path')

    const unit = fs.readFileSync(path.join(root, 'etc/systemd/system/replexon.service'), 'utf8')
    assert.doesNotMatch(unit, /@[A-Z_]+@/, 'every placeholder is filled in')
    assert.match(unit, new RegExp(`^ExecStart=${process.execPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} ${REPO_ROOT}/dist/main\\.js$`, 'm'))
    assert.match(unit, new RegExp(`^EnvironmentFile=${envFile}$`, 'm'))
    for (const line of ['KillMode=process', 'ProtectSystem=full', 'NoNewPrivileges=yes', 'PrivateTmp=yes', 'RestrictSUIDSGID=yes']) {
      assert.match(unit, new RegExp(`^${line}$`, 'm'))
    }

    const cli = path.join(root, 'usr/local/bin/replexon')
    const created = spawnSync(cli, ['create-user', '--username', 'admin', '--admin', '--password-stdin'], { input: 'correct horse battery\n', encoding: 'utf8' })
    assert.equal(created.status, 0, created.stderr)
    const listed = execFileSync(cli, ['list-users'], { encoding: 'utf8' })
    assert.match(listed, /admin/)
    assert.ok(fs.existsSync(path.join(root, 'var/lib/replexon/replexon.db')), 'the CLI used the service\'s data directory')
  })

  it('keeps the settings (and their secret) when run again', () => {
    const root = tempDir()
    assert.equal(install(root).status, 0)
    const envFile = path.join(root, 'etc/replexon/replexon.env')
    fs.appendFileSync(envFile, 'BACKUP_DESTINATION=nas::plex\n')
    const before = fs.readFileSync(envFile, 'utf8')
    const again = install(root)
    assert.equal(again.status, 0, again.stderr)
    assert.match(again.stdout, /Keeping the settings/)
    assert.equal(fs.readFileSync(envFile, 'utf8'), before)
  })

  it('refuses an unknown option with a clear message', () => {
    const result = spawnSync('bash', [INSTALL, '--frobnicate'], { encoding: 'utf8' })
    assert.equal(result.status, 1)
    assert.match(result.stderr, /install\.sh: unknown option --frobnicate/)
  })

  it('installs a unit systemd accepts', { skip: fs.existsSync('/usr/bin/systemd-analyze') ? false : 'systemd-analyze is not installed' }, () => {
    const root = tempDir()
    assert.equal(install(root).status, 0)
    const result = spawnSync('systemd-analyze', ['verify', path.join(root, 'etc/systemd/system/replexon.service')], { encoding: 'utf8' })
    assert.equal(result.status, 0, result.stderr)
  })
})
