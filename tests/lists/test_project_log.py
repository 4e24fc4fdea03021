"""A project's inspection log: JSON in time order, and the same lines as XLSX."""

from __future__ import annotations

import uuid
from io import BytesIO

from openpyxl import load_workbook

from server.db import db
from server.inspections.models import Inspection
from server.media.models import Photo
from tests.lists.conftest import at, sheet_rows


def _inspection(world) -> None:  # type: ignore[no-untyped-def]
    db.session.add(
        Inspection(
            id=str(uuid.uuid4()),
            project_id=world["pipe"].id,
            kind="revisit",
            status="submitted",
            inspector_id=world["supervisor"].id,
            started_at=at(12, 1),
            submitted_at=at(12, 1),
            notes="管网末端压力不足",
        )
    )
    db.session.commit()


def test_the_log_is_one_timeline(as_user, world) -> None:
    _inspection(world)
    body = as_user(world["supervisor"]).get(f"/api/v1/projects/{world['pipe'].id}/log").get_json()
    assert body["project"]["code"] == "ZLS-01"
    assert body["totals"] == {
        "entries": 6,
        "inspections": 1,
        "problems": 2,
        "problem_events": 4,
        "progress_reports": 1,
    }
    kinds = [(e["kind"], e["title"]) for e in body["entries"]]
    assert kinds == [
        ("progress", "形象进度 60%"),
        ("inspection", "回头看（已提交）"),
        ("problem", "发现问题：三户无法供水"),
        ("problem", "状态变更：三户无法供水"),
        ("problem", "发现问题：阀门井渗漏"),
        ("problem", "状态变更：阀门井渗漏"),
    ]
    assert body["entries"][3]["detail"] == "发现 → 已交办"
    assert [e["at"] for e in body["entries"]] == sorted(e["at"] for e in body["entries"])


def test_the_xlsx_has_the_json_lines(as_user, world) -> None:
    _inspection(world)
    office = as_user(world["supervisor"])
    url = f"/api/v1/projects/{world['pipe'].id}/log"
    entries = office.get(url).get_json()["entries"]
    rows = sheet_rows(office.get(url + "?format=xlsx"))
    assert len(rows) == len(entries)
    assert [r[0] for r in rows] == list(range(1, len(entries) + 1))
    assert [(r[2], r[3], r[4], r[5]) for r in rows] == [
        (e["kind_label"], e["title"], e["detail"], e["who"]) for e in entries
    ]
    assert rows[1][1] == "2023-07-12 09:00"  # 01:00 UTC in Beijing time


def test_a_project_outside_the_region_has_no_log(as_user, world) -> None:
    url = f"/api/v1/projects/{world['pipe'].id}/log"
    assert as_user(world["west_office"]).get(url).status_code == 404
    assert as_user(world["west_office"]).get(url + "?format=xlsx").status_code == 404
    assert as_user(world["supervisor"]).get(url + "?format=pdf").status_code == 422


def _photos(world, owner_type: str, owner_id: str, *stages: str) -> None:  # type: ignore[no-untyped-def]
    for stage in stages:
        db.session.add(
            Photo(
                id=str(uuid.uuid4()),
                sha256=uuid.uuid4().hex * 2,
                size=10,
                content_type="image/jpeg",
                owner_type=owner_type,
                owner_id=owner_id,
                stage=stage,
                uploaded_by_id=world["supervisor"].id,
            )
        )
    db.session.commit()


def test_each_problem_line_counts_its_photos_by_stage(as_user, world) -> None:
    leak = world["issues"]["leak"]
    _photos(world, "issue", leak.id, "found", "rectify", "rectify")
    _photos(world, "event", leak.id, "verify")
    body = as_user(world["supervisor"]).get(f"/api/v1/projects/{world['pipe'].id}/log").get_json()
    counts = {e["title"]: e["photo_counts"] for e in body["entries"] if e["kind"] == "problem"}
    assert counts["状态变更：阀门井渗漏"] == {
        "found": 1,
        "rectify": 2,
        "verify": 1,
        "report": 0,
        "inspection": 0,
    }
    assert counts["状态变更：三户无法供水"]["rectify"] == 0
    progress = [e for e in body["entries"] if e["kind"] == "progress"]
    assert progress[0]["photo_counts"] is None


def test_an_inspection_line_counts_its_checklist_photos(as_user, world) -> None:
    _inspection(world)
    inspection = db.session.scalars(db.select(Inspection)).one()
    _photos(world, "inspection", inspection.id, "inspection", "inspection")
    body = as_user(world["supervisor"]).get(f"/api/v1/projects/{world['pipe'].id}/log").get_json()
    [line] = [e for e in body["entries"] if e["kind"] == "inspection"]
    assert line["photo_counts"]["inspection"] == 2


def test_the_xlsx_has_a_column_per_stage(as_user, world) -> None:
    leak = world["issues"]["leak"]
    _photos(world, "issue", leak.id, "found", "rectify", "rectify", "verify")
    office = as_user(world["supervisor"])
    url = f"/api/v1/projects/{world['pipe'].id}/log"
    response = office.get(url + "?format=xlsx")
    headers = [c.value for c in load_workbook(BytesIO(response.data)).worksheets[0][2]]
    assert headers[7:11] == ["发现照片", "整改照片", "复核照片", "代表照片"]
    rows = sheet_rows(response)
    leak_rows = [r for r in rows if r[3] == "状态变更：阀门井渗漏"]
    assert leak_rows[0][7:11] == (1, 2, 1, 0)
    assert [r[7] for r in rows if r[2] == "进度"] == [None]


def test_a_problem_line_lists_its_photos_warning_flags(as_user, world) -> None:
    leak = world["issues"]["leak"]
    _photos(world, "issue", leak.id, "rectify")
    photo = db.session.scalars(db.select(Photo).where(Photo.owner_id == leak.id)).one()
    far = {"code": "far_from_project", "message": "拍摄地点距项目 2.1 公里", "severity": "warning"}
    info = {
        "code": "no_exif_time",
        "message": "照片没有拍摄时间（EXIF），无法核对",
        "severity": "info",
    }
    photo.evidence = {"flags": [far, info]}
    db.session.commit()
    body = as_user(world["supervisor"]).get(f"/api/v1/projects/{world['pipe'].id}/log").get_json()
    lines = {e["title"]: e["warning_flags"] for e in body["entries"] if e["kind"] == "problem"}
    assert lines["状态变更：阀门井渗漏"] == [far]
    assert lines["状态变更：三户无法供水"] == []
