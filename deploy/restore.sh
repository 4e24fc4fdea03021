#!/usr/bin/env bash
# Restore a backup made by backup.sh, then check every table and object against its manifest
# (exit 1 and the differences listed when anything is not back). Stop the app first.
#   systemctl stop xianchang; deploy/restore.sh /backups/xianchang-YYYYmmdd-HHMMSS [--yes]
#   systemctl start xianchang
# `flask --app server backup verify DIR` compares a running installation with a backup.
set -euo pipefail
cd "$(dirname "$0")/.."
src="${1:?usage: restore.sh BACKUP_DIR [--yes]}"
shift
exec .venv/bin/flask --app server backup restore "$@" "$src"
