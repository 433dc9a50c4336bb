import path from 'node:path'

export type BackupMatch = {
  /** BACKUP_SCRIPT_PATH */
  scriptPath: string
  /** BACKUP_LOG_PATH */
  logPath: string
  /** BACKUP_JOB_MATCH: more words that mark a backup job (a wrapper script, a job name). */
  extra?: readonly string[]
}

/** The part of the config a BackupMatch is made of. */
export function backupMatchOf(config: { backupScriptPath: string; backupLogPath: string; backupJobMatch: readonly string[] }): BackupMatch {
  return { scriptPath: config.backupScriptPath, logPath: config.backupLogPath, extra: config.backupJobMatch }
}

/** The words that mark a command as the Plex backup: the script and the log, by full path and by file name. */
export function backupNeedles(match: BackupMatch): string[] {
  const needles = [match.scriptPath, match.logPath, path.basename(match.scriptPath), path.basename(match.logPath), ...(match.extra ?? [])]
  return [...new Set(needles.filter((n) => n !== '' && n !== '/'))]
}

/**
 * True when `command` runs the backup script or writes the backup log. The file names
 * count on their own because crontabs often call the script through a symlink, another
 * directory or `bash script.sh` while config names its installed path.
 */
export function isBackupJob(command: string, match: BackupMatch): boolean {
  const extra = new Set(match.extra ?? [])
  // Configured words match anywhere; the paths must stand alone.
  return backupNeedles(match).some((needle) => (extra.has(needle) ? command.includes(needle) : containsWord(command, needle)))
}

/** `needle` in `text` not glued to a longer file name ("backup-plex.sh" is not in "old-backup-plex.sh.bak"). */
function containsWord(text: string, needle: string): boolean {
  let at = text.indexOf(needle)
  while (at >= 0) {
    const before = at === 0 ? '' : text[at - 1]!
    const after = text[at + needle.length] ?? ''
    if (!/[\w.-]/.test(before) && !/[\w.-]/.test(after)) return true
    at = text.indexOf(needle, at + 1)
  }
  return false
}

/**
 * A name for a job: the comment just above it when there is one (people write
 * "# Plex backup, Sundays" there), else "Plex backup" for the backup, else its command
 * (shortened), since a program name alone ("cd", "test") says little.
 */
export function jobLabel(command: string, commentAbove: string | null, backup: boolean): string {
  const comment = commentAbove?.trim()
  if (comment && !looksLikeCommentedOutJob(comment)) return shorten(comment)
  return backup ? 'Plex backup' : shorten(command)
}

function shorten(text: string): string {
  return text.length > 70 ? `${text.slice(0, 69)}…` : text
}

function looksLikeCommentedOutJob(comment: string): boolean {
  return /^(@\w+|[0-9*][^\s]*(\s+[0-9*a-z][^\s]*){4})\s+\S/i.test(comment)
}
