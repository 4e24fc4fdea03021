"""A problem's steps tell the right people, once, and nobody else.

Every event here is written by the production code (a phone's push, the office's API), never
built by hand: notifications read the event contract of server/issues/events.py.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from server.db import db
from server.issues import services
from server.issues.models import Issue, IssueEvent
from server.notifications.events import issue_event_notes
from server.notifications.models import Notification
from tests.notifications.conftest import (
    OFFICE_OF_EAST,
    forget,
    notified,
    once_each,
    only,
    post,
)
from tests.sync.conftest import evidence, found_problem, move, new_id

TITLE = "村里水管不出水"


def _assign(office, issue_id: str, unit_id: int) -> dict:  # type: ignore[no-untyped-def]
    return office.mutation(
        "issue.transition",
        issue_id=issue_id,
        to="assigned",
        expected_from="found",
        unit_id=unit_id,
        deadline="2023-09-01",
    )


@pytest.fixture
def assigned(phone_of, people, project) -> str:  # type: ignore[no-untyped-def]
    """A problem the inspector found and the office gave to 水利局 (its notifications forgotten)."""
    issue_id = found_problem(phone_of("inspector"), project.id, TITLE, "三组水管停水一周")
    response = phone_of("office").push(_assign(phone_of("office"), issue_id, people["water"].id))
    assert response.get_json()["results"][0]["status"] == "applied"
    forget()
    return issue_id


@pytest.mark.parametrize("same_batch", [False, True], ids=["two pushes", "one push"])
def test_assigning_tells_every_active_user_of_the_unit(
    phone_of, people, project, same_batch
) -> None:  # type: ignore[no-untyped-def]
    office = phone_of("office")
    issue_id = new_id()
    create = office.mutation(
        "issue.create",
        id=issue_id,
        project_id=project.id,
        title=TITLE,
        description="三组水管停水一周",
        severity="high",
    )
    assign = _assign(office, issue_id, people["water"].id)
    for batch in [[create, assign]] if same_batch else [[create], [assign]]:
        response = office.push(*batch)
        assert {r["status"] for r in response.get_json()["results"]} == {"applied"}
    for n in once_each(people, "assigned", "water_1", "water_2"):
        assert n.title.startswith("您单位有新交办问题（督交〔")  # with the slip's number
        assert TITLE in n.title and "9月1日" in n.title
        assert n.issue_id == issue_id and n.read_at is None


def test_a_unit_returning_a_problem_tells_the_office_of_its_region(
    phone_of, people, assigned
) -> None:  # type: ignore[no-untyped-def]
    result = move(phone_of("water_1"), assigned, "assigned", "returned", reason="不属于本单位职责")
    assert result["status"] == "applied", result
    for n in once_each(people, "returned", *OFFICE_OF_EAST):
        assert n.title == f"水利局退回交办问题：{TITLE}"
        assert n.body == "不属于本单位职责"


def test_reassigning_tells_the_new_unit(phone_of, people, assigned) -> None:  # type: ignore[no-untyped-def]
    again = {"unit_id": people["roads"].id, "deadline": "2023-09-20", "reason": "改由交通局办理"}
    result = move(phone_of("office"), assigned, "assigned", "assigned", **again)
    assert result["status"] == "applied", result
    [n] = once_each(people, "assigned", "roads_1")
    assert "9月20日" in n.title and n.body == "改由交通局办理"


def test_sending_back_to_rectifying_tells_the_unit(phone_of, people, assigned) -> None:  # type: ignore[no-untyped-def]
    unit = phone_of("water_1")
    assert move(unit, assigned, "assigned", "rectifying")["status"] == "applied"
    photos = evidence(unit, assigned)
    assert move(unit, assigned, "rectifying", "rectified", photo_ids=photos)["status"] == "applied"
    forget()
    result = move(phone_of("office"), assigned, "rectified", "rectifying", reason="照片不清")
    assert result["status"] == "applied", result
    for n in once_each(people, "returned", "water_1", "water_2"):
        assert n.title == f"问题复核未通过，退回整改：{TITLE}"
        assert n.body == "照片不清"


def _ask(phone_of, issue_id: str) -> None:  # type: ignore[no-untyped-def]
    """水利局 asks, from its phone, to move the deadline from 9月1日 to 9月15日."""
    result = phone_of("water_1").do(
        "issue.extension_request", issue_id=issue_id, deadline="2023-09-15", reason="材料未到"
    )
    assert result["status"] == "applied", result


def test_an_extension_request_tells_the_office(phone_of, people, assigned) -> None:  # type: ignore[no-untyped-def]
    _ask(phone_of, assigned)
    for n in once_each(people, "extension", *OFFICE_OF_EAST):
        assert n.title.startswith(f"水利局申请延期：{TITLE}，申请延至 ")
        assert n.title.endswith("9月15日")  # with the year when it is not this year's
        assert n.body == "材料未到"


@pytest.mark.parametrize(
    ("decision", "title"),
    [
        ({"approve": True}, f"延期申请已批准：{TITLE}，新期限 "),
        ({"approve": False, "reason": "可调配人手"}, f"延期申请未获批准：{TITLE}，期限仍为 "),
    ],
    ids=["approved", "refused"],
)
def test_an_extension_decision_tells_the_unit(phone_of, people, assigned, decision, title) -> None:  # type: ignore[no-untyped-def]
    _ask(phone_of, assigned)
    forget()
    url = f"/api/v1/issues/{assigned}/extensions/decision"
    assert post(phone_of("office"), url, decision).status_code == 200
    for n in once_each(people, "extension", "water_1", "water_2"):
        assert n.title.startswith(title)
        assert n.title.endswith("9月15日" if decision["approve"] else "9月1日")
        assert n.body == decision.get("reason")


def _from_a_report(phone_of, project, closed: bool) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """A deputy's report the office accepted and gave to 水利局, then (``closed``) fixed,
    verified and closed, and answered: (report id, problem id), its notifications forgotten."""
    office, unit = phone_of("office"), phone_of("water_1")
    report_id = new_id()
    filed = phone_of("deputy").do(
        "report.create", id=report_id, project_id=project.id, title=TITLE, description="三组停水"
    )
    assert filed["status"] == "applied", filed
    accepted = post(office, f"/api/v1/reports/{report_id}/accept", {})
    assert accepted.status_code == 200, accepted.get_json()
    issue_id = accepted.get_json()["issue"]["id"]
    assign = {"unit_id": unit.user.unit_id, "deadline": "2023-09-01"}
    assert move(office, issue_id, "found", "assigned", **assign)["status"] == "applied"
    if closed:
        assert move(unit, issue_id, "assigned", "rectifying")["status"] == "applied"
        photos = {"photo_ids": evidence(unit, issue_id)}
        steps = [
            (unit, "rectifying", "rectified", photos),
            (phone_of("inspector"), "rectified", "verified", "check"),
            (office, "verified", "closed", {}),
        ]
        for phone, frm, to, extra in steps:
            if extra == "check":  # the inspector's photo of the check (复核)
                extra = {"photo_ids": evidence(phone, issue_id)}
            assert move(phone, issue_id, frm, to, **extra)["status"] == "applied"
    replied = post(office, f"/api/v1/reports/{report_id}/reply", {"text": "已通水"})
    assert replied.status_code == 200, replied.get_json()
    forget()
    return report_id, issue_id


def _dissatisfied(phone_of, report_id: str) -> None:  # type: ignore[no-untyped-def]
    """The deputy's phone pushes 不满意 (report.rate)."""
    rated = phone_of("deputy").do(
        "report.rate", report_id=report_id, rating="dissatisfied", comment="还有一户没有来水"
    )
    assert rated["status"] == "applied", rated


