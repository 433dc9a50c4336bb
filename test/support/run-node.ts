import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** tsx's loader as an absolute URL, so child processes can run TypeScript from any working directory. */
export const TSX_LOADER = import.meta.resolve('tsx')

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

/** Arguments for `node` to run a TypeScript entry point of this repo. */
export function tsNodeArgs(entry: string, ...args: string[]): string[] {
  return ['--import', TSX_LOADER, path.join(REPO_ROOT, entry), ...args]
}
