import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { runJsonChild } from './json-child.js'
import type { ScanChildInput, ScanChildResult } from './scan-child.js'

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'scan-child.ts')

/** One RePlexOn scan in a fresh `node --import tsx` process; `wallMs` includes its start-up. */
export function runScanChild(input: ScanChildInput): Promise<ScanChildResult & { wallMs: number }> {
  return runJsonChild<ScanChildResult>(['--import', 'tsx', CHILD, JSON.stringify(input)], 'scan child')
}
