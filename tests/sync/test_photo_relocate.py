"""A project's location corrected by a ledger import: its photos' far-from-site flags follow."""

from __future__ import annotations

from server.db import db
from server.inspections.models import Inspection
from server.media.models import Photo
from server.projects.models import Project
from tests.projects.ledger.factories import ledger_xlsx
from tests.projects.test_import_api import post_import
from tests.sync.conftest import new_id
from tests.sync.test_photos import add_blob, attach, setting  # noqa: F401  (the fixture)


def _codes(photo_id: str) -> set[str]:
    return {flag["code"] for flag in db.session.get(Photo, photo_id).evidence["flags"]}


def test_import_moving_a_project_recomputes_its_photos_flags(
    setting,  # noqa: F811
    client,
    login,
    make_user,
    county,
) -> None:
    p, inspection_id, _ = setting
    photo_id = new_id()
    attach(p, inspection_id, photo_id)  # the phone's fix is beside the project
    add_blob(p.user)
    assert "far_from_project" not in _codes(photo_id)
    project = db.session.get(Project, db.session.get(Inspection, inspection_id).project_id)
    version = db.session.get(Photo, photo_id).version

    token = login(make_user("supervisor"))
    ledger = ledger_xlsx({"项目编号": project.code, "纬度": 28.25, "经度": 120.29})
    response = post_import(client, token, ledger, county.id)
    assert response.status_code == 200, response.get_json()

    db.session.expire_all()
    assert db.session.get(Project, project.id).lat == 28.25
    photo = db.session.get(Photo, photo_id)
    assert "far_from_project" in _codes(photo_id)
    assert photo.evidence["distance_to_project_m"] > 10_000
    assert photo.version == version + 1
