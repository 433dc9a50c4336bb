import { execFile } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ScanChildInput, ScanChildResult } from './scan-child.js'

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'scan-child.ts')

/** One RePlexOn scan in a fresh `node --import tsx` process; `wallMs` includes its start-up. */
export function runScanChild(input: ScanChildInput): Promise<ScanChildResult & { wallMs: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    execFile(
      process.execPath,
      ['--import', 'tsx', CHILD, JSON.stringify(input)],
      { maxBuffer: 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) return reject(new Error(`scan child failed: ${err.message}\n${stderr}`))
        const last = stdout.trim().split('\n').pop() ?? ''
        try {
          resolve({ ...(JSON.parse(last) as ScanChildResult), wallMs: performance.now() - started })
        } catch {
          reject(new Error(`scan child printed no result: ${stdout}\n${stderr}`))
        }
      },
    )
  })
}
