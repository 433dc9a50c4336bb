import { access, readFile } from 'node:fs/promises'
import { constants } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** One msmtp account as far as RePlexOn shows it. Passwords are never read into it. */
export type MsmtpAccount = {
  name: string
  host: string | null
  port: number
  from: string | null
  user: string | null
  security: 'none' | 'starttls' | 'tls'
  auth: boolean
}

/** What pre-fills the msmtp and email forms: the account msmtp uses when none is named (all null when the file has none). */
export type MsmtpDefaults = {
  file: string
  account: string | null
  host: string | null
  port: number | null
  from: string | null
  user: string | null
  security: MsmtpAccount['security'] | null
}

// The only settings read; password and passwordeval in particular are skipped on purpose.
const KEYS = new Set(['host', 'port', 'from', 'user', 'tls', 'tls_starttls', 'auth'])

/**
 * The accounts of an msmtprc and the one msmtp picks without --account: "default" when defined
 * (often `account default : other`), else the first. Follows msmtp's rules: `defaults` applies to
 * the accounts after it, `account NAME : A, B` starts from the defaults and inherits A and B.
 */
export function parseMsmtprc(text: string): { accounts: MsmtpAccount[]; defaultAccount: MsmtpAccount | null } {
  const defaults: Record<string, string> = {}
  const accounts = new Map<string, Record<string, string>>()
  let current: Record<string, string> | null = null
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim()
    if (line === '' || line.startsWith('#')) continue
    const [, command = '', rest = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? []
    if (command === 'defaults') {
      current = defaults
    } else if (command === 'account') {
      const [name = '', parents = ''] = rest.split(':', 2).map((part) => part.trim())
      if (name === '') continue
      const settings = { ...defaults }
      for (const parent of parents.split(',').map((p) => p.trim())) Object.assign(settings, accounts.get(parent))
      accounts.delete(name)
      accounts.set(name, settings)
      current = settings
    } else if (current && KEYS.has(command)) {
      current[command] = unquote(rest)
    }
  }
  const list = [...accounts].map(([name, settings]) => toAccount(name, settings))
  return { accounts: list, defaultAccount: list.find((a) => a.name === 'default') ?? list[0] ?? null }
}

function unquote(value: string): string {
  const quoted = /^"(.*)"$/.exec(value)
  return quoted ? (quoted[1] ?? '').replace(/\\(.)/g, '$1') : value
}

// msmtp treats an empty argument of an on/off command as "on".
const isOn = (value: string | undefined): boolean => value !== undefined && value !== 'off'

function toAccount(name: string, s: Record<string, string>): MsmtpAccount {
  const security = !isOn(s.tls) ? 'none' : s.tls_starttls === 'off' ? 'tls' : 'starttls'
  const port = Number(s.port)
  return {
    name,
    host: s.host || null,
    port: Number.isInteger(port) && port > 0 ? port : security === 'tls' ? 465 : 25,
    from: s.from || null,
    user: s.user || null,
    security,
    auth: isOn(s.auth),
  }
}

/** The config files msmtp reads, user ones first. */
export function msmtpConfigFiles(env: NodeJS.ProcessEnv = process.env): string[] {
  const home = env.HOME || os.homedir()
  const xdg = env.XDG_CONFIG_HOME || path.join(home, '.config')
  return [path.join(home, '.msmtprc'), path.join(xdg, 'msmtp', 'config'), '/etc/msmtprc']
}

/** The default account of the first readable msmtp config file, or null when there is none. */
export async function readMsmtpDefaults(files: readonly string[] = msmtpConfigFiles()): Promise<MsmtpDefaults | null> {
  for (const file of files) {
    let text: string
    try {
      text = await readFile(file, 'utf8')
    } catch {
      continue // missing, or root-only like a typical /etc/msmtprc
    }
    const account = parseMsmtprc(text).defaultAccount
    if (!account) return { file, account: null, host: null, port: null, from: null, user: null, security: null }
    const { host, port, from, user, security } = account
    return { file, account: account.name, host, port, from, user, security }
  }
  return null
}

const MSMTP_PLACES = ['/usr/bin/msmtp', '/usr/local/bin/msmtp']

/** Where the msmtp program is (the Debian package's place, /usr/local, then PATH), or null. */
export async function findMsmtp(env: NodeJS.ProcessEnv = process.env, places: readonly string[] = MSMTP_PLACES): Promise<string | null> {
  const onPath = (env.PATH ?? '').split(path.delimiter).filter((dir) => path.isAbsolute(dir)).map((dir) => path.join(dir, 'msmtp'))
  for (const candidate of [...places, ...onPath]) {
    try {
      await access(candidate, constants.X_OK)
      return candidate
    } catch {
      // not here; try the next place
    }
  }
  return null
}
