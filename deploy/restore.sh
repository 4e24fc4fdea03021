#!/usr/bin/env bash
# Restore a backup made by backup.sh. Usage: deploy/restore.sh /backups/xianchang-YYYYmmdd-HHMMSS
set -euo pipefail
src="${1:?usage: restore.sh BACKUP_DIR}"
case "${DATABASE_URL:?}" in
  postgres*) pg_restore --clean --if-exists --no-owner --dbname="${DATABASE_URL/+psycopg/}" "$src/db.dump" ;;
  sqlite:///*) cp "$src/db.sqlite" "${DATABASE_URL#sqlite:///}" ;;
  *) echo "unknown DATABASE_URL scheme" >&2; exit 2 ;;
esac
if [ -f "$src/media.tar.gz" ]; then mkdir -p "${MEDIA_ROOT:?}"; tar -C "$MEDIA_ROOT" -xzf "$src/media.tar.gz"; fi
echo "restored from $src"
