"""Times from the phone (server/clock.py): what happened offline days ago is that day's in the
project log, the review queue and a bulletin; a clock ahead, or before the account existed, is not
trusted and is flagged; a rectification received after its deadline is late whatever the phone
said (server/issues/deadlines.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from server.clock import trusted_time
from server.db import db
from server.inspections.models import Answer, Inspection
from server.issues.deadlines import rectified_late
from server.issues.models import Issue, IssueEvent
from server.media.models import Photo
from server.reports.models import DeputyReport
from tests.lists.conftest import sheet_rows
from tests.review.conftest import Office
from tests.sync.conftest import (
    Phone,
    attach_issue_photo,
    evidence,
    found_problem,
    move,
    new_id,
    photo_sha,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _iso(moment: datetime) -> str:
    return moment.isoformat()


def _parse(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _day(moment: datetime) -> date:
    return moment.astimezone(SHANGHAI).date()


def at_time(phone: Phone, when: datetime, name: str, **args: Any) -> dict[str, Any]:
    """``phone`` pushes one mutation whose client_time is ``when``; its result."""
    mutation = phone.mutation(name, **args)
    mutation["client_time"] = _iso(when)
    response = phone.push(mutation)
    assert response.status_code == 200, response.get_json()
    return response.get_json()["results"][0]


def _since(user, days: int) -> None:  # type: ignore[no-untyped-def]
    """The user's account has existed for ``days`` days."""
    user.created_at = _now() - timedelta(days=days)
    db.session.commit()


@pytest.fixture
def cast(app, phone, make_user, make_unit, make_project, townships, county):  # type: ignore[no-untyped-def]
    east = townships[0]
    water = make_unit("水利局")
    people = {
        "inspector": make_user("inspector", townships=[east]),
        "supervisor": make_user("supervisor", region=county),
        "unit": make_user("unit", unit=water),
    }
    for user in people.values():
        _since(user, 30)
    return {
        **{role: phone(user) for role, user in people.items()},
        "office": Office(app, people["supervisor"]),
        "water": water,
        "project": make_project(township=east, region_path=east.path, unit=water),
    }


def _inspection(cast, started: datetime, submitted: datetime | None, template=None) -> str:  # type: ignore[no-untyped-def]
    inspection_id = new_id()
    args: dict[str, Any] = {"template_id": template.id} if template is not None else {}
    result = at_time(
        cast["inspector"],
        started,
        "inspection.create",
        id=inspection_id,
        project_id=cast["project"].id,
        kind="random",
        started_at=_iso(started),
        **args,
    )
    assert result["status"] == "applied", result
    if template is not None:
        for item in template.items:
            if item.required or item.kind == "yes_no_na":
                value = {"yes_no_na": "yes", "number": 1, "choice": (item.options or ["是"])[0]}
                answer = value.get(item.kind, "好")
                if item.kind in ("photo", "gps"):
                    continue
                result = at_time(
                    cast["inspector"],
                    started + timedelta(minutes=5),
                    "answer.set",
                    inspection_id=inspection_id,
                    item_id=item.id,
                    value=answer,
                )
                assert result["status"] == "applied", result
    if submitted is not None:
        result = at_time(
            cast["inspector"], submitted, "inspection.submit", inspection_id=inspection_id
        )
        assert result["status"] == "applied", result
    return inspection_id


def _stored(model, record_id):  # type: ignore[no-untyped-def]
    db.session.expire_all()
    return db.session.get(model, record_id)


