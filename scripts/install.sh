#!/usr/bin/env bash
# install.sh: installs RePlexOn from this checkout as a systemd service.
#
#   git clone <repository> /opt/replexon && sudo /opt/replexon/scripts/install.sh
#
# What it does (again and again safely: nothing you changed is overwritten):
#   1. checks Node.js >= 20.19 and npm;
#   2. npm ci (compiles the TypeScript), then drops the development packages;
#   3. writes /etc/replexon/replexon.env from .env.example with a new SECRET_KEY and
#      DATA_DIR=/var/lib/replexon (only when the file does not exist yet);
#   4. creates /var/lib/replexon;
#   5. installs /usr/local/bin/replexon (the CLI, reading the same settings);
#   6. installs and starts the hardened unit deploy/replexon.service, then waits until
#      /healthz answers and prints the address.
# Nothing is downloaded except the npm packages of package-lock.json.
#
# Options:
#   --root DIR      install below DIR instead of / (to try it or test it: the files
#                   written there point below DIR too)
#   --no-start      do not enable or start the service (implied with --root)
#   --skip-npm      do not run npm (the checkout is already built)
#   --keep-dev      keep the development packages (to run the tests)

set -euo pipefail

APP_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT=""
START=1
NPM=1
KEEP_DEV=0

say() { printf '%s\n' "$*"; }
fail() { printf 'install.sh: %s\n' "$*" >&2; exit 1; }

while [ $# -gt 0 ]; do
  case "$1" in
    --root) [ $# -ge 2 ] || fail "--root needs a directory"; ROOT="${2%/}"; START=0; shift 2 ;;
    --no-start) START=0; shift ;;
    --skip-npm) NPM=0; shift ;;
    --keep-dev) KEEP_DEV=1; shift ;;
    -h|--help) sed -n '2,/^$/p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) fail "unknown option $1 (see --help)" ;;
  esac
done

ETC_DIR="$ROOT/etc/replexon"
ENV_FILE="$ETC_DIR/replexon.env"
DATA_DIR="$ROOT/var/lib/replexon"
UNIT_FILE="$ROOT/etc/systemd/system/replexon.service"
BIN_FILE="$ROOT/usr/local/bin/replexon"

if [ -z "$ROOT" ] && [ "$(id -u)" -ne 0 ]; then
  fail "run it as root (sudo $0): it installs a system service"
fi

# 1. Node.js
NODE="$(command -v node || true)"
[ -n "$NODE" ] || fail "Node.js is not installed; RePlexOn needs Node.js 20.19 or newer (Debian 13: apt install nodejs npm)"
if ! "$NODE" -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>20||(a===20&&b>=19)?0:1)'; then
  fail "Node.js $("$NODE" --version) is too old; RePlexOn needs 20.19 or newer"
fi
command -v npm >/dev/null || fail "npm is not installed (Debian: apt install npm)"

# 2. Build
if [ "$NPM" -eq 1 ]; then
  say "Installing the npm packages and compiling (npm ci) ..."
  (cd "$APP_DIR" && npm ci --no-audit --no-fund)
  if [ "$KEEP_DEV" -eq 0 ]; then
    (cd "$APP_DIR" && npm prune --omit=dev --no-audit --no-fund >/dev/null)
  fi
fi
[ -f "$APP_DIR/dist/main.js" ] || fail "$APP_DIR/dist/main.js is missing: the build did not run (try without --skip-npm)"

# 3. Settings, with a secret of its own
mkdir -p "$ETC_DIR"
chmod 0750 "$ETC_DIR"
if [ -e "$ENV_FILE" ]; then
  say "Keeping the settings in $ENV_FILE"
else
  secret="$("$NODE" -e 'process.stdout.write(require("crypto").randomBytes(32).toString("hex"))')"
  umask 077
  sed -e "s|^SECRET_KEY=.*|SECRET_KEY=$secret|" \
      -e "s|^DATA_DIR=.*|DATA_DIR=$DATA_DIR|" \
      -e "s|^NODE_ENV=.*|NODE_ENV=production|" \
      "$APP_DIR/.env.example" > "$ENV_FILE"
  umask 022
  chmod 0600 "$ENV_FILE"
  say "Wrote $ENV_FILE (new SECRET_KEY; set BACKUP_LOG_PATH and the other paths there)"
fi

# 4. Data directory
mkdir -p "$DATA_DIR"
chmod 0750 "$DATA_DIR"

# 5. The command line, with the service's settings
mkdir -p "$(dirname "$BIN_FILE")"
cat > "$BIN_FILE" <<WRAPPER
#!/bin/sh
# replexon: RePlexOn's command line with the settings of the service ($ENV_FILE).
exec "$NODE" --env-file="$ENV_FILE" "$APP_DIR/dist/cli/main.js" "\$@"
WRAPPER
chmod 0755 "$BIN_FILE"

# 6. The service
mkdir -p "$(dirname "$UNIT_FILE")"
sed -e "s|@NODE@|$NODE|g" -e "s|@APP_DIR@|$APP_DIR|g" -e "s|@ENV_FILE@|$ENV_FILE|g" -e "s|@DATA_DIR@|$DATA_DIR|g" \
  "$APP_DIR/deploy/replexon.service" > "$UNIT_FILE"
chmod 0644 "$UNIT_FILE"
say "Installed $UNIT_FILE and $BIN_FILE"

if [ "$START" -eq 0 ]; then
  say "Not started (--no-start). Start it with: systemctl daemon-reload && systemctl enable --now replexon"
  exit 0
fi
if ! command -v systemctl >/dev/null || [ ! -d /run/systemd/system ]; then
  say "systemd is not running here: start RePlexOn yourself with: $BIN_FILE is the CLI; node $APP_DIR/dist/main.js (with the settings of $ENV_FILE)"
  exit 0
fi
systemctl daemon-reload
systemctl enable --now replexon >/dev/null
systemctl restart replexon

port="$(sed -n 's/^APP_PORT=\([0-9]*\).*/\1/p' "$ENV_FILE" | tail -n 1)"
port="${port:-9847}"
for _ in $(seq 1 30); do
  if "$NODE" -e "fetch('http://127.0.0.1:$port/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; then
    say "RePlexOn is on the air: http://$(hostname -f 2>/dev/null || hostname):$port"
    say "Open it to create the administrator, or run: replexon create-user --username admin --admin"
    exit 0
  fi
  sleep 1
done
fail "the service did not answer on port $port within 30 s; see: journalctl -u replexon -n 50"
