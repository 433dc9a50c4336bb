import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ImportSummary } from '../src/ingest/import-logs.js'

const HERE = path.dirname(fileURLToPath(import.meta.url))
const CHILD = path.join(HERE, 'import-child.mjs')

export type ImportChildInput = { logPath: string; trackingPath: string; dbPath: string; timeZone: string }
export type ImportChildResult = ImportSummary & { ms: number; maxRssKiB: number }

/**
 * One full import in a fresh plain `node` process running the compiled dist/ (as
 * production does); `wallMs` includes its start-up.
 */
export function runImportChild(input: ImportChildInput): Promise<ImportChildResult & { wallMs: number }> {
  if (!fs.existsSync(path.join(HERE, '..', 'dist', 'ingest', 'import-logs.js'))) {
    return Promise.reject(new Error('dist/ is missing: run `npm run build` first'))
  }
  return new Promise((resolve, reject) => {
    const started = performance.now()
    execFile(process.execPath, [CHILD, JSON.stringify(input)], { maxBuffer: 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`import child failed: ${err.message}\n${stderr}`))
      const last = stdout.trim().split('\n').pop() ?? ''
      try {
        resolve({ ...(JSON.parse(last) as ImportChildResult), wallMs: performance.now() - started })
      } catch {
        reject(new Error(`import child printed no result: ${stdout}\n${stderr}`))
      }
    })
  })
}
