"""The office's list of reports carries what its cards show: place, project and photos."""

from __future__ import annotations

from tests.sync.conftest import new_id


def _attach(deputy, report_id: str, sha: str) -> str:  # type: ignore[no-untyped-def]
    photo_id = new_id()
    result = deputy.do(
        "photo.attach",
        id=photo_id,
        sha256=sha * 64,
        size=10,
        content_type="image/jpeg",
        owner_type="report",
        owner_id=report_id,
    )
    assert result["status"] == "applied", result
    return photo_id


def test_list_has_each_reports_photos_by_report(office, deputy, filed) -> None:
    bare = new_id()
    deputy.do("report.create", id=bare, title="文化空间闲置", description="大门常年紧锁")
    first, second = _attach(deputy, filed, "c"), _attach(deputy, filed, "d")
    body = office.get("/api/v1/reports").get_json()
    assert [p["id"] for p in body["photos"][filed]] == [first, second]
    assert body["photos"][filed][0]["thumb_url"] == f"/api/v1/photos/{first}/thumb"
    assert body["photos"][bare] == []


def test_list_items_have_place_and_project(office, filed, pipe_project) -> None:
    item = office.get("/api/v1/reports").get_json()["items"][0]
    assert item["project"] == {
        "id": pipe_project.id,
        "code": pipe_project.code,
        "name": pipe_project.name,
    }
    assert (item["location"]["lat"], item["location"]["lon"]) == (25.0, 118.8)
    assert item["location"]["accuracy_m"] == 20
