"""The object store's half: an S3 bucket backed up and restored, storage keys listed."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from server.backups import database
from server.db import db
from server.media.storage import LocalStorage, blob_key, derived_key, get_storage
from tests.backups.conftest import make_app
from tests.media.uploading import moto_server, s3_bucket_config


@pytest.fixture(scope="module")
def moto_endpoint() -> Iterator[str]:
    with moto_server() as endpoint:
        yield endpoint


def test_an_s3_bucket_is_backed_up_and_restored_object_by_object(
    drill_database: str, tmp_path: Path, moto_endpoint: str
) -> None:
    config = s3_bucket_config(moto_endpoint, f"drill-{uuid.uuid4().hex[:8]}")
    app = make_app(drill_database, tmp_path, **config)
    runner = app.test_cli_runner()
    keys = {blob_key("cd" + "1" * 62): b"original", derived_key("cd" + "1" * 62, "thumb"): b"t"}
    with app.app_context():
        storage = get_storage()
        for key, data in keys.items():
            storage.put(key, data)
        made = runner.invoke(args=["backup", "create", str(tmp_path / "b")])
        assert made.exit_code == 0, made.output
        folder = Path(made.output.strip().splitlines()[-1])
        for key in keys:
            storage.delete(key)
        assert list(storage.list_keys()) == []
        restored = runner.invoke(args=["backup", "restore", "--yes", str(folder)])
        assert restored.exit_code == 0, restored.output
        assert {key: storage.read(key) for key in storage.list_keys()} == keys
        db.session.remove()
        db.engine.dispose()


def test_local_keys_leave_out_uploads_in_progress_and_temporary_files(tmp_path: Path) -> None:
    storage = LocalStorage(tmp_path)
    storage.put(blob_key("ef" + "2" * 62), b"x")
    (tmp_path / "uploads").mkdir()
    (tmp_path / "uploads" / "abc").write_bytes(b"partial")
    (tmp_path / "blobs" / "ef" / ".tmp-123").write_bytes(b"half written")
    assert list(storage.list_keys()) == [blob_key("ef" + "2" * 62)]


def test_a_sqlite_backup_holds_rows_still_in_the_write_ahead_log(tmp_path: Path) -> None:
    path = tmp_path / "live.db"
    writer = sqlite3.connect(path)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("CREATE TABLE late_rows (id INTEGER PRIMARY KEY)")
    writer.execute("INSERT INTO late_rows VALUES (1), (2)")
    writer.commit()
    assert Path(f"{path}-wal").stat().st_size > 0  # the rows are not in the main file yet
    folder = tmp_path / "backup"
    folder.mkdir()
    name, tables = database.dump(f"sqlite:///{path}", None, folder)  # type: ignore[arg-type]
    writer.close()
    assert tables["late_rows"]["rows"] == 2
    copy = sqlite3.connect(folder / name)
    assert copy.execute("SELECT count(*) FROM late_rows").fetchone() == (2,)
    copy.close()
