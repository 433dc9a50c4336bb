import { PLEX_DATA_DIR, absolutePlexPath, type PlexLibrary } from './plex-paths.js'
import type { Prng } from './prng.js'

/** Exit codes the writer can fail a run with (rsync's own, plus 137 for a killed rsync). */
export type FailureCode = 5 | 10 | 12 | 23 | 24 | 30 | 137

export const FAILURE_CODES: readonly FailureCode[] = [5, 10, 12, 23, 24, 30, 137]

/**
 * What rsync prints when it fails with `code`: how far it got (a fraction of the file list,
 * or none when it never connected), its own messages, and whether it still printed the
 * sent/total summary (it does for partial transfers, 23 and 24).
 */
export type FailureShape = {
  listFraction: number | null
  messages: string[]
  summary: boolean
  /** rsync's closing "rsync error: ..." line, printed after the summary. */
  closing: string[]
}

export function failureShape(code: FailureCode, rng: Prng, library: PlexLibrary, version: string): FailureShape {
  const at = (where: string): string => `at ${where} [sender=${version}]`
  const host = rng.pick(['10.0.0.5', '192.168.1.20', 'nas.lan'])
  const address = host === 'nas.lan' ? '192.168.1.20' : host
  switch (code) {
    case 5:
      return {
        listFraction: null,
        messages: [
          rng.chance(0.7) ? '@ERROR: auth failed on module plex-backups' : '@ERROR: Unknown module \'plex-backups\'',
        ],
        summary: false,
        closing: [`rsync error: error starting client-server protocol (code 5) ${at('main.c(1863)')}`],
      }
    case 10:
      return {
        listFraction: null,
        messages: [
          `rsync: [sender] failed to connect to ${host} (${address}): ${rng.chance(0.6) ? 'Connection refused (111)' : 'No route to host (113)'}`,
        ],
        summary: false,
        closing: [`rsync error: error in socket IO (code 10) ${at('clientserver.c(139)')}`],
      }
    case 12:
      return {
        listFraction: rng.real(0.1, 0.8),
        messages: [`rsync: connection unexpectedly closed (${rng.int(1000, 90000).toLocaleString('en-US')} bytes received so far) [sender]`],
        summary: false,
        closing: [`rsync error: error in rsync protocol data stream (code 12) ${at('io.c(232)')}`],
      }
    case 23:
      return {
        listFraction: rng.real(0.5, 1),
        messages: [
          rng.chance(0.5)
            ? `rsync: [sender] change_dir "${PLEX_DATA_DIR}/Plug-in Support/Databases" failed: No such file or directory (2)`
            : `rsync: [sender] send_files failed to open "${PLEX_DATA_DIR}/Plug-in Support/Databases/com.plexapp.plugins.library.db-wal": Permission denied (13)`,
        ],
        summary: true,
        closing: [`rsync error: some files/attrs were not transferred (see previous errors) (code 23) ${at('main.c(1338)')}`],
      }
    case 24:
      return {
        listFraction: 1,
        messages: [`file has vanished: "${absolutePlexPath(rng, library)}"`],
        summary: true,
        closing: [`rsync warning: some files vanished before they could be transferred (code 24) ${at('main.c(1338)')}`],
      }
    case 30:
      return {
        listFraction: rng.real(0.2, 0.9),
        messages: [`[sender] io timeout after ${rng.pick([300, 600, 900])} seconds -- exiting`],
        summary: false,
        closing: [`rsync error: timeout in data send/receive (code 30) ${at('io.c(201)')}`],
      }
    case 137:
      // SIGKILL (the OOM killer, usually): rsync dies without a word, the script reports it.
      return { listFraction: rng.real(0.1, 0.9), messages: [], summary: false, closing: [] }
  }
}
