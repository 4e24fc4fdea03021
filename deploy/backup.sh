#!/usr/bin/env bash
# Back up the database and the media folder into one dated directory.
# Usage: deploy/backup.sh /backups   (reads DATABASE_URL and MEDIA_ROOT from the environment)
set -euo pipefail
dest="${1:?usage: backup.sh DEST_DIR}/xianchang-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$dest"
case "${DATABASE_URL:?}" in
  postgres*) pg_dump --format=custom --file="$dest/db.dump" "${DATABASE_URL/+psycopg/}" ;;
  sqlite:///*) sqlite3 "${DATABASE_URL#sqlite:///}" ".backup '$dest/db.sqlite'" ;;
  *) echo "unknown DATABASE_URL scheme" >&2; exit 2 ;;
esac
[ -d "${MEDIA_ROOT:-}" ] && tar -C "$MEDIA_ROOT" -czf "$dest/media.tar.gz" .
echo "backup written to $dest"
