"""The records the permission matrix (tests/test_permissions.py) opens its routes on."""

from __future__ import annotations


def plan(supervisor, project):  # type: ignore[no-untyped-def]
    """A random check of one project, drawn and saved."""
    from datetime import date

    from server.db import db
    from server.planning.models import InspectionPlan, InspectionTask

    plan = InspectionPlan(
        name="随机查",
        kind="random",
        region_path="/",
        as_of=date(2023, 7, 31),
        statuses=["on_schedule"],
        created_by=supervisor,
        algorithm="strata-random-sample-v1",
        seed=1,
        sample_size=1,
        stratify="none",
        population=[project.id],
        sample=[project.id],
        tasks=[InspectionTask(project=project, status="todo", schedule_status="on_schedule")],
    )
    db.session.add(plan)
    db.session.commit()
    return plan


def media(app, inspector, project):  # type: ignore[no-untyped-def]
    """A stored photo of the inspector's inspection, and an upload of theirs in progress."""
    import hashlib
    import uuid
    from datetime import UTC, datetime, timedelta

    from server.db import db
    from server.inspections.models import Inspection
    from server.media.models import Blob, BlobHolder, Photo, Upload
    from server.media.storage import derived_key, get_storage

    now = datetime.now(UTC)
    sha = hashlib.sha256(b"permission matrix photo").hexdigest()
    inspection = Inspection(
        id=str(uuid.uuid4()),
        project_id=project.id,
        kind="routine",
        inspector_id=inspector.id,
        started_at=now,
    )
    blob = Blob(sha256=sha, size=23, content_type="image/jpeg", width=64, height=64)
    photo = Photo(
        id=str(uuid.uuid4()),
        sha256=sha,
        size=23,
        content_type="image/jpeg",
        owner_type="inspection",
        owner_id=inspection.id,
        status="ready",
        uploaded_by_id=inspector.id,
    )
    upload = Upload(
        id="matrix-upload",
        user_id=inspector.id,
        length=10,
        sha256=sha,
        upload_metadata={"sha256": sha},
        expires_at=now + timedelta(hours=1),
    )
    db.session.add_all([inspection, blob, photo, upload])
    db.session.flush()
    db.session.add(BlobHolder(sha256=sha, user_id=inspector.id))  # the inspector sent the bytes
    db.session.commit()
    get_storage(app).put(derived_key(sha, "thumb"), b"thumb")
    return {"blob": blob, "photo": photo, "upload": upload}


def issues(supervisor, own, other, unit, other_unit):  # type: ignore[no-untyped-def]
    """A problem assigned to the unit (with its slip) and one assigned to another unit."""
    import uuid
    from datetime import UTC, date, datetime

    from server.db import db
    from server.issues.models import Issue
    from server.issues.slips import issue_slip

    made = {}
    for key, project, to in (("issue", own, unit), ("other_issue", other, other_unit)):
        issue = Issue(
            id=str(uuid.uuid4()),
            project=project,
            title="管网无水",
            description="",
            severity="high",
            state="assigned",
            unit=to,
            deadline=date(2023, 9, 1),
            created_by=supervisor,
            region_path=project.region_path,
        )
        now = datetime(2023, 8, 1, tzinfo=UTC)
        made[key] = issue
        made[key.replace("issue", "slip")] = issue_slip(
            db.session, supervisor, issue, to, date(2023, 9, 1), "恢复供水", now
        )
    db.session.commit()
    return made


def bulletin(supervisor, county):  # type: ignore[no-untyped-def]
    """A draft bulletin (督查通报) of the county."""
    from datetime import date

    from server.bulletins.models import Bulletin
    from server.db import db

    bulletin = Bulletin(
        region_id=county.id,
        first_day=date(2023, 7, 1),
        last_day=date(2023, 7, 31),
        created_by_id=supervisor.id,
    )
    db.session.add(bulletin)
    db.session.commit()
    return bulletin


def report(deputy, project):  # type: ignore[no-untyped-def]
    """A deputy's report, not yet handled."""
    from server.db import db
    from server.reports.models import DeputyReport

    report = DeputyReport(
        id="00000000-0000-4000-8000-00000000beef",
        deputy_id=deputy.id,
        project_id=project.id,
        title="自来水无法供水",
        description="三户没有来水",
        region_path=project.region_path,
    )
    db.session.add(report)
    db.session.commit()
    return report


def neighbour(make_region):  # type: ignore[no-untyped-def]
    """The next county, with a 水利局 of its own: no problem of ours may go to it."""
    from server.db import db
    from server.regions.models import Unit

    county = make_region("邻县", "county")
    unit = Unit(name="邻县水利局", code="LX-SL", region_id=county.id)
    db.session.add(unit)
    db.session.commit()
    return {"neighbour": county, "neighbour_unit": unit}


def template(supervisor, county):  # type: ignore[no-untyped-def]
    """A checklist the county's office designed (server/inspections/designer.py)."""
    from server.db import db
    from server.inspections import designer

    body = {"name": "安全检查", "county_id": county.id, "items": [PERMISSION_ITEM]}
    made = designer.create(db.session, supervisor, body)
    db.session.commit()
    return made


PERMISSION_ITEM = {
    "kind": "yes_no_na",
    "label": "存在安全隐患",
    "required": True,
    "options": None,
    "unit": None,
    "hint": None,
    "bad_answer": "yes",
    "opens_problem": True,
    "minimum": None,
    "maximum": None,
    "integer": False,
    "min_count": None,
}
