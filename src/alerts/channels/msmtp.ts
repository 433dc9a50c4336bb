import { spawn } from 'node:child_process'
import path from 'node:path'
import nodemailer from 'nodemailer'
import { defineChannel, field, parsed, type Parsed } from '../channel-form.js'
import type { SendContext } from '../channel-type.js'
import { alertMail, parseAddressList, parseMailbox } from '../mail-compose.js'
import { findMsmtp } from '../msmtp-config.js'
import { errorMessage, seconds } from '../network-error.js'
import type { AlertMessage, DeliveryResult } from '../types.js'

export type MsmtpConfig = { configFile?: string; account?: string; from?: string; to: string[] }

function parseMsmtp(input: Readonly<Record<string, string>>): Parsed<MsmtpConfig> {
  const errors: Record<string, string> = {}
  const configFile = field(input, 'configFile')
  if (configFile && !path.isAbsolute(configFile)) errors.configFile = 'give the full path, such as /etc/msmtprc'
  const account = field(input, 'account')
  if (account && !/^[^\s:,"#-][^\s:,"#]*$/.test(account)) errors.account = 'an account name from the msmtp configuration, without spaces'
  const from = field(input, 'from')
  const fromBox = parseMailbox(from)
  if (from && !fromBox.ok) errors.from = fromBox.error
  const to = parseAddressList(field(input, 'to'))
  if (!to.ok) errors.to = to.error
  return parsed(
    { ...(configFile ? { configFile } : {}), ...(account ? { account } : {}), ...(from ? { from } : {}), to: to.ok ? to.addresses : [] },
    errors,
  )
}

/** The message as MIME text, composed exactly as the SMTP channel composes it. */
async function composeMessage(message: AlertMessage, config: MsmtpConfig): Promise<Buffer> {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' })
  const info = await composer.sendMail(alertMail(message, config.from, config.to))
  return Buffer.isBuffer(info.message) ? info.message : Buffer.from('')
}

/** sysexits.h, which msmtp's exit codes follow; the temporary ones are worth another try. */
const EXIT_CODES: Readonly<Record<number, { meaning: string; retryable: boolean }>> = {
  64: { meaning: 'command line usage error', retryable: false },
  65: { meaning: 'data format error', retryable: false },
  67: { meaning: 'addressee unknown', retryable: false },
  68: { meaning: 'host name unknown', retryable: true },
  69: { meaning: 'service unavailable', retryable: true },
  70: { meaning: 'internal software error', retryable: false },
  71: { meaning: 'system error', retryable: true },
  74: { meaning: 'input/output error', retryable: true },
  75: { meaning: 'temporary failure', retryable: true },
  76: { meaning: 'remote error in protocol', retryable: true },
  77: { meaning: 'permission denied', retryable: false },
  78: { meaning: 'configuration error', retryable: false },
}

type Outcome = { code: number | null; stderr: string; timedOut: boolean }

/** Runs msmtp with `args` (an array, never a shell line) and `input` on stdin; stops it after `timeoutMs`. */
function runMsmtp(binary: string, args: readonly string[], input: Buffer, timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['pipe', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C' } })
    let stderr = ''
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGKILL')
    }, timeoutMs)
    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < 8192) stderr += chunk
    })
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stderr, timedOut })
    })
    // msmtp may exit before reading everything (a config error); its exit code says why.
    child.stdin.on('error', () => {})
    child.stdin.end(input)
  })
}

async function deliver(config: MsmtpConfig, message: AlertMessage, { timeoutMs }: SendContext): Promise<DeliveryResult> {
  const binary = await findMsmtp()
  if (!binary) return { ok: false, retryable: false, detail: 'msmtp is not installed on this machine (Debian: apt install msmtp)' }
  const envelopeFrom = config.from ? parseMailbox(config.from) : null
  const args = [
    ...(config.configFile ? ['-C', config.configFile] : []),
    ...(config.account ? ['-a', config.account] : []),
    ...(envelopeFrom?.ok ? ['-f', envelopeFrom.address] : []),
    '--',
    ...config.to,
  ]
  let outcome: Outcome
  try {
    outcome = await runMsmtp(binary, args, await composeMessage(message, config), timeoutMs)
  } catch (error) {
    return { ok: false, retryable: true, detail: `could not run ${binary}: ${errorMessage(error)}` }
  }
  if (outcome.timedOut) return { ok: false, retryable: true, detail: `msmtp did not finish within ${seconds(timeoutMs)} and was stopped` }
  if (outcome.code === 0) return { ok: true, detail: `msmtp accepted the message for ${config.to.length} recipient(s)` }
  const known = outcome.code === null ? undefined : EXIT_CODES[outcome.code]
  const said = outcome.stderr.replace(/\s+/g, ' ').trim()
  const capped = said.length > 500 ? `${said.slice(0, 500)}…` : said
  const exit = `msmtp exited with code ${outcome.code ?? 'none'}${known ? ` (${known.meaning})` : ''}`
  return { ok: false, retryable: known?.retryable ?? true, detail: capped ? `${exit}: ${capped}` : exit }
}

export default defineChannel({
  type: 'msmtp',
  label: 'Email (msmtp)',
  description: "Sends an email through this machine's msmtp, with the account already set up in its configuration.",
  fields: [
    { name: 'to', label: 'To', input: 'text', required: true, placeholder: 'you@example.com', help: 'One or more addresses, separated by commas.' },
    { name: 'from', label: 'From', input: 'text', placeholder: 'RePlexOn <backup@example.com>', help: "Empty: the account's from address." },
    { name: 'account', label: 'msmtp account', input: 'text', placeholder: 'default', help: 'Empty: the account named "default".' },
    {
      name: 'configFile',
      label: 'Configuration file',
      input: 'text',
      placeholder: '/etc/msmtprc',
      help: "Empty: msmtp's own (/etc/msmtprc and ~/.msmtprc). Debian's AppArmor profile for msmtp may refuse files elsewhere.",
    },
  ],
  async available() {
    return (await findMsmtp()) ? { ok: true } : { ok: false, reason: 'msmtp is not installed on this machine (Debian: apt install msmtp)' }
  },
  parse: parseMsmtp,
  deliver,
})
