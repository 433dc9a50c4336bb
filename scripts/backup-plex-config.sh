#!/usr/bin/env bash
# backup-plex-config.sh: the reference monthly backup of the backup scripts and their
# settings, in the markers RePlexOn reads (docs/log-format.md, "Script Config Backup").
#
#   0 5 1 * *  /usr/local/bin/backup-plex-config.sh >> /var/log/plex-backup.log 2>&1
#
# Settings (environment, or the env file /etc/default/backup-plex / BACKUP_PLEX_ENV):
#
#   CONFIG_FILES      space-separated files to keep (missing ones are reported and skipped)
#   CONFIG_DEST       where the dated archive goes: a local directory, host:path or rsync://...
#   LOCK_FILE         shared with backup-plex.sh, so the two never run at once
#
# Exit code: 0 on success, else the failing command's code; 75 when the lock is held.

set -u
set -o pipefail

ENV_FILE="${BACKUP_PLEX_ENV:-/etc/default/backup-plex}"
if [ -r "$ENV_FILE" ]; then
  # shellcheck source=/dev/null
  . "$ENV_FILE"
fi

: "${CONFIG_FILES:=/usr/local/bin/backup-plex.sh /usr/local/bin/backup-plex-config.sh /etc/default/backup-plex /etc/msmtprc}"
: "${CONFIG_DEST:=rsync://backup-nas/plex-backups/config}"
: "${LOCK_FILE:=/run/lock/backup-plex.lock}"

exec 9>>"$LOCK_FILE" || { echo "backup-plex-config: cannot open lock file $LOCK_FILE" >&2; exit 2; }
if ! flock -n 9; then
  echo "backup-plex-config: a backup is running (lock $LOCK_FILE held); not starting" >&2
  exit 75
fi

echo "=== Script Config Backup Started: $(date) ==="

work="$(mktemp -d)" || { echo "=== Script Config Backup FAILED with code 1: $(date) ==="; exit 1; }
trap 'rm -rf -- "$work"' EXIT
mkdir -p "$work/config"
for file in $CONFIG_FILES; do
  if [ -e "$file" ]; then
    cp -p -- "$file" "$work/config/" && echo "Collected: $file"
  else
    echo "Skipping (not found): $file"
  fi
done

archive="$work/plex-config-$(date +%F).tar.gz"
tar -czf "$archive" -C "$work" config && rsync -a "$archive" "${CONFIG_DEST%/}/"
code=$?

if [ "$code" -eq 0 ]; then
  echo "=== Script Config Backup Completed: $(date) ==="
else
  echo "=== Script Config Backup FAILED with code $code: $(date) ==="
fi
exit "$code"
