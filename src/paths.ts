import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

function findPackageRoot(start: string): string {
  let dir = start
  for (let i = 0; i < 10; i++) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir
    const parent = path.dirname(dir)
    if (parent === dir) break
    dir = parent
  }
  throw new Error(`package.json not found above ${start}`)
}

/** The checkout or install directory, whether running from src/ (tsx) or dist/ (node). */
export const PACKAGE_ROOT = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)))
/** Numbered SQL migrations; kept in src/ and read at run time, never compiled. */
export const MIGRATIONS_DIR = path.join(PACKAGE_ROOT, 'src', 'db', 'migrations')
/** The app's own browser files (CSS, scripts), served under /static. */
export const PUBLIC_DIR = path.join(PACKAGE_ROOT, 'public')
export const NODE_MODULES_DIR = path.join(PACKAGE_ROOT, 'node_modules')
