import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const CLI_MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url))
// Resolved to a file URL so `--import` works from a working directory without node_modules.
const TSX_LOADER = import.meta.resolve('tsx')

export type CliResult = { status: number | null; stdout: string; stderr: string }

/** A fresh temp dir to use as DATA_DIR and working directory (no .env in it). */
export function makeTempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'replexon-cli-'))
}

export function databaseFile(dataDir: string): string {
  return path.join(dataDir, 'replexon.db')
}

/**
 * Runs the real CLI in a child process, as a production install would, with only the
 * variables given (no SECRET_KEY). `input` is written to its stdin.
 */
export function runCli(dataDir: string, args: string[], options: { input?: string; env?: Record<string, string> } = {}): CliResult {
  const result = spawnSync(process.execPath, ['--import', TSX_LOADER, CLI_MAIN, ...args], {
    cwd: dataDir,
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: dataDir,
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
      LOG_TIMEZONE: 'UTC',
      ...options.env,
    },
  })
  if (result.error) throw result.error
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

const shellQuote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`

/** Whether util-linux `script` is here to give the CLI a real terminal. */
export function hasScriptCommand(): boolean {
  return spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0
}

/**
 * Runs the CLI on a pseudo-terminal (through `script`) and types one answer each time a
 * prompt ending in ": " appears. Resolves with everything the terminal showed.
 */
export function runCliOnTerminal(dataDir: string, args: string[], answers: string[]): Promise<CliResult> {
  const command = [process.execPath, '--import', TSX_LOADER, CLI_MAIN, ...args].map(shellQuote).join(' ')
  const child = spawn('script', ['-qec', command, '/dev/null'], {
    cwd: dataDir,
    env: { PATH: process.env.PATH ?? '', HOME: dataDir, NODE_ENV: 'production', DATA_DIR: dataDir, LOG_TIMEZONE: 'UTC' },
  })
  const pending = [...answers]
  let output = ''
  let prompts = 0
  child.stdout.setEncoding('utf8')
  child.stdout.on('data', (chunk: string) => {
    output += chunk
    const seen = output.match(/password: /gi)?.length ?? 0
    while (prompts < seen) {
      prompts++
      const answer = pending.shift()
      if (answer !== undefined) child.stdin.write(`${answer}\r`)
    }
  })
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
  return new Promise((resolve) => {
    child.on('close', (status) => {
      clearTimeout(timer)
      resolve({ status, stdout: output, stderr: '' })
    })
  })
}
