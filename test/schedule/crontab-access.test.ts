import assert from 'node:assert/strict'
import { execFileSync, spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import { createScratchUser, installCrontab, scratchCrontabSkipReason } from './scratch-user.js'

const CHILD = fileURLToPath(new URL('./read-crontab-child.ts', import.meta.url))
const skip = scratchCrontabSkipReason() ?? (spawnSync('runuser', ['--help']).error ? 'needs runuser to act as an unprivileged user' : false)

/** Reads `user`'s crontab from a process running as `as`, the way a non-root RePlexOn would. */
function readAs(as: string, user: string): { text?: string; error?: string; message?: string } {
  const out = execFileSync('runuser', ['-u', as, '--', process.execPath, '--import', 'tsx', CHILD, user], {
    encoding: 'utf8',
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', TSX_DISABLE_CACHE: '1' },
  })
  return JSON.parse(out)
}

describe('reading crontabs without root', { skip }, () => {
  let owner: ReturnType<typeof createScratchUser>
  let other: ReturnType<typeof createScratchUser>
  before(() => {
    owner = createScratchUser()
    other = createScratchUser()
  })
  after(() => {
    owner.remove()
    other.remove()
  })

  it('reads its own crontab without sudo', () => {
    installCrontab(owner.user, '@daily /bin/true\n')
    assert.deepEqual(readAs(owner.user, owner.user), { text: '@daily /bin/true\n' })
  })

  it('names the sudoers line to add when another user\'s crontab is off limits', () => {
    const result = readAs(owner.user, other.user)
    assert.equal(result.error, 'CrontabAccessError')
    assert.match(result.message ?? '', new RegExp(`runs as ${owner.user} and may not use ${other.user}'s crontab`))
    assert.ok(
      result.message?.includes(`${owner.user} ALL=(root) NOPASSWD: /usr/bin/crontab -l -u ${other.user}, /usr/bin/crontab -u ${other.user} -`),
      result.message,
    )
  })
})
