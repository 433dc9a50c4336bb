import type { Config } from '../config.js'
import type { SettingsRepository } from '../db/repositories/settings.js'

/** Facts about the backup that RePlexOn cannot read from the logs: where it goes, what it copies. */
export type BackupInfoField = 'destination' | 'plexDataPath'
export type BackupInfoValue = { value: string; fromEnv: boolean }
export type BackupInfo = Record<BackupInfoField, BackupInfoValue>

export const BACKUP_INFO_FIELDS: readonly BackupInfoField[] = ['destination', 'plexDataPath']
export const BACKUP_INFO_KEYS: Record<BackupInfoField, string> = {
  destination: 'backup.destination',
  plexDataPath: 'backup.plexDataPath',
}
/** The variable that, when set, decides the field instead of the settings page. */
export const BACKUP_INFO_ENV: Record<BackupInfoField, string> = {
  destination: 'BACKUP_DESTINATION',
  plexDataPath: 'PLEX_DATA_PATH',
}
export const BACKUP_INFO_LABELS: Record<BackupInfoField, string> = {
  destination: 'Backup destination',
  plexDataPath: 'Plex data path',
}
export const BACKUP_INFO_MAX_LENGTH = 1024

// Line and paragraph separators break a line like a newline does, so they count as control characters here.
const CONTROL = /[\p{Cc}\u2028\u2029]/u

/** A value a person can correct; the web answers 400 with the message. */
export class BackupInfoInputError extends Error {
  constructor(
    message: string,
    readonly field: BackupInfoField,
  ) {
    super(message)
    this.name = 'BackupInfoInputError'
  }
}

/** The value to store for `raw` (trimmed; empty means "use the default"), or why it cannot be stored. */
export function checkBackupInfoValue(field: BackupInfoField, raw: string): { ok: true; value: string } | { ok: false; problem: string } {
  const value = raw.trim()
  const label = BACKUP_INFO_LABELS[field]
  if (value.length > BACKUP_INFO_MAX_LENGTH) return { ok: false, problem: `${label} must be at most ${BACKUP_INFO_MAX_LENGTH} characters long.` }
  if (CONTROL.test(value)) return { ok: false, problem: `${label} must not contain control characters such as tabs or line breaks.` }
  return { ok: true, value }
}

function configValue(config: Config, field: BackupInfoField): string {
  return (field === 'destination' ? config.backupDestination : config.plexDataPath).trim()
}

/**
 * Each field from the environment when its variable is set (it wins), else the value saved on the
 * settings page, else the configuration's default (empty for the destination: not known).
 */
export async function readBackupInfo(config: Config, settings: SettingsRepository): Promise<BackupInfo> {
  const read = async (field: BackupInfoField): Promise<BackupInfoValue> => {
    if (config.backupInfoFromEnv[field]) return { value: configValue(config, field), fromEnv: true }
    const saved = await settings.get(BACKUP_INFO_KEYS[field])
    return { value: saved ?? configValue(config, field), fromEnv: false }
  }
  return { destination: await read('destination'), plexDataPath: await read('plexDataPath') }
}

/**
 * Saves the given fields (an absent field is left alone; an empty one returns to the default).
 * Every value is checked before anything is written, so a bad one changes nothing.
 * Callers leave out fields the environment sets.
 */
export async function saveBackupInfo(
  settings: SettingsRepository,
  input: Partial<Record<BackupInfoField, string>>,
  now: number,
): Promise<void> {
  const values: [BackupInfoField, string][] = []
  for (const field of BACKUP_INFO_FIELDS) {
    const raw = input[field]
    if (raw === undefined) continue
    const checked = checkBackupInfoValue(field, raw)
    if (!checked.ok) throw new BackupInfoInputError(checked.problem, field)
    values.push([field, checked.value])
  }
  for (const [field, value] of values) {
    if (value === '') await settings.delete(BACKUP_INFO_KEYS[field])
    else await settings.set(BACKUP_INFO_KEYS[field], value, now)
  }
}
