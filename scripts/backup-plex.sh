#!/usr/bin/env bash
# backup-plex.sh: the reference Plex backup script RePlexOn reads.
#
# Copies the Plex data directory with rsync, on Sundays also into a dated weekly
# snapshot (then removes old snapshots), and reports in the marker lines RePlexOn parses
# (docs/log-format.md). Run it from cron with its output appended to the log:
#
#   0 3 * * *  /usr/local/bin/backup-plex.sh >> /var/log/plex-backup.log 2>&1
#
# RePlexOn's "Run now" button and `replexon --broadcast` run it the same way.
#
# Settings: the variables below, each overridable from the environment or from an env
# file (default /etc/default/backup-plex, or BACKUP_PLEX_ENV=/path) of VAR=value lines:
#
#   PLEX_SOURCE       the Plex data directory (copied with a trailing /: its contents)
#   RSYNC_DEST        where to: a local path, host:path (ssh) or rsync://host/module/path
#   RSYNC_FLAGS       rsync options; one -h prints sizes in units of 1000 (RSYNC_HUMAN_BASE)
#   TRACKING_FILE     one "YYYY-MM-DD:success|failed" line per finished run
#   SNAPSHOT_DEST     where weekly snapshots go (default: RSYNC_DEST/snapshots)
#   SNAPSHOT_KEEP     how many snapshots the clean-up keeps (local SNAPSHOT_DEST only)
#   SNAPSHOT_DAY      day of the week for snapshots, 1 = Monday ... 7 = Sunday
#   LOCK_FILE         flock file: a second copy started while one runs exits at once (75)
#
# Exit code: rsync's (0 = success); 75 when another copy holds the lock; 2 for bad settings.

set -u
set -o pipefail

ENV_FILE="${BACKUP_PLEX_ENV:-/etc/default/backup-plex}"
if [ -r "$ENV_FILE" ]; then
  # shellcheck source=/dev/null
  . "$ENV_FILE"
fi

: "${PLEX_SOURCE:=/var/lib/plexmediaserver/Library/Application Support/Plex Media Server}"
: "${RSYNC_DEST:=rsync://backup-nas/plex-backups/current}"
: "${RSYNC_FLAGS:=-avh}"
: "${TRACKING_FILE:=/var/log/plex-backup-tracking.log}"
: "${SNAPSHOT_DEST:=${RSYNC_DEST%/}/snapshots}"
: "${SNAPSHOT_KEEP:=4}"
: "${SNAPSHOT_DAY:=7}"
: "${LOCK_FILE:=/run/lock/backup-plex.lock}"

# Two copies at once would interleave their markers; the second one leaves the log alone.
exec 9>>"$LOCK_FILE" || { echo "backup-plex: cannot open lock file $LOCK_FILE" >&2; exit 2; }
if ! flock -n 9; then
  echo "backup-plex: another backup is running (lock $LOCK_FILE held); not starting" >&2
  exit 75
fi

if [ ! -d "$PLEX_SOURCE" ]; then
  echo "backup-plex: PLEX_SOURCE is not a directory: $PLEX_SOURCE" >&2
fi

# The tracking line carries the date the run started on, even when it ends after midnight.
START_DAY="$(date +%F)"
echo "=== Plex Backup Started: $(date) ==="

# shellcheck disable=SC2086 # RSYNC_FLAGS is a list of options
rsync $RSYNC_FLAGS "${PLEX_SOURCE%/}/" "$RSYNC_DEST"
code=$?

if [ "$code" -ne 0 ]; then
  echo "=== Plex Backup FAILED with code $code: $(date) ==="
  echo "$START_DAY:failed" >> "$TRACKING_FILE"
  exit "$code"
fi

echo "=== Plex Backup Completed Successfully: $(date) ==="
echo "$START_DAY:success" >> "$TRACKING_FILE"

if [ "$(date +%u)" = "$SNAPSHOT_DAY" ]; then
  echo "$(LC_ALL=C date +%A) detected - creating weekly snapshot"
  snapshot="${SNAPSHOT_DEST%/}/$START_DAY/"
  # shellcheck disable=SC2086
  rsync $RSYNC_FLAGS "${PLEX_SOURCE%/}/" "$snapshot"
  snap_code=$?
  if [ "$snap_code" -eq 0 ]; then
    echo "Weekly snapshot created: $snapshot"
  else
    echo "WARNING: Weekly snapshot failed with code $snap_code"
  fi

  # Retention needs to list and delete directories: only possible here for a local path.
  case "$SNAPSHOT_DEST" in
    *:*) echo "Snapshot clean-up skipped: $SNAPSHOT_DEST is remote (clean up on the destination)" ;;
    *)
      echo "=== Plex Snapshot Cleanup - $(date) ===="
      mapfile -t snapshots < <(find "$SNAPSHOT_DEST" -mindepth 1 -maxdepth 1 -type d -name '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' | sort)
      excess=$(( ${#snapshots[@]} - SNAPSHOT_KEEP ))
      if [ "$excess" -le 0 ]; then
        echo "Only ${#snapshots[@]} snapshots found (keeping $SNAPSHOT_KEEP). Nothing to clean."
        echo "Cleanup complete."
      else
        removed=0
        for old in "${snapshots[@]:0:excess}"; do
          echo "Removing old snapshot: $old"
          rm -rf -- "$old" && removed=$((removed + 1))
        done
        echo "Cleanup complete. Removed $removed old snapshot(s)."
      fi
      ;;
  esac
fi

exit 0