def test_an_inspection_made_offline_three_days_ago_is_that_days(cast) -> None:  # type: ignore[no-untyped-def]
    done = _now() - timedelta(days=3)
    inspection_id = _inspection(cast, done - timedelta(minutes=20), done)
    received = _now()

    inspection = _stored(Inspection, inspection_id)
    assert inspection.started_at == done - timedelta(minutes=20)
    assert inspection.submitted_at == done
    assert abs(inspection.received_at - received) < timedelta(minutes=1)
    assert inspection.clock_skew is False

    office = cast["office"]
    log = office.get(f"/api/v1/projects/{cast['project'].id}/log").get_json()
    [entry] = [e for e in log["entries"] if e["kind"] == "inspection"]
    assert _parse(entry["at"]) == done
    assert abs(_parse(entry["received_at"]) - received) < timedelta(minutes=1)
    rows = sheet_rows(office.get(f"/api/v1/projects/{cast['project'].id}/log?format=xlsx"))
    [row] = [r for r in rows if r[2] == "检查"]
    local = "%Y-%m-%d %H:%M"
    assert row[1] == done.astimezone(SHANGHAI).strftime(local)  # 时间: when it was done
    assert row[6][:10] == received.astimezone(SHANGHAI).strftime(local)[:10]  # 同步时间

    [item] = office.queue()
    assert _parse(item["submitted_at"]) == done
    assert abs(_parse(item["received_at"]) - received) < timedelta(minutes=1)
    assert item["clock_skew"] is False

    day = _day(done)
    figures = office.get(
        f"/api/v1/bulletins/figures?from={day}&to={day + timedelta(days=1)}"
    ).get_json()
    assert figures["inspections"]["total"] == 1
    today = _day(received)
    figures = office.get(f"/api/v1/bulletins/figures?from={today}&to={today}").get_json()
    assert figures["inspections"]["total"] == 0


def test_answers_keep_the_phones_time(cast, templates) -> None:  # type: ignore[no-untyped-def]
    done = _now() - timedelta(days=2)
    template = templates["rural_toilet"]
    inspection_id = _inspection(cast, done, None, template)
    answers = _stored(Inspection, inspection_id).answers
    assert answers
    for answer in answers:
        assert isinstance(answer, Answer)
        assert answer.answered_at == done + timedelta(minutes=5)
        assert answer.received_at > done + timedelta(days=1)
        assert answer.clock_skew is False


def test_a_phone_two_days_ahead_is_flagged_and_not_trusted(cast) -> None:  # type: ignore[no-untyped-def]
    ahead = _now() + timedelta(days=2)
    inspection_id = _inspection(cast, ahead, ahead + timedelta(minutes=10))
    inspection = _stored(Inspection, inspection_id)
    assert inspection.clock_skew is True
    assert inspection.started_at <= datetime.now(UTC) >= inspection.submitted_at
    assert inspection.submitted_at == inspection.received_at

    issue_id = new_id()
    result = at_time(
        cast["inspector"],
        ahead,
        "issue.create",
        id=issue_id,
        project_id=cast["project"].id,
        title="护栏倒塌",
        description="村口护栏倒塌",
        severity="high",
    )
    assert result["status"] == "applied", result
    [created] = _stored(Issue, issue_id).events
    assert created.clock_skew is True
    assert created.at == created.received_at <= datetime.now(UTC)
    body = cast["office"].get(f"/api/v1/issues/{issue_id}").get_json()
    assert body["events"][0]["clock_skew"] is True

    # within the ordinary drift the phone's time stands (but never after the server got it)
    slightly = at_time(
        cast["inspector"],
        _now() + timedelta(minutes=3),
        "issue.comment",
        issue_id=issue_id,
        body="已拍照",
    )
    assert slightly["status"] == "applied"
    comment = _stored(Issue, issue_id).events[-1]
    assert comment.clock_skew is False and comment.at == comment.received_at


def test_before_the_account_existed_is_not_trusted(cast) -> None:  # type: ignore[no-untyped-def]
    _since(cast["inspector"].user, 1)
    before = _now() - timedelta(days=3)
    inspection_id = _inspection(cast, before, before + timedelta(minutes=5))
    inspection = _stored(Inspection, inspection_id)
    assert inspection.clock_skew is True
    assert inspection.started_at > _now() - timedelta(minutes=5)
    assert inspection.submitted_at == inspection.received_at


