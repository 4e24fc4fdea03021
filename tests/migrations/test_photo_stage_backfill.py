"""Migration 0015 gives existing photos their stage by the rule photo.attach applies now
(server/media/stages.py): by owner, by the uploader's side, by the problem's state when the
office's photo was attached, and by the move that cited it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from flask_migrate import upgrade
from sqlalchemy import JSON, Boolean, DateTime, Integer, MetaData, create_engine, select

from server import create_app
from tests.conftest import _config
from tests.databases import fresh_database

T0 = datetime(2023, 7, 1, 1, 0)


def _at(hour: int) -> datetime:
    return T0.replace(hour=hour)


def _filled(table: Any, given: dict[str, Any]) -> dict[str, Any]:
    """``given`` and a plain value for every other required column (as of revision 0014)."""
    row = dict(given)
    for column in table.columns:
        if column.name in row or column.nullable or column.server_default is not None:
            continue
        if column.primary_key and isinstance(column.type, Integer):
            continue
        if isinstance(column.type, Boolean):
            row[column.name] = False
        elif isinstance(column.type, DateTime):
            row[column.name] = T0
        elif isinstance(column.type, Integer):
            row[column.name] = 1
        elif isinstance(column.type, JSON):
            row[column.name] = {}
        else:
            row[column.name] = "x"
    return row


def _seed(engine: Any) -> None:
    meta = MetaData()
    meta.reflect(engine)
    t = meta.tables
    with engine.begin() as conn:

        def add(name: str, **values: Any) -> None:
            conn.execute(t[name].insert().values(**_filled(t[name], values)))

        add("users", id=1, username="office", role="supervisor")
        add("users", id=2, username="unit", role="unit")
        add("users", id=3, username="deputy", role="deputy")
        add("issues", id="i1", state="closed", severity="low", created_by_id=1, region_path="/1/")
        for n, (frm, to, hour, data) in enumerate(
            [
                (None, "found", 1, None),
                ("found", "assigned", 2, {"expected_from": "found"}),
                (
                    "rectifying",
                    "rectified",
                    4,
                    {"expected_from": "rectifying", "photo_ids": ["p3"]},
                ),
                ("rectified", "verified", 6, {"expected_from": "rectified", "photo_ids": ["p5"]}),
            ],
            start=1,
        ):
            kind = "created" if frm is None else "transition"
            add(
                "issue_events",
                id=n,
                issue_id="i1",
                kind=kind,
                from_state=frm,
                to_state=to,
                actor_id=1,
                at=_at(hour),
                received_at=_at(hour),
                data=data,
            )
        photos = [
            ("p1", "issue", "i1", 1, 1),  # the office's, while 发现: found
            ("p2", "inspection", "x1", 1, 1),  # a checklist photo
            ("p3", "event", "i1", 2, 3),  # the unit's, cited by 已整改: rectify
            ("p4", "issue", "i1", 1, 5),  # the office's after 已整改: verify
            ("p5", "issue", "i1", 1, 3),  # the office's while 整改中, cited by 复核: verify
            ("p6", "report", "r1", 3, 1),  # the deputy's
        ]
        for photo_id, owner_type, owner_id, uploader, hour in photos:
            add(
                "photos",
                id=photo_id,
                sha256=photo_id * 32,
                owner_type=owner_type,
                owner_id=owner_id,
                status="ready",
                uploaded_by_id=uploader,
                created_at=_at(hour),
                received_at=_at(hour),
            )


def test_existing_photos_get_their_stage(tmp_path: Path) -> None:
    with fresh_database(tmp_path) as url:
        app = create_app(_config(url, tmp_path))
        with app.app_context():
            upgrade(revision="0014")
            engine = create_engine(url)
            _seed(engine)
            upgrade(revision="0015")
            meta = MetaData()
            meta.reflect(engine, only=["photos"])
            photos = meta.tables["photos"]
            with engine.connect() as conn:
                stages = dict(conn.execute(select(photos.c.id, photos.c.stage)).all())
            engine.dispose()
            from server.db import db

            db.engine.dispose()
    assert stages == {
        "p1": "found",
        "p2": "inspection",
        "p3": "rectify",
        "p4": "verify",
        "p5": "verify",
        "p6": "report",
    }
