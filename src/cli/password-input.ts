import readline from 'node:readline'
import { CliError } from './context.js'

/** The first line of `input` without its line ending; an empty line or empty input is an error. */
export async function readFirstLine(input: NodeJS.ReadableStream): Promise<string> {
  const rl = readline.createInterface({ input, crlfDelay: Infinity, terminal: false })
  let first: string | undefined
  for await (const line of rl) {
    first = line
    break
  }
  rl.close()
  if (first === undefined || first === '') throw new CliError('no password on stdin (expected it on the first line)')
  return first
}

export type KeyEvent = { sequence?: string; name?: string; ctrl?: boolean; meta?: boolean }

/**
 * What one keypress does to a hidden entry: the new text, or `done` / `cancel`. Arrow keys
 * and other escape sequences are ignored; backspace removes one code point.
 */
export function applyKey(text: string, str: string | undefined, key: KeyEvent | undefined): string | 'done' | 'cancel' {
  if (key?.ctrl && (key.name === 'c' || (key.name === 'd' && text === ''))) return 'cancel'
  if (key?.name === 'return' || key?.name === 'enter') return 'done'
  if (key?.name === 'backspace') return [...text].slice(0, -1).join('')
  if (key?.ctrl || key?.meta || str === undefined || str.startsWith('\u001b')) return text
  // Drop control characters (tab, form feed...) that a terminal may still pass through.
  return text + str.replace(/\p{Cc}/gu, '')
}

/** Prompts on stderr and reads a line from the terminal without echoing it. */
export function promptHidden(prompt: string, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): Promise<string> {
  return new Promise((resolve, reject) => {
    readline.emitKeypressEvents(input)
    const wasRaw = input.isRaw
    // Echo goes off before the prompt shows, so nothing typed after seeing it is echoed.
    input.setRawMode(true)
    output.write(prompt)
    input.resume()
    let text = ''
    const finish = () => {
      input.off('keypress', onKey)
      input.setRawMode(wasRaw)
      input.pause()
      output.write('\n')
    }
    const onKey = (str: string | undefined, key: KeyEvent | undefined) => {
      const next = applyKey(text, str, key)
      if (next === 'cancel') {
        finish()
        reject(new CliError('cancelled', 130))
      } else if (next === 'done') {
        finish()
        resolve(text)
      } else {
        text = next
      }
    }
    input.on('keypress', onKey)
  })
}

/**
 * A new password: the first line of stdin with `--password-stdin`, else typed twice on the
 * terminal. Validation of its strength is the users service's job.
 */
export async function readNewPassword(options: { passwordStdin?: boolean }): Promise<string> {
  if (options.passwordStdin) return readFirstLine(process.stdin)
  if (!process.stdin.isTTY) throw new CliError('no terminal to ask for the password on; use --password-stdin when not on a terminal')
  const first = await promptHidden('New password: ')
  if (first === '') throw new CliError('empty password')
  const second = await promptHidden('Repeat password: ')
  if (first !== second) throw new CliError('the passwords do not match')
  return first
}
