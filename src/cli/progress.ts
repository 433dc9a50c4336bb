import path from 'node:path'
import type { ImportProgress } from '../ingest/import-logs.js'

export type ProgressReporter = { update(progress: ImportProgress): void; done(): void }

type Output = { write(text: string): unknown; isTTY?: boolean; columns?: number }

/**
 * Import progress on stderr: a bar redrawn in place on a terminal (bytes, rate, ETA), or a
 * plain line every few seconds (and per file) when the output is a file or a pipe.
 */
export function createProgressReporter(out: Output, clock: () => number = () => performance.now()): ProgressReporter {
  const tty = out.isTTY === true
  const interval = tty ? 100 : 5000
  let lastDraw = -Infinity
  let file = ''
  let fileStart = 0
  let drawn = false

  return {
    update(p) {
      const t = clock()
      const newFile = p.file !== file
      if (newFile) {
        file = p.file
        fileStart = t
      }
      if (!newFile && t - lastDraw < interval && p.bytesRead < p.totalBytes) return
      lastDraw = t
      const seconds = (t - fileStart) / 1000
      const rate = seconds > 0 ? p.bytesRead / seconds : 0
      const eta = rate > 0 ? (p.totalBytes - p.bytesRead) / rate : null
      const name = `${path.basename(p.file)}${p.fileCount > 1 ? ` (${p.fileIndex + 1}/${p.fileCount})` : ''}`
      const figures = `${formatBytes(p.bytesRead)} / ${formatBytes(p.totalBytes)}  ${formatBytes(rate)}/s  ETA ${formatEta(eta)}`
      if (!tty) {
        out.write(`reading ${name}: ${percent(p)}%  ${figures}\n`)
        return
      }
      const width = 24
      const filled = Math.round((percent(p) / 100) * width)
      // The name goes last: a narrow terminal cuts it rather than the figures.
      const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${percent(p)}%  ${figures}  ${name}`
      out.write(`\r${line.slice(0, (out.columns ?? 100) - 1)}\x1b[K`)
      drawn = true
    },
    done() {
      if (drawn) out.write('\r\x1b[K')
      drawn = false
    },
  }
}

function percent(p: ImportProgress): number {
  return p.totalBytes > 0 ? Math.min(100, Math.floor((p.bytesRead / p.totalBytes) * 100)) : 100
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB']
  let value = bytes
  let unit = 0
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000
    unit++
  }
  return `${unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`
}

function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '--:--'
  const s = Math.max(0, Math.round(seconds))
  const h = Math.floor(s / 3600)
  const mm = String(Math.floor((s % 3600) / 60)).padStart(h > 0 ? 2 : 1, '0')
  const ss = String(s % 60).padStart(2, '0')
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`
}
