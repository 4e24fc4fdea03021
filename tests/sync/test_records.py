"""What pull sends for each record type, pinned key by key: the PWA reads these shapes.

Each record is built with every optional part present (refs, answers, events, a location, a
linked problem), so nested keys show too. A schema refactor that adds, drops or renames a key
fails here; a deliberate change updates the pin and the PWA together.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from server.db import db
from server.inspections.models import Answer, Inspection
from server.issues import events as contract
from server.issues.models import AssignmentSlip, Issue, IssueEvent
from server.media.models import Photo
from server.planning.models import InspectionPlan, InspectionTask
from server.regions.models import Series
from server.regions.services import children
from server.reports.models import DeputyReport
from sync.registry import record_type
from tests.sync.conftest import new_id

AT = datetime(2023, 7, 31, 1, 30, tzinfo=UTC)
# free-form values (JSON the record holds as it is): their inside is not a shape
OPAQUE = {"items[].options", "answers[].value", "evidence", "events[].data"}
LOCATION = {"location", "location.lat", "location.lon", "location.accuracy_m", "location.at"}
PERSON = {"id", "display_name"}
NAMED = {"id", "name"}


def key_paths(data: Any, prefix: str = "") -> set[str]:
    """Every key of ``data`` as a path (``a.b``, ``a[].b`` inside lists), opaque values whole."""
    paths: set[str] = set()
    if isinstance(data, dict):
        for key, value in data.items():
            path = f"{prefix}.{key}" if prefix else key
            paths.add(path)
            if path not in OPAQUE:
                paths |= key_paths(value, path)
    elif isinstance(data, list):
        for value in data:
            paths |= key_paths(value, f"{prefix}[]")
    return paths


def under(prefix: str, keys: set[str]) -> set[str]:
    return {f"{prefix}.{key}" for key in keys}


def pulled(name: str, record: Any, user: Any) -> dict[str, Any]:
    """The data pull sends ``user`` for ``record``, loaded as pull loads it."""
    kind = record_type(name)
    db.session.expire_all()
    loaded = db.session.scalars(
        db.select(kind.model).where(kind.model.id == record.id).options(*kind.load_options)
    ).one()
    return kind.serialize(loaded, user)


def sent(name: str, record: Any, user: Any) -> set[str]:
    """The key paths of what pull sends ``user`` for ``record``; its id keeps its JSON type
    (text, but a project's number, as the phones key their copies)."""
    data = pulled(name, record, user)
    assert type(data["id"]) is (int if name == "project" else str), data["id"]
    return key_paths(data)


@pytest.fixture
def world(make_user, make_unit, make_project, county, townships, templates):  # type: ignore[no-untyped-def]
    east = townships[0]
    village = children(east.id, "village")[0]
    series = Series(name="养老托育", region_id=county.id)
    db.session.add(series)
    db.session.flush()
    unit = make_unit()
    project = make_project(
        township=east,
        village=village,
        series=series,
        unit=unit,
        region_path=village.path,
        lat=28.15,
        lon=120.29,
        lead_official="张三",
        contact_name="李四",
        contact_phone="13800000000",
        progress=40,
    )
    inspector = make_user("inspector", townships=[east])
    return {
        "project": project,
        "unit": unit,
        "inspector": inspector,
        "office": make_user("supervisor", region=county),
        "deputy": make_user("deputy", region=county),
        "template": templates["rural_toilet"],
    }


def test_template(world) -> None:
    item = {"id", "position", "kind", "label", "required", "options", "unit", "hint"}
    assert sent("template", world["template"], world["inspector"]) == {
        "id",
        "category",
        "name",
        "version",
        "active",
        "items",
        *under("items[]", item),
    }


PROJECT_PUBLIC = {
    "id",
    "code",
    "name",
    "level",
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
        *LOCATION,
        "evidence",
        "version",
    }


def _issue(world: dict[str, Any], report: DeputyReport | None = None) -> Issue:
    project = world["project"]
    issue = Issue(
        id=new_id(),
        project=project,
        report_id=report.id if report else None,
        title="厕所无水",
        description="水龙头没有水",
        severity="high",
        state="rectifying",
        unit=world["unit"],
        deadline=date(2023, 8, 31),
        lat=28.1,
        lon=120.1,
        accuracy_m=9,
        created_by=world["office"],
        region_path=project.region_path,
    )
    assign = {"expected_from": "found", "unit_id": world["unit"].id, "deadline": "2023-08-15"}
    steps = [("found", "assigned", assign, world["office"], None)]
    if report is not None:  # closed, then reopened by the deputy's 不满意 (reports/lifecycle.py)
        rating = {"via": "rating", "rating": "dissatisfied", "report_id": report.id}
        reopened = {**rating, "reopened": True, "deadline": "2023-08-31"}
        steps.append(("closed", "rectifying", reopened, world["deputy"], "还是不亮"))
    for from_state, to_state, data, actor, reason in steps:
        assert contract.conforms("transition", data), data
        issue.events.append(
            IssueEvent(
                kind="transition",
                from_state=from_state,
                to_state=to_state,
                actor_id=actor.id,
                at=AT,
                reason=reason,
                data=data,
            )
        )
    db.session.add(issue)
    db.session.commit()
    return issue


def _report(world: dict[str, Any]) -> DeputyReport:
    project = world["project"]
    report = DeputyReport(
        id=new_id(),
        deputy_id=world["deputy"].id,
        project=project,
        title="路灯不亮",
        description="村口路灯坏了",
        lat=28.1,
        lon=120.1,
        accuracy_m=20,
        located_at=AT,
        status="accepted",
        reply="已交办",
        rating="dissatisfied",
        rating_comment="还是不亮",
        rated_at=AT,
        region_path=project.region_path,
    )
    db.session.add(report)
    db.session.commit()
    return report


def _slip(world: dict[str, Any], issue: Issue) -> None:
    """The slip in force: what the unit was asked (交办单)."""
    slip = AssignmentSlip(
        issue=issue,
        region_id=world["project"].county_id,
        prefix="督交",
        year=2023,
        number=17,
        unit=world["unit"],
        deadline=date(2023, 8, 15),
        requirements="三日内恢复供水",
        issued_by_id=world["office"].id,
        issued_at=AT,
    )
    db.session.add(slip)
    db.session.commit()


def test_issue(world) -> None:
    event = {"id", "kind", "from_state", "to_state", "actor", "at", "reason", "data"}
    event |= {"received_at", "clock_skew", "late"}
    issue = _issue(world, _report(world))
    _slip(world, issue)
    assert sent("issue", issue, world["office"]) == {
        "id",
        "project_id",
        "inspection_id",
        "report_id",
        "title",
        "description",
        "severity",
        "state",
        "unit",
        *under("unit", NAMED),
        "deadline",
        "suggested_unit",
        "suggested_deadline",
        "duplicate_of_id",
        "pending_extension_until",
        *LOCATION,
        "created_by",
        *under("created_by", PERSON),
        "source_report",
        "source_report.id",
        "source_report.deputy",
        *under("source_report.deputy", NAMED),
        "slip",
        *under("slip", {"code", "requirements", "deadline", "issued_at"}),
        "created_at",
        "version",
        "events",
        *under("events[]", event),
        *under("events[].actor", PERSON),
        "events_more",
    }


def test_report(world) -> None:
    report = _report(world)
    _issue(world, report)
    assert sent("report", report, world["deputy"]) == {
        "id",
        "project_id",
        "title",
        "description",
        *LOCATION,
        "status",
        "reply",
        "rating",
        "rating_comment",
        "rated_at",
        "created_at",
        "received_at",
        "rated_received_at",
        "clock_skew",
        "version",
        "issue_id",
        "issue_state",
        "issue_deadline",
        "steps",
        *under("steps[]", {"key", "done", "at"}),
        "reopened",
        *under("reopened", {"at", "deadline"}),
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
