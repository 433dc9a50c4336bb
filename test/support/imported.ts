import fs from 'node:fs'
import path from 'node:path'
import { importLogs } from '../../src/ingest/import-logs.js'
import { REPO_ROOT } from './run-node.js'
import { buildTestApp } from './test-app.js'
import { tempDir } from './temp-dir.js'

export const SAMPLE_ZONES = { basic: 'America/Chicago', stats: 'UTC' } as const

/** Copies a sample's two logs into a temp dir and returns their paths. */
export function copySample(sample: keyof typeof SAMPLE_ZONES): { logPath: string; trackingPath: string; dir: string } {
  const dir = tempDir()
  const from = path.join(REPO_ROOT, 'test', 'fixtures', 'samples', sample)
  const logPath = path.join(dir, 'plex-backup.log')
  const trackingPath = path.join(dir, 'plex-backup-tracking.log')
  fs.copyFileSync(path.join(from, 'plex-backup.log'), logPath)
  fs.copyFileSync(path.join(from, 'plex-backup-tracking.log'), trackingPath)
  return { logPath, trackingPath, dir }
}

/** The real app over a sample's logs, imported through the one ingest path. */
export async function appWithSample(sample: keyof typeof SAMPLE_ZONES, overrides: Record<string, string> = {}) {
  const files = copySample(sample)
  const t = buildTestApp({
    BACKUP_LOG_PATH: files.logPath,
    BACKUP_TRACKING_PATH: files.trackingPath,
    LOG_TIMEZONE: SAMPLE_ZONES[sample],
    ...overrides,
  })
  const summary = await importLogs({ handle: t.handle, config: t.config })
  return { ...t, files, summary }
}