def test_a_deputys_dissatisfaction_reopening_a_closed_problem_tells_the_unit(
    phone_of, people, project
) -> None:  # type: ignore[no-untyped-def]
    report_id, issue_id = _from_a_report(phone_of, project, closed=True)
    _dissatisfied(phone_of, report_id)
    issue = db.session.get(Issue, issue_id)
    assert (issue.state, issue.deadline is not None) == ("rectifying", True)
    got = notified()
    assert set(got) == only(people, "water_1", "water_2", *OFFICE_OF_EAST)
    for name in ("water_1", "water_2"):
        [n] = got[people[name].id]
        assert n.kind == "returned" and n.issue_id == issue_id
        assert n.title.startswith(f"人大代表对整改不满意，问题已重新交办：{TITLE}，请于 ")
        assert n.title.endswith(f"{issue.deadline.month}月{issue.deadline.day}日 前整改")
        assert n.body == "还有一户没有来水"
    for name in OFFICE_OF_EAST:  # the office's notice of the rating stays
        [n] = got[people[name].id]
        assert (n.kind, n.report_id) == ("rated", report_id)
        assert n.title == f"【不满意】代表对答复不满意，需重新办理：{TITLE}"


def test_a_deputys_dissatisfaction_on_an_open_problem_tells_only_the_office(
    phone_of, people, project
) -> None:  # type: ignore[no-untyped-def]
    """The problem keeps its state (the reason is a comment on it): the unit has nothing new."""
    report_id, issue_id = _from_a_report(phone_of, project, closed=False)
    _dissatisfied(phone_of, report_id)
    assert db.session.get(Issue, issue_id).state == "assigned"
    once_each(people, "rated", *OFFICE_OF_EAST)


