"""Without a global lock among change-log writers, a photo's scope is read under a lock on its
owner: a transaction moving the problem elsewhere waits until the photo's change row is
committed, and then takes the photo along (PostgreSQL; SQLite has one writer)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from server.db import db
from server.issues.models import Issue
from server.media.models import Photo
from server.media.records import photo_scopes
from tests.sync.conftest import found_problem

pytestmark = pytest.mark.postgres_only


def test_moving_a_problem_waits_for_a_photo_whose_scope_was_just_read(
    app: Any, phone: Any, inspector: Any, project: Any, templates: Any
) -> None:
    issue_id = found_problem(phone(inspector), project.id, "护栏倒塌", "村口护栏倒塌")
    engine = create_engine(db.engine.url)
    try:
        with Session(engine) as attaching, engine.connect() as moving:
            photo = Photo(
                id=str(uuid.uuid4()),
                sha256="ab" * 32,
                size=10,
                content_type="image/jpeg",
                owner_type="issue",
                owner_id=issue_id,
                uploaded_by_id=inspector.id,
            )
            attaching.add(photo)
            photo_scopes(attaching, {photo.id: photo})  # the attach reads its scope
            moving.execute(text("SET lock_timeout = '300ms'"))
            with pytest.raises(OperationalError, match="lock timeout"):
                moving.execute(
                    text(f"UPDATE {Issue.__tablename__} SET title = title WHERE id = :id"),
                    {"id": issue_id},
                )
            moving.rollback()
            attaching.rollback()
            # once the attach is over, the move goes through at once
            moving.execute(
                text(f"UPDATE {Issue.__tablename__} SET title = title WHERE id = :id"),
                {"id": issue_id},
            )
            moving.rollback()
    finally:
        engine.dispose()
