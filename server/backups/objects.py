"""Copying every object of the media storage out to a backup folder and back, by checksum."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

from server.media.services import COPY_CHUNK, Storage

OBJECTS_DIR = "objects"


def _hash_stream(stream: Any, sink: Any = None) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    while chunk := stream.read(COPY_CHUNK):
        digest.update(chunk)
        size += len(chunk)
        if sink is not None:
            sink.write(chunk)
    return digest.hexdigest(), size


def copy_objects_out(storage: Storage, backup_dir: Path) -> dict[str, dict[str, Any]]:
    """Copy every object into ``backup_dir/objects/<key>``; ``{key: {sha256, size}}``."""
    copied: dict[str, dict[str, Any]] = {}
    for key in storage.list_keys():
        target = backup_dir / OBJECTS_DIR / key
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with storage.open(key) as source, target.open("wb") as sink:
                sha256, size = _hash_stream(source, sink)
        except FileNotFoundError:  # deleted (media cleanup) between listing and copying
            target.unlink(missing_ok=True)
            continue
        copied[key] = {"sha256": sha256, "size": size}
    return copied


def put_objects_back(
    storage: Storage, backup_dir: Path, objects: dict[str, dict[str, Any]]
) -> list[str]:
    """Put each object of the manifest back; a file whose checksum is wrong is not put, but
    reported (a damaged backup must not overwrite a good object)."""
    problems = []
    for key, expected in sorted(objects.items()):
        path = backup_dir / OBJECTS_DIR / key
        if not path.is_file():
            problems.append(f"备份中缺少对象 {key}（object missing from the backup）")
            continue
        with path.open("rb") as source:
            sha256, _ = _hash_stream(source)
        if sha256 != expected["sha256"]:
            problems.append(f"备份中的对象 {key} 已损坏（checksum differs in the backup）")
            continue
        with path.open("rb") as source:
            storage.put(key, source)
    return problems


def check_objects(storage: Storage, objects: dict[str, dict[str, Any]]) -> list[str]:
    """Each object of the manifest is in the storage with the same SHA-256."""
    problems = []
    for key, expected in sorted(objects.items()):
        try:
            with storage.open(key) as source:
                sha256, _ = _hash_stream(source)
        except FileNotFoundError:
            problems.append(f"对象 {key} 缺失（object missing）")
            continue
        if sha256 != expected["sha256"]:
            problems.append(f"对象 {key} 校验不一致（checksum differs）")
    return problems


def remove_tree(path: Path) -> None:
    """Remove a partial backup folder."""
    shutil.rmtree(path, ignore_errors=True)
