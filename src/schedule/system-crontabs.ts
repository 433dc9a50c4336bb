import fs from 'node:fs/promises'
import path from 'node:path'
import type { CrontabSource } from './schedule-jobs.js'

/** Where cron keeps its system-wide tables; injectable so tests use a temp dir. */
export type SystemCrontabPaths = { crontab: string; cronDir: string }

export const DEFAULT_SYSTEM_PATHS: SystemCrontabPaths = { crontab: '/etc/crontab', cronDir: '/etc/cron.d' }

// Debian's cron reads only files named like run-parts does: no dots, so *.dpkg-old and foo~ are skipped.
const CRON_D_NAME = /^[A-Za-z0-9_-]+$/

const MAX_BYTES = 1024 * 1024

async function readSource(file: string): Promise<CrontabSource | null> {
  const stat = await fs.stat(file)
  if (!stat.isFile()) return null
  if (stat.size > MAX_BYTES) throw new Error(`${file} is larger than 1 MB; cron tables are never that big`)
  return { name: file, text: await fs.readFile(file, 'utf8'), system: true, owner: null }
}

/**
 * /etc/crontab and the files of /etc/cron.d cron would read, in cron's order. A missing
 * file or directory is simply absent; one that cannot be read becomes a problem to show.
 */
export async function readSystemCrontabs(paths: SystemCrontabPaths = DEFAULT_SYSTEM_PATHS): Promise<{ sources: CrontabSource[]; problems: string[] }> {
  const sources: CrontabSource[] = []
  const problems: string[] = []
  const attempt = async (file: string) => {
    try {
      const source = await readSource(file)
      if (source) sources.push(source)
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code
      if (code !== 'ENOENT') problems.push(`Could not read ${file}: ${code === 'EACCES' ? 'permission denied' : (err as Error).message}`)
    }
  }
  await attempt(paths.crontab)
  let names: string[] = []
  try {
    names = (await fs.readdir(paths.cronDir)).filter((n) => CRON_D_NAME.test(n)).sort()
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code !== 'ENOENT') problems.push(`Could not list ${paths.cronDir}: ${code === 'EACCES' ? 'permission denied' : (err as Error).message}`)
  }
  for (const name of names) await attempt(path.join(paths.cronDir, name))
  return { sources, problems }
}
