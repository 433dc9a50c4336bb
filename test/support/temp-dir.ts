import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const made: string[] = []
// Removed when the test file's process ends, not when the calling test or hook ends:
// a directory made in a before() hook must outlive that hook.
process.once('exit', () => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true })
})

/** A fresh directory under the OS temp dir, removed when the test file finishes. */
export function tempDir(prefix = 'replexon-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  made.push(dir)
  return dir
}
