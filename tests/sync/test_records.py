"""What pull sends for each record type, pinned key by key: the PWA reads these shapes.

Each record is built with every optional part present (refs, answers, events, a location, a
linked problem), so nested keys show too. A schema refactor that adds, drops or renames a key
fails here; a deliberate change updates the pin and the PWA together. Problems and reports:
tests/sync/test_records_issues.py.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from server.db import db
from server.inspections.models import Answer, Inspection
from server.media.models import Photo
from server.planning.models import InspectionPlan, InspectionTask
from tests.sync.conftest import new_id
from tests.sync.record_shapes import AT, LOCATION, NAMED, PERSON, build_world, sent, under


@pytest.fixture
def world(make_user, make_unit, make_project, county, townships, templates):  # type: ignore[no-untyped-def]
    return build_world(make_user, make_unit, make_project, county, townships, templates)


def test_template(world) -> None:
    item = {
        *("id", "position", "kind", "label", "required", "options", "unit", "hint"),
        *("bad_answer", "opens_problem", "minimum", "maximum", "integer", "min_count"),
    }
    assert sent("template", world["template"], world["inspector"]) == {
        *("id", "family_id", "county_id", "series_ids", "kinds", "category", "name"),
        *("version", "active", "published_at", "items"),
        *under("items[]", item),
    }


PROJECT_PUBLIC = {
    "id",
    "code",
    "name",
    "level",
    "batch_year",
    "series",
    "county",
    "township",
    "village",
    "unit",
    "progress_pct",
    "planned_investment_yuan",
    "allocated_investment_yuan",
    "spent_investment_yuan",
    "start_date",
    "planned_completion_date",
    "actual_completion_date",
    "postponed_reason",
    "lag_reason",
    *under("series", NAMED),
    *under("county", NAMED),
    *under("township", NAMED),
    *under("village", NAMED),
    *under("unit", NAMED),
    *LOCATION,
}


def test_project(world) -> None:
    assert sent("project", world["project"], world["inspector"]) == {
        *PROJECT_PUBLIC,
        "lead_official",
        "contact_name",
        "contact_phone",
    }


def test_project_as_a_deputy_reads_it(world) -> None:
    assert sent("project", world["project"], world["deputy"]) == PROJECT_PUBLIC


def _inspection(world: dict[str, Any]) -> Inspection:
    template = world["template"]
    inspection = Inspection(
        id=new_id(),
        project=world["project"],
        kind="random",
        template=template,
        inspector=world["inspector"],
        started_at=AT,
        submitted_at=AT,
        status="returned",
        notes="门锁坏了",
        lat=28.1,
        lon=120.1,
        accuracy_m=9,
        located_at=AT,
        reviewed_by_id=world["office"].id,
        reviewed_at=AT,
        review_note="请补拍",
    )
    inspection.answers.append(
        Answer(item=template.items[0], value="yes", note="好", answered_at=AT)
    )
    db.session.add(inspection)
    db.session.commit()
    return inspection


def test_inspection(world) -> None:
    answer = {"item_id", "value", "note", "answered_at"}
    assert sent("inspection", _inspection(world), world["inspector"]) == {
        "id",
        "project_id",
        "kind",
        "template_id",
        "status",
        "inspector",
        *under("inspector", PERSON),
        "started_at",
        "submitted_at",
        "received_at",
        "clock_skew",
        "notes",
        *LOCATION,
        "replaces_id",
        "version",
        "answers",
        *under("answers[]", answer),
        "reviewed_at",
        "review_note",
    }


def test_photo(world) -> None:
    inspection = _inspection(world)
    photo = Photo(
        id=new_id(),
        sha256="a" * 64,
        size=10,
        content_type="image/jpeg",
        owner_type="inspection",
        owner_id=inspection.id,
        status="ready",
        taken_at=AT,
        lat=28.1,
        lon=120.1,
        accuracy_m=5,
        located_at=AT,
        uploaded_by_id=world["inspector"].id,
        evidence={"distance_to_project_m": 12.0, "flags": []},
    )
    db.session.add(photo)
    db.session.commit()
    assert sent("photo", photo, world["inspector"]) == {
        "id",
        "sha256",
        "size",
        "content_type",
        "owner_type",
        "owner_id",
        "status",
        "stage",
        "taken_at",
        "received_at",
        "clock_skew",
        *LOCATION,
        "evidence",
        "version",
    }


def test_task(world) -> None:
    project = world["project"]
    plan = InspectionPlan(
        name="七月随机查",
        kind="random",
        region_path=project.region_path,
        as_of=date(2023, 7, 31),
        statuses=[],
        created_by_id=world["office"].id,
        population=[project.id],
        sample=[project.id],
    )
    task = InspectionTask(
        plan=plan,
        project=project,
        assignee_id=world["inspector"].id,
        due_date=date(2023, 8, 31),
        schedule_status="on_schedule",
        completed_at=AT,
        status="done",
    )
    db.session.add_all([plan, task])
    db.session.commit()
    assert sent("task", task, world["inspector"]) == {
        "id",
        "plan",
        *under("plan", {"id", "name", "kind"}),
        "kind",
        "project_id",
        "project",
        *under("project", {"id", "code", "name"}),
        "assignee_id",
        "due_date",
        "status",
        "schedule_status",
        "completed_at",
        "inspection_id",
    }
