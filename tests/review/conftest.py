"""Two townships, an inspector covering both, the county office and a township office; an
inspector's phone that submits inspections through sync, and office clients."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from server.db import db
from server.inspections.models import Inspection
from server.inspections.templates import ensure_default_templates
from server.media.models import Photo
from server.regions.services import children
from tests.conftest import PASSWORD
from tests.sync.conftest import NOW, Phone, new_id

BASE = datetime(2023, 7, 31, 1, 0, tzinfo=UTC)
FAR = {
    "code": "far_from_project",
    "message": "拍摄地点距项目 12.3 公里",
    "message_en": "Taken 12.3 km from the project",
    "severity": "warning",
}
INFO = {
    "code": "no_exif_time",
    "message": "照片没有拍摄时间（EXIF），无法核对",
    "message_en": "The photo has no EXIF time to check",
    "severity": "info",
}


class Office:
    """A logged-in office user: ``get`` / ``post`` with the CSRF token."""

    def __init__(self, app, user) -> None:  # type: ignore[no-untyped-def]
        self.client = app.test_client()
        body = {"username": user.username, "password": PASSWORD}
        self.csrf = self.client.post("/api/v1/auth/login", json=body).get_json()["csrf_token"]

    def get(self, url: str, **kwargs: Any) -> Any:
        return self.client.get(url, **kwargs)

    def post(self, url: str, payload: dict[str, Any] | None = None) -> Any:
        return self.client.post(url, json=payload or {}, headers={"X-CSRF-Token": self.csrf})

    def queue(self, query: str = "") -> list[dict[str, Any]]:
        response = self.get(f"/api/v1/review/inspections{query}")
        assert response.status_code == 200, response.get_json()
        return response.get_json()["items"]

    def approve(self, inspection_id: str, **body: Any) -> Any:
        return self.post(f"/api/v1/review/inspections/{inspection_id}/approve", body)

    def send_back(self, inspection_id: str, reason: str | None) -> Any:
        body = {} if reason is None else {"review_note": reason}
        return self.post(f"/api/v1/review/inspections/{inspection_id}/return", body)


@pytest.fixture
def townships(county):  # type: ignore[no-untyped-def]
    return children(county.id, "township")


@pytest.fixture
def templates(app):  # type: ignore[no-untyped-def]
    created = ensure_default_templates(db.session)
    db.session.commit()
    return {t.category: t for t in created}


@pytest.fixture
def site(make_user, make_project, townships, county):  # type: ignore[no-untyped-def]
    east, west = townships
    return {
        "east": make_project(township=east, region_path=east.path, lat=28.15, lon=120.29),
        "west": make_project(township=west, region_path=west.path),
        "inspector": make_user("inspector", townships=[east, west]),
        "supervisor": make_user("supervisor", region=county),
        "east_office": make_user("supervisor", region=east),
        "admin": make_user("admin"),
    }


@pytest.fixture
def field(app, site) -> Phone:  # type: ignore[no-untyped-def]
    return Phone(app, site["inspector"])


@pytest.fixture
def office(app, site) -> Office:  # type: ignore[no-untyped-def]
    return Office(app, site["supervisor"])


@pytest.fixture
def office_of(app):  # type: ignore[no-untyped-def]
    return lambda user: Office(app, user)


def submit(  # type: ignore[no-untyped-def]
    phone: Phone,
    project,
    kind: str = "random",
    minutes: int = 0,
    problem: str | None = None,
    flags: list[dict[str, Any]] | None = None,
    **create: Any,
) -> str:
    """An inspection created and submitted through sync, ``minutes`` after BASE; with a problem
    of that severity, and a ready photo carrying those evidence flags."""
    inspection_id = new_id()
    result = phone.do(
        "inspection.create",
        id=inspection_id,
        project_id=project.id,
        kind=kind,
        started_at=NOW,
        location={"lat": 28.1501, "lon": 120.2901, "accuracy_m": 9, "at": NOW},
        **create,
    )
    assert result["status"] == "applied", result
    if problem:
        phone.do(
            "issue.create",
            id=new_id(),
            project_id=project.id,
            inspection_id=inspection_id,
            title="厕所无水",
            description="水龙头没有水",
            severity=problem,
        )
    if flags is not None:
        db.session.add(
            Photo(
                id=new_id(),
                sha256=new_id().replace("-", "").ljust(64, "0"),
                size=10,
                content_type="image/jpeg",
                owner_type="inspection",
                owner_id=inspection_id,
                status="ready",
                uploaded_by_id=phone.user.id,
                evidence={"distance_to_project_m": 12300.0, "flags": flags},
            )
        )
        db.session.commit()
    assert phone.do("inspection.submit", inspection_id=inspection_id)["status"] == "applied"
    inspection = db.session.get(Inspection, inspection_id)
    inspection.submitted_at = BASE + timedelta(minutes=minutes)
    db.session.commit()
    return inspection_id
