import { spawn } from 'node:child_process'

export type CommandResult = { code: number | null; stdout: string; stderr: string; missing: boolean }

const TIMEOUT_MS = 15_000
const MAX_OUTPUT = 4 * 1024 * 1024

/**
 * Runs `file` with `args` (an argument array, never a shell) and gives its exit code and
 * output. `missing` is true when the program does not exist or may not be run. Gives up after 15 s.
 */
export function runCommand(file: string, args: readonly string[], stdin?: string): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ['pipe', 'pipe', 'pipe'], timeout: TIMEOUT_MS, env: { ...process.env, LC_ALL: 'C' } })
    const out: Buffer[] = []
    const err: Buffer[] = []
    let size = 0
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length
      if (size <= MAX_OUTPUT) into.push(chunk)
    }
    child.stdout.on('data', collect(out))
    child.stderr.on('data', collect(err))
    child.on('error', (e: NodeJS.ErrnoException) => {
      // EACCES: not executable, or a PATH directory we may not search; either way it cannot run.
      if (e.code === 'ENOENT' || e.code === 'EACCES') resolve({ code: null, stdout: '', stderr: e.message, missing: true })
      else reject(e)
    })
    child.on('close', (code) => {
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), missing: false })
    })
    // A program that exits without reading stdin makes the write fail with EPIPE; its exit code says why.
    child.stdin.on('error', () => {})
    child.stdin.end(stdin ?? '')
  })
}