def test_before_the_record_was_made_is_not_trusted(cast) -> None:  # type: ignore[no-untyped-def]
    started = _now() - timedelta(days=1)
    inspection_id = _inspection(cast, started, started - timedelta(days=2))
    inspection = _stored(Inspection, inspection_id)
    assert inspection.started_at == started
    assert inspection.clock_skew is True
    assert inspection.submitted_at == inspection.received_at


def _rectifying(cast, deadline: date) -> str:  # type: ignore[no-untyped-def]
    """A problem found ten days ago and given to 水利局 (deadline moved to ``deadline`` as if
    days had passed), which is working on it."""
    issue_id = found_problem(cast["inspector"], cast["project"].id, "护栏倒塌", "村口护栏倒塌")
    assign = {"unit_id": cast["water"].id, "deadline": "2099-09-01"}
    assert move(cast["supervisor"], issue_id, "found", "assigned", **assign)["status"] == "applied"
    assert move(cast["unit"], issue_id, "assigned", "rectifying")["status"] == "applied"
    issue = _stored(Issue, issue_id)
    issue.created_at = _now() - timedelta(days=10)
    issue.deadline = deadline
    db.session.commit()
    return issue_id


def _rectified_event(issue_id: str) -> IssueEvent:
    events = _stored(Issue, issue_id).events
    return next(e for e in events if e.to_state == "rectified" and e.kind == "transition")


def _rectify(cast: dict[str, Any], issue_id: str, told: datetime, photo_ids: list[str]) -> Any:
    """The unit's phone reports the problem rectified, its clock saying ``told``."""
    return at_time(
        cast["unit"],
        told,
        "issue.transition",
        issue_id=issue_id,
        expected_from="rectifying",
        to="rectified",
        photo_ids=photo_ids,
        reason="护栏已修复",
    )


def test_a_back_dated_rectification_received_after_the_deadline_is_late(cast) -> None:  # type: ignore[no-untyped-def]
    today = _day(_now())
    issue_id = _rectifying(cast, today - timedelta(days=2))
    photos = evidence(cast["unit"], issue_id)
    told = _now() - timedelta(days=4)  # the phone's clock set back before the deadline
    result = _rectify(cast, issue_id, told, photos)
    assert result["status"] == "applied", result
    event = _rectified_event(issue_id)
    assert event.at == told and event.clock_skew is False  # the claim is shown as made
    assert _day(event.received_at) == today
    body = cast["office"].get(f"/api/v1/issues/{issue_id}").get_json()
    [shown] = [
        e for e in body["events"] if e["to_state"] == "rectified" and e["kind"] == "transition"
    ]
    assert shown["late"] is True
    assert _parse(shown["at"]) == told


def test_a_rectification_received_before_the_deadline_is_on_time(cast) -> None:  # type: ignore[no-untyped-def]
    issue_id = _rectifying(cast, _day(_now()) + timedelta(days=1))
    photos = evidence(cast["unit"], issue_id)
    result = _rectify(cast, issue_id, _now() - timedelta(days=1), photos)
    assert result["status"] == "applied", result
    body = cast["office"].get(f"/api/v1/issues/{issue_id}").get_json()
    [shown] = [
        e for e in body["events"] if e["to_state"] == "rectified" and e["kind"] == "transition"
    ]
    assert shown["late"] is False


def test_a_move_waiting_for_its_photos_keeps_the_phones_time(cast) -> None:  # type: ignore[no-untyped-def]
    from tests.media.arrived import bytes_arrived

    issue_id = _rectifying(cast, _day(_now()) - timedelta(days=1))
    photo_id = attach_issue_photo(cast["unit"], issue_id, arrives=False)
    told = _now() - timedelta(days=3)
    result = _rectify(cast, issue_id, told, [photo_id])
    assert result["status"] == "applied", result
    waiting = _stored(Issue, issue_id).events[-1]
    assert (waiting.kind, waiting.at) == ("evidence_waiting", told)
    bytes_arrived(photo_sha(photo_id), 10, cast["unit"].user.id)
    event = _rectified_event(issue_id)
    assert event.at == told
    assert event.received_at > told + timedelta(days=2)
    body = cast["office"].get(f"/api/v1/issues/{issue_id}").get_json()
    [shown] = [
        e for e in body["events"] if e["to_state"] == "rectified" and e["kind"] == "transition"
    ]
    assert shown["late"] is True


