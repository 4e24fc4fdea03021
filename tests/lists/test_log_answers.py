"""The project log shows each inspection's answers against its own checklist version, marks
only the item's bad answer, and gives each line's photo thumbnails by stage (issue 14)."""

from __future__ import annotations

import uuid
from io import BytesIO

from openpyxl import load_workbook

from server.db import db
from server.inspections.models import Answer, ChecklistTemplate, Inspection
from server.inspections.templates import ensure_default_templates
from server.lists.log_answers import is_bad
from server.media.models import Photo
from tests.lists.conftest import at, sheet_rows


def _road(version: int) -> ChecklistTemplate:
    ensure_default_templates(db.session, version=version)
    db.session.flush()
    return db.session.scalars(
        db.select(ChecklistTemplate).where(
            ChecklistTemplate.category == "road", ChecklistTemplate.version == version
        )
    ).one()


def _inspection(world, template: ChecklistTemplate, day: int, answers: dict[int, object]) -> str:  # type: ignore[no-untyped-def]
    inspection = Inspection(
        id=str(uuid.uuid4()),
        project_id=world["pipe"].id,
        kind="random",
        status="submitted",
        inspector_id=world["supervisor"].id,
        template_id=template.id,
        started_at=at(day, 1),
        submitted_at=at(day, 1),
    )
    items = {item.position: item for item in template.items}
    inspection.answers = [
        Answer(item_id=items[position].id, value=value) for position, value in answers.items()
    ]
    db.session.add(inspection)
    db.session.commit()
    return inspection.id


def _lines(as_user, world) -> dict[str, dict]:  # type: ignore[no-untyped-def,type-arg]
    body = as_user(world["supervisor"]).get(f"/api/v1/projects/{world['pipe'].id}/log").get_json()
    return {e["ref_id"]: e for e in body["entries"] if e["kind"] == "inspection"}


def test_each_inspection_shows_its_own_template_version(as_user, world) -> None:
    v1, v2 = _road(1), _road(2)
    v2.items[0].label = "路面硬化已全部完成"  # the office reworded it in version 2
    db.session.commit()
    old = _inspection(world, v1, 12, {1: "yes"})
    new = _inspection(world, v2, 13, {1: "yes"})
    lines = _lines(as_user, world)
    assert lines[old]["checklist"]["template"]["version"] == 1
    assert lines[old]["checklist"]["answers"][0]["label"] == "路面已硬化完成"
    assert lines[new]["checklist"]["template"]["version"] == 2
    assert lines[new]["checklist"]["answers"][0]["label"] == "路面硬化已全部完成"


def test_only_the_items_bad_answer_is_marked(as_user, world) -> None:
    road = _road(1)
    # 1 路面已硬化完成: 否 is bad; 2 硬化长度 (a number) has no bad answer
    inspection = _inspection(world, road, 12, {1: "no", 2: 3.5, 3: "yes"})
    answers = _lines(as_user, world)[inspection]["checklist"]["answers"]
    assert [(a["position"], a["value"], a["bad"]) for a in answers] == [
        (1, "no", True),
        (2, 3.5, False),
        (3, "yes", False),
    ]


def test_an_inspection_line_has_its_photo_thumbnails(as_user, world) -> None:
    inspection = _inspection(world, _road(1), 12, {})
    photo = Photo(
        id=str(uuid.uuid4()),
        sha256=uuid.uuid4().hex * 2,
        size=10,
        content_type="image/jpeg",
        owner_type="inspection",
        owner_id=inspection,
        stage="inspection",
        uploaded_by_id=world["supervisor"].id,
    )
    db.session.add(photo)
    db.session.commit()
    [shown] = _lines(as_user, world)[inspection]["photos"]
    assert shown["stage"] == "inspection"
    assert shown["thumb_url"] == f"/api/v1/photos/{photo.id}/thumb"


def test_is_bad_reads_single_and_multiple_answers() -> None:
    assert is_bad("yes", "yes") and not is_bad("yes", "no")
    assert is_bad(["脏乱"], ["干净", "脏乱"]) and not is_bad(["脏乱"], ["干净"])
    assert not is_bad(None, "no") and not is_bad("no", None)


def test_the_xlsx_has_each_inspections_answers(as_user, world) -> None:
    _inspection(world, _road(1), 12, {1: "no", 2: 3.5})
    response = as_user(world["supervisor"]).get(
        f"/api/v1/projects/{world['pipe'].id}/log?format=xlsx"
    )
    headers = [c.value for c in load_workbook(BytesIO(response.data)).worksheets[0][2]]
    assert headers[-1] == "检查表回答"
    [line] = [r for r in sheet_rows(response) if r[2] == "检查"]
    assert line[-1] == "道路硬化检查表（第 1 版）\n路面已硬化完成：否（问题）\n硬化长度：3.5 公里"
    assert [r[-1] for r in sheet_rows(response) if r[2] == "进度"] == [None]
