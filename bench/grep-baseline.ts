import { spawn } from 'node:child_process'

// The old tool's pipeline, fixed text; the log path arrives as "$1", never spliced in.
const GREP_SCRIPT = `grep -F -e '=== Plex Backup' -e 'total size is' -e 'sent ' "$1" | grep -E '^(=== Plex Backup|total size is|sent )' | wc -l`

/** Runs the grep pipeline once over `file`; returns wall time and how many lines it kept. */
export function runGrepBaseline(file: string): Promise<{ ms: number; lines: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn('bash', ['-c', GREP_SCRIPT, 'grep-baseline', file], { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => {
      const ms = performance.now() - started
      if (code !== 0) reject(new Error(`grep pipeline exited with ${code}: ${err.trim()}`))
      else resolve({ ms, lines: Number(out.trim()) })
    })
  })
}
