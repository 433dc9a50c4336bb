import { execFileSync, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'

const CRONTAB = '/usr/bin/crontab'

/** Why tests that need a real crontab cannot run here, or null when they can. */
export function scratchCrontabSkipReason(): string | null {
  if (process.getuid?.() !== 0) return 'needs root to create a throwaway user for its crontab (run the tests as root, as CI does)'
  if (!fs.existsSync(CRONTAB)) return `needs ${CRONTAB} (apt-get install cron)`
  if (spawnSync('useradd', ['--help']).error) return 'needs useradd to create a throwaway user'
  return null
}

const created = new Set<string>()

function remove(user: string): void {
  if (!created.delete(user)) return
  spawnSync(CRONTAB, ['-r', '-u', user])
  spawnSync('userdel', [user])
}

process.once('exit', () => {
  for (const user of [...created]) remove(user)
})

/**
 * A throwaway system user (no home, no login) whose crontab a test may change freely;
 * removed with its crontab by the returned function, or when the process exits.
 */
export function createScratchUser(): { user: string; remove: () => void } {
  const user = `replexon-test-${randomBytes(4).toString('hex')}`
  execFileSync('useradd', ['--no-create-home', '--shell', '/usr/sbin/nologin', user])
  created.add(user)
  return { user, remove: () => remove(user) }
}

/** Installs `text` as `user`'s crontab with the real command, as an admin would by hand. */
export function installCrontab(user: string, text: string): void {
  execFileSync(CRONTAB, ['-u', user, '-'], { input: text })
}

/** `user`'s crontab as the real command lists it. */
export function listCrontab(user: string): string {
  return execFileSync(CRONTAB, ['-l', '-u', user], { encoding: 'utf8' })
}
