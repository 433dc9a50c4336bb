import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ImportSummary } from '../src/ingest/import-logs.js'
import { runJsonChild } from './json-child.js'

const HERE = path.dirname(fileURLToPath(import.meta.url))
const CHILD = path.join(HERE, 'import-child.mjs')

export type ImportChildInput = { logPath: string; trackingPath: string; dbPath: string; timeZone: string }
export type ImportChildResult = ImportSummary & { ms: number; maxRssKiB: number }

/**
 * One full import in a fresh plain `node` process running the compiled dist/ (as
 * production does); `wallMs` includes its start-up.
 */
export async function runImportChild(input: ImportChildInput): Promise<ImportChildResult & { wallMs: number }> {
  if (!fs.existsSync(path.join(HERE, '..', 'dist', 'ingest', 'import-logs.js'))) throw new Error('dist/ is missing: run `npm run build` first')
  return runJsonChild<ImportChildResult>([CHILD, JSON.stringify(input)], 'import child')
}
