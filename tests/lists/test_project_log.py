"""A project's inspection log: JSON in time order, and the same lines as XLSX."""

from __future__ import annotations

import uuid

from server.db import db
from server.inspections.models import Inspection
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
        ("inspection", "回头看(已提交)"),
        ("problem", "发现问题:三户无法供水"),
        ("problem", "状态变更:三户无法供水"),
        ("problem", "发现问题:阀门井渗漏"),
        ("problem", "状态变更:阀门井渗漏"),
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