def test_comments_conflicts_and_other_moves_tell_nobody(phone_of, assigned) -> None:  # type: ignore[no-untyped-def]
    unit = phone_of("water_1")
    assert unit.do("issue.comment", issue_id=assigned, body="已到现场")["status"] == "applied"
    assert move(unit, assigned, "assigned", "rectifying")["status"] == "applied"
    late = move(phone_of("water_2"), assigned, "assigned", "returned", reason="不归我们管")
    assert late["status"] == "conflict", late
    kinds = db.session.scalars(select(IssueEvent.kind).where(IssueEvent.issue_id == assigned))
    assert list(kinds) == ["created", "transition", "comment", "transition", "conflict"]
    assert notified() == {}


@pytest.mark.parametrize(
    ("kind", "data"),
    [
        ("extension_granted", {"deadline": "2023-09-15"}),  # no such kind
        ("comment", {"extension": "requested", "proposed_deadline": "2023-09-15"}),
        ("comment", {"extension": "approved", "deadline": "2023-09-15"}),
    ],
)
def test_a_kind_or_shape_outside_the_contract_tells_nobody(people, make_issue, kind, data) -> None:  # type: ignore[no-untyped-def]
    """Nothing is guessed from words: only the contract's kinds notify."""
    issue = make_issue("rectifying", date(2023, 9, 1), people["water"])
    event = IssueEvent(issue_id=issue.id, kind=kind, actor_id=people["office"].id, data=data)
    assert issue_event_notes(db.session, event, date(2023, 8, 1)) == []


def test_a_rolled_back_transaction_leaves_no_notification(people, make_issue) -> None:  # type: ignore[no-untyped-def]
    issue = make_issue()
    args = {
        "to": "assigned",
        "expected_from": "found",
        "unit_id": people["water"].id,
        "deadline": date(2023, 9, 1),
    }
    services.transition(people["office"], issue.id, args)
    db.session.flush()
    count = select(func.count(Notification.id))
    assert db.session.scalar(count) == 2  # written in the flush, inside the transaction
    db.session.rollback()
    assert db.session.scalar(count) == 0
    assert db.session.get(Issue, issue.id).state == "found"
