"""A phone that kept a cookie from before positions (a bare sequence number, version 2) goes on
from where it was: nothing missed, nothing old sent again, no full copy."""

from __future__ import annotations

from sqlalchemy import func, select, update

from server.audience import fingerprint
from server.db import db
from sync.cookies import _mac
from sync.models import ChangeLog
from tests.sync.conftest import NOW, new_id

SECRET = b"test-secret-key"  # the app's SECRET_KEY in the tests


def _old_cookie(p, body: str) -> str:  # type: ignore[no-untyped-def]
    """A version 2 cookie as the server signed it before the upgrade."""
    return f"{body}.{_mac(SECRET, p.client_id, body)}"


def _upgraded() -> int:
    """The rows so far as the migration leaves the rows written before it (xid 0); the
    last sequence number a phone could have read then."""
    db.session.execute(update(ChangeLog).values(xid=0))
    db.session.commit()
    return db.session.scalar(select(func.max(ChangeLog.seq))) or 0


def _create(p, project) -> str:  # type: ignore[no-untyped-def]
    inspection_id = new_id()
    result = p.do(
        "inspection.create", id=inspection_id, project_id=project.id, kind="revisit", started_at=NOW
    )
    assert result["status"] == "applied"
    return inspection_id


def test_an_incremental_old_cookie_brings_only_what_came_after_it(
    phone, inspector, project
) -> None:
    p = phone(inspector)
    p.sync_all()
    seen = _create(p, project)
    scope = fingerprint(inspector)[:16]
    p.cookie = _old_cookie(p, f"2.c.{_upgraded()}.0.{scope}")
    later = _create(p, project)
    body = p.pull()
    assert body["reset"] is False
    assert [c["id"] for c in body["changes"]] == [later]
    assert seen != later and body["cookie"].startswith("3.c.")


def test_a_full_copy_paged_with_an_old_cookie_finishes_without_starting_over(
    phone, inspector, project, templates
) -> None:
    p = phone(inspector)
    before = _create(p, project)
    snapshot = _upgraded()
    scope = fingerprint(inspector)[:16]
    p.cookie = _old_cookie(p, f"2.f.{snapshot}.0.0.{scope}")  # its first page was empty
    after = _create(p, project)
    first = p.pull(limit=2)
    assert first["reset"] is False and first["has_more"] is True
    p.sync_all()  # the copy, as of the snapshot
    assert before in p.ids("inspection")
    p.pull()  # then what came after it
    assert after in p.ids("inspection")
    assert str(project.id) in p.ids("project") and p.ids("template")
