import os from 'node:os'
import { runCommand, type CommandResult } from './run-command.js'

/** How to reach `crontab`; tests and unusual installs may point elsewhere. */
export type CrontabCommands = { crontab: string; sudo: string }

export const DEFAULT_COMMANDS: CrontabCommands = { crontab: '/usr/bin/crontab', sudo: 'sudo' }

/** The crontab could not be read or written; `message` says what to do about it. */
export class CrontabAccessError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CrontabAccessError'
  }
}

/** The sudoers line that lets this process read and write `user`'s crontab without a password. */
export function sudoersLine(user: string, commands: CrontabCommands = DEFAULT_COMMANDS): string {
  return `${currentUser()} ALL=(root) NOPASSWD: ${commands.crontab} -l -u ${user}, ${commands.crontab} -u ${user} -`
}

function currentUser(): string {
  try {
    return os.userInfo().username
  } catch {
    return String(process.getuid?.() ?? 'replexon')
  }
}

function isRoot(): boolean {
  return process.getuid?.() === 0
}

/**
 * Runs `crontab ARGS -u USER` directly when we are root or the owner (who may not use -u),
 * else through `sudo -n`, never prompting. The argument order matches the sudoers line.
 */
async function crontab(user: string, action: '-l' | '-', commands: CrontabCommands, stdin?: string): Promise<CommandResult> {
  const args = action === '-l' ? ['-l', '-u', user] : ['-u', user, '-']
  if (isRoot() || user === currentUser()) {
    const res = await runCommand(commands.crontab, isRoot() ? args : [action], stdin)
    if (res.missing) throw new CrontabAccessError(`The crontab program (${commands.crontab}) is not installed; install the "cron" package.`)
    return res
  }
  const res = await runCommand(commands.sudo, ['-n', commands.crontab, ...args], stdin)
  if (res.missing || /^sudo: /m.test(res.stderr)) {
    throw new CrontabAccessError(
      `RePlexOn runs as ${currentUser()} and may not use ${user}'s crontab. Run it as root, or allow exactly this with ` +
        `"visudo -f /etc/sudoers.d/replexon": ${sudoersLine(user, commands)}`,
    )
  }
  return res
}

/** `user`'s crontab as `crontab -l` prints it; "no crontab for USER" is an empty crontab. */
export async function readCrontab(user: string, commands: CrontabCommands = DEFAULT_COMMANDS): Promise<string> {
  const res = await crontab(user, '-l', commands)
  if (res.code === 0) return res.stdout
  if (/no crontab for/i.test(res.stderr)) return ''
  throw new CrontabAccessError(`Could not read ${user}'s crontab: ${res.stderr.trim() || `crontab exited with code ${res.code}`}`)
}

/** Installs `text` as `user`'s crontab (`crontab -u USER -`, the text on stdin); cron checks it first. */
export async function writeCrontab(user: string, text: string, commands: CrontabCommands = DEFAULT_COMMANDS): Promise<void> {
  // cron refuses a crontab whose last line has no newline.
  const body = text === '' || text.endsWith('\n') ? text : `${text}\n`
  const res = await crontab(user, '-', commands, body)
  if (res.code !== 0) {
    throw new CrontabAccessError(`crontab refused the new schedule for ${user}: ${res.stderr.trim() || `exit code ${res.code}`}`)
  }
}
