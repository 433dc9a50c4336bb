import fs from 'node:fs'

/**
 * Writes an executable bash script at `file` that prints the markers of a Plex backup
 * (dates as `date -Iseconds`), sleeping `seconds` in the middle, and exits with `exitCode`.
 */
export function writeFakeBackupScript(file: string, options: { seconds?: number; exitCode?: number } = {}): string {
  const seconds = options.seconds ?? 1
  const code = options.exitCode ?? 0
  const end =
    code === 0
      ? 'echo "=== Plex Backup Completed Successfully: $(date -Iseconds) ==="'
      : [
          'echo "rsync error: some files/attrs were not transferred (see previous errors) (code 23) at main.c(1394) [sender=3.2.7]"',
          `echo "=== Plex Backup FAILED with code ${code}: $(date -Iseconds) ==="`,
        ].join('\n')
  fs.writeFileSync(
    file,
    [
      '#!/usr/bin/env bash',
      'echo "=== Plex Backup Started: $(date -Iseconds) ==="',
      'echo "sending incremental file list"',
      'echo "Preferences.xml"',
      `sleep ${seconds}`,
      'echo "Metadata/Movies/0/info.xml"',
      'echo "sent 1.20M bytes  received 3.40K bytes  800.00K bytes/sec"',
      'echo "total size is 25.00M  speedup is 20.00"',
      end,
      `exit ${code}`,
      '',
    ].join('\n'),
    { mode: 0o755 },
  )
  return file
}

/** Waits (bounded) until `check` is true; throws after `timeoutMs`. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (await check()) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`timed out waiting for ${what}`)
}
