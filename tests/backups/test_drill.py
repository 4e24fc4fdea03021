"""The drill: back up, wipe, restore, and every record and photo is back with equal checksums."""

from __future__ import annotations

import shutil
from pathlib import Path

from flask import Flask
from sqlalchemy import func, select, text

from server.backups.tables import table_checksums
from server.db import db
from server.demo.loader import load_demo
from server.media.storage import blob_key, get_storage
from server.projects.models import Project
from sync.models import ChangeLog
from tests.backups.conftest import make_app


def _photos(shared_dir: Path) -> dict[str, bytes]:
    files = sorted((shared_dir / "samples" / "photos").glob("*.jp*g"))[:3]
    assert files, "no sample photos"
    return {blob_key(f"{i:02d}" + "a" * 62): f.read_bytes() for i, f in enumerate(files)}


def _wipe(app: Flask, media: Path) -> None:
    """What a lost disk leaves: no tables, no photos."""
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    db.session.remove()
    db.engine.dispose()
    if url.startswith("sqlite"):
        path = Path(db.engine.url.database or "")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    else:
        with db.engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    shutil.rmtree(media)


def test_back_up_wipe_restore_gives_back_every_row_and_photo(
    drill_database: str, tmp_path: Path, shared_dir: Path
) -> None:
    app = make_app(drill_database, tmp_path)
    runner = app.test_cli_runner()
    photos = _photos(shared_dir)
    with app.app_context():
        load_demo()
        db.session.commit()
        for key, data in photos.items():
            get_storage().put(key, data)
        with db.engine.connect() as connection:
            before = table_checksums(connection)
        projects = db.session.scalar(select(func.count(Project.id)))
        made = runner.invoke(args=["backup", "create", str(tmp_path / "backups")])
        assert made.exit_code == 0, made.output
        folder = Path(made.output.strip().splitlines()[-1])

        _wipe(app, tmp_path / "media")
        restored = runner.invoke(args=["backup", "restore", "--yes", str(folder)])
        assert restored.exit_code == 0, restored.output

        db.session.remove()
        with db.engine.connect() as connection:
            assert table_checksums(connection) == before
        assert db.session.scalar(select(func.count(Project.id))) == projects > 300
        # the old cluster's transaction ids are forgotten: the log reads in sequence order
        assert db.session.scalar(select(func.count()).where(ChangeLog.xid != 0)) == 0
        for key, data in photos.items():
            assert get_storage().read(key) == data
        db.session.remove()
        db.engine.dispose()


def test_verify_names_the_table_that_changed_since_the_backup(
    drill_database: str, tmp_path: Path
) -> None:
    app = make_app(drill_database, tmp_path)
    runner = app.test_cli_runner()
    with app.app_context():
        load_demo()
        db.session.commit()
        made = runner.invoke(args=["backup", "create", str(tmp_path / "b")])
        folder = Path(made.output.strip().splitlines()[-1])
        assert runner.invoke(args=["backup", "verify", str(folder)]).exit_code == 0
        project = db.session.scalars(select(Project).limit(1)).one()
        project.name = project.name + "（改）"
        db.session.commit()
        checked = runner.invoke(args=["backup", "verify", str(folder)])
        assert checked.exit_code == 1
        assert "表 projects" in checked.output
        db.session.remove()
        db.engine.dispose()


def test_a_damaged_object_in_the_backup_is_reported_and_not_put_back(
    drill_database: str, tmp_path: Path
) -> None:
    app = make_app(drill_database, tmp_path)
    runner = app.test_cli_runner()
    key = blob_key("ab" + "0" * 62)
    with app.app_context():
        get_storage().put(key, b"good bytes")
        made = runner.invoke(args=["backup", "create", str(tmp_path / "b")])
        folder = Path(made.output.strip().splitlines()[-1])
        (folder / "objects" / key).write_bytes(b"rotten bytes")
        get_storage().put(key, b"still good")
        restored = runner.invoke(args=["backup", "restore", "--yes", str(folder)])
        assert restored.exit_code == 1
        assert f"备份中的对象 {key} 已损坏" in restored.output
        assert get_storage().read(key) == b"still good"
        db.session.remove()
        db.engine.dispose()


def test_a_folder_without_a_manifest_is_refused_in_chinese(
    drill_database: str, tmp_path: Path
) -> None:
    app = make_app(drill_database, tmp_path)
    (tmp_path / "empty").mkdir()
    with app.app_context():
        result = app.test_cli_runner().invoke(
            args=["backup", "restore", "--yes", str(tmp_path / "empty")]
        )
        db.session.remove()
        db.engine.dispose()
    assert result.exit_code == 1
    assert "不是备份目录" in result.output
