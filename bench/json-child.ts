import { execFile } from 'node:child_process'

/**
 * Runs `node ...args` and parses the last line it prints as JSON; `wallMs` includes the
 * child's start-up. Benchmarks run each measured step in a fresh process this way, so its
 * peak RSS is its own.
 */
export function runJsonChild<T>(args: string[], label: string): Promise<T & { wallMs: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    execFile(process.execPath, args, { maxBuffer: 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`${label} failed: ${err.message}\n${stderr}`))
      const last = stdout.trim().split('\n').pop() ?? ''
      try {
        resolve({ ...(JSON.parse(last) as T), wallMs: performance.now() - started })
      } catch {
        reject(new Error(`${label} printed no result: ${stdout}\n${stderr}`))
      }
    })
  })
}
