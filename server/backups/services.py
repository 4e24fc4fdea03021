"""Create, restore and verify a backup: the database, every stored object, one manifest."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flask import Flask

from server.backups import database, objects
from server.backups.tables import compare_tables
from server.db import db
from server.media.services import get_storage
from sync.changes import forget_transaction_ids

MANIFEST = "manifest.json"
FORMAT = 1


def create_backup(app: Flask, dest: Path) -> Path:
    """Write ``dest/xianchang-<UTC time>/`` and return it; a failed backup leaves no folder."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    folder = dest / f"xianchang-{stamp}"
    suffix = 1
    while folder.exists():
        suffix += 1
        folder = dest / f"xianchang-{stamp}-{suffix}"
    folder.mkdir(parents=True)
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    try:
        db_file, tables = database.dump(url, db.engine, folder)
        copied = objects.copy_objects_out(get_storage(app), folder)
        manifest = {
            "format": FORMAT,
            "created_at": datetime.now(UTC).isoformat(),
            "database": {"kind": database.kind_of(url), "file": db_file, "tables": tables},
            "storage": app.config.get("MEDIA_STORAGE", "local"),
            "objects": copied,
        }
        (folder / MANIFEST).write_text(
            json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8"
        )
    except BaseException:
        objects.remove_tree(folder)
        raise
    return folder


def read_manifest(backup_dir: Path) -> dict[str, Any]:
    """The backup's manifest; BackupError when the folder is not a backup of this format."""
    path = backup_dir / MANIFEST
    if not path.is_file():
        raise database.BackupError(f"{backup_dir} 不是备份目录（no {MANIFEST}）")
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT:
        raise database.BackupError(f"备份格式 {manifest.get('format')} 无法识别（unknown format）")
    return manifest


def restore_backup(app: Flask, backup_dir: Path) -> list[str]:
    """Put the database and every object back, then check both against the manifest;
    returns what still differs (empty: the restore is whole)."""
    manifest = read_manifest(backup_dir)
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if manifest["database"]["kind"] != database.kind_of(url):
        raise database.BackupError(
            f"备份来自 {manifest['database']['kind']}，不能恢复到 {database.kind_of(url)}"
            "（the backup is of another database kind）"
        )
    db.session.remove()
    database.restore(url, db.engine, backup_dir, manifest["database"]["file"])
    # transaction ids of the old cluster mean nothing in this one: the change log's order
    # falls back to sequence order for every restored row (phones ahead get a full copy)
    forget_transaction_ids(db.session)
    db.session.commit()
    problems = objects.put_objects_back(get_storage(app), backup_dir, manifest["objects"])
    return problems + verify_backup(app, backup_dir)


def verify_backup(app: Flask, backup_dir: Path) -> list[str]:
    """What differs between the installation now and the backup (empty: equal)."""
    manifest = read_manifest(backup_dir)
    db.session.remove()
    db.engine.dispose()
    problems = compare_tables(manifest["database"]["tables"], database.current_checksums(db.engine))
    return problems + objects.check_objects(get_storage(app), manifest["objects"])
