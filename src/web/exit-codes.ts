/** What rsync's (and the shell's) exit codes mean, in words a user can act on. */
const MEANINGS: Record<number, string> = {
  0: 'success',
  1: 'syntax or usage error',
  2: 'protocol incompatibility',
  3: 'errors selecting input/output files or directories',
  5: 'error starting the protocol (often a failed login to the rsync daemon)',
  6: 'daemon unable to append to its log file',
  10: 'error in socket I/O (the destination could not be reached)',
  11: 'error in file I/O (disk full or not writable?)',
  12: 'error in the rsync protocol data stream (connection dropped?)',
  14: 'error in inter-process communication',
  20: 'interrupted by a signal (SIGUSR1 or SIGINT)',
  23: 'partial transfer: some files or attributes were not transferred',
  24: 'partial transfer: some source files vanished while copying (usually harmless)',
  25: 'the --max-delete limit stopped deletions',
  30: 'timeout while sending or receiving data',
  35: 'timeout waiting for the daemon connection',
  127: 'command not found (rsync not installed?)',
  130: 'interrupted (Ctrl-C)',
  137: 'killed (out of memory, or stopped with SIGKILL)',
  143: 'terminated (SIGTERM)',
}

/** "code 23: partial transfer: ..." style text; unknown codes are said to be unknown. */
export function exitCodeMeaning(code: number): string {
  return MEANINGS[code] ?? (code > 128 ? `ended by signal ${code - 128}` : 'no known meaning')
}