def test_reports_ratings_and_photos_keep_both_times(cast, phone, make_user, county) -> None:  # type: ignore[no-untyped-def]
    deputy = phone(make_user("deputy", region=county))
    _since(deputy.user, 30)
    filed = _now() - timedelta(days=2)
    report_id = new_id()
    result = at_time(
        deputy,
        filed,
        "report.create",
        id=report_id,
        project_id=cast["project"].id,
        title="路灯不亮",
        description="村口路灯坏了",
    )
    assert result["status"] == "applied", result
    report = _stored(DeputyReport, report_id)
    assert report.created_at == filed and report.clock_skew is False
    assert report.received_at > filed + timedelta(days=1)

    taken = _now() - timedelta(days=2, minutes=-1)
    photo_id = new_id()
    result = at_time(
        deputy,
        taken,
        "photo.attach",
        id=photo_id,
        sha256=photo_id.replace("-", "").ljust(64, "0"),
        size=10,
        content_type="image/jpeg",
        owner_type="report",
        owner_id=report_id,
        taken_at=_iso(_now() + timedelta(days=2)),
    )
    assert result["status"] == "applied", result
    photo = _stored(Photo, photo_id)
    assert photo.clock_skew is True and photo.taken_at == photo.received_at


def test_the_rule_itself() -> None:
    received = datetime(2026, 12, 7, 9, 15, tzinfo=UTC)
    account = datetime(2026, 11, 1, tzinfo=UTC)
    week_ago = received - timedelta(days=6)
    assert trusted_time(received, week_ago, account) == (week_ago, False)
    assert trusted_time(received, None, account) == (received, False)
    assert trusted_time(received, received + timedelta(minutes=4), account) == (received, False)
    assert trusted_time(received, received + timedelta(minutes=6), account) == (received, True)
    assert trusted_time(received, account - timedelta(days=1), account) == (received, True)
    # a minute before the record's creation: the two clocks differ, the creation stands
    created = received - timedelta(hours=1)
    assert trusted_time(received, created - timedelta(minutes=1), account, created) == (
        created,
        False,
    )
    assert trusted_time(received, created - timedelta(hours=1), account, created) == (
        received,
        True,
    )


def test_the_deadline_goes_by_what_the_server_received() -> None:
    deadline = date(2026, 12, 1)
    told = datetime(2026, 11, 30, 2, tzinfo=UTC)
    assert rectified_late(deadline, told, datetime(2026, 12, 7, 1, 15, tzinfo=UTC)) is True
    assert rectified_late(deadline, told, datetime(2026, 12, 1, 15, 59, tzinfo=UTC)) is False
    assert rectified_late(deadline, told, datetime(2026, 12, 1, 16, 0, tzinfo=UTC)) is True
    assert rectified_late(None, told, datetime(2026, 12, 7, tzinfo=UTC)) is False


def test_an_extension_request_keeps_the_phones_time(cast) -> None:  # type: ignore[no-untyped-def]
    deadline = _day(_now()) + timedelta(days=3)
    issue_id = _rectifying(cast, deadline)
    told = _now() - timedelta(days=1)
    result = at_time(
        cast["unit"],
        told,
        "issue.extension_request",
        issue_id=issue_id,
        deadline=(deadline + timedelta(days=10)).isoformat(),
        reason="材料未到",
    )
    assert result["status"] == "applied", result
    event = _stored(Issue, issue_id).events[-1]
    assert (event.kind, event.at, event.clock_skew) == ("extension_requested", told, False)
    assert event.received_at > told + timedelta(hours=23)
