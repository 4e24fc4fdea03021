"""Each write that should tell someone tells the right people, once, and nobody else."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from server.db import db
from server.notifications.events import extension_step
from server.notifications.models import Notification
from tests.notifications.conftest import add_event, notified, only
from tests.sync.conftest import Phone, new_id

OFFICE_OF_EAST = ("office", "east_office", "admin")


def _once_each(people, kind: str, *names: str) -> list[Notification]:  # type: ignore[no-untyped-def]
    got = notified()
    assert set(got) == only(people, *names)
    assert all(len(notes) == 1 for notes in got.values()), got
    notes = [notes[0] for notes in got.values()]
    assert {n.kind for n in notes} == {kind}
    return notes


def _create_and_assign(app, people, project, same_batch: bool = False) -> str:  # type: ignore[no-untyped-def]
    office = Phone(app, people["office"])
    issue_id = new_id()
    create = office.mutation(
        "issue.create",
        id=issue_id,
        project_id=project.id,
        title="村里水管不出水",
        description="三组水管停水一周",
        severity="high",
    )
    assign = office.mutation(
        "issue.transition",
        issue_id=issue_id,
        to="assigned",
        expected_from="found",
        unit_id=people["water"].id,
        deadline="2023-09-01",
    )
    batches = [[create, assign]] if same_batch else [[create], [assign]]
    for batch in batches:
        response = office.push(*batch)
        assert response.status_code == 200
        assert {r["status"] for r in response.get_json()["results"]} == {"applied"}
    return issue_id


@pytest.mark.parametrize("same_batch", [False, True], ids=["two pushes", "one push"])
def test_assigning_tells_every_active_user_of_the_unit(app, people, project, same_batch) -> None:  # type: ignore[no-untyped-def]
    issue_id = _create_and_assign(app, people, project, same_batch)
    for n in _once_each(people, "assigned", "water_1", "water_2"):
        assert n.title.startswith("您单位有新交办问题")
        assert "村里水管不出水" in n.title and "9月1日" in n.title
        assert n.issue_id == issue_id and n.read_at is None


def test_a_unit_returning_a_problem_tells_the_office_of_its_region(app, people, project) -> None:  # type: ignore[no-untyped-def]
    issue_id = _create_and_assign(app, people, project)
    db.session.execute(db.delete(Notification))
    db.session.commit()
    result = Phone(app, people["water_1"]).do(
        "issue.transition",
        issue_id=issue_id,
        to="returned",
        expected_from="assigned",
        reason="不属于本单位职责",
    )
    assert result["status"] == "applied", result
    for n in _once_each(people, "returned", *OFFICE_OF_EAST):
        assert n.title == "水利局退回交办问题:村里水管不出水"
        assert n.body == "不属于本单位职责"


def test_sending_back_to_rectifying_tells_the_unit(people, make_issue) -> None:  # type: ignore[no-untyped-def]
    issue = make_issue("rectified", date(2023, 9, 1), people["water"])
    add_event(
        issue, people["office"], from_state="rectified", to_state="rectifying", reason="照片不清"
    )
    for n in _once_each(people, "returned", "water_1", "water_2"):
        assert n.title == "问题复核未通过,退回整改:村里水管不出水"
        assert n.body == "照片不清"


def test_the_actor_is_not_told_of_their_own_step(people, make_issue) -> None:  # type: ignore[no-untyped-def]
    issue = make_issue("returned", None, people["water"])
    add_event(issue, people["admin"], from_state="assigned", to_state="returned", reason="x")
    _once_each(people, "returned", "office", "east_office")


def test_an_extension_request_tells_the_office(people, make_issue) -> None:  # type: ignore[no-untyped-def]
    issue = make_issue("rectifying", date(2023, 9, 1), people["water"])
    data = {"extension": "requested", "proposed_deadline": "2023-09-15"}
    add_event(issue, people["water_1"], kind="comment", data=data, reason="材料未到")
    for n in _once_each(people, "extension", *OFFICE_OF_EAST):
        assert n.title.startswith("水利局申请延期:村里水管不出水,申请延至 ")
        assert n.title.endswith("9月15日")  # with the year when it is not this year's


@pytest.mark.parametrize(
    ("decision", "words"),
    [("approved", "延期申请已批准:村里水管不出水,新期限 "), ("refused", "未获批准")],
)
def test_an_extension_decision_tells_the_unit(people, make_issue, decision, words) -> None:  # type: ignore[no-untyped-def]
    issue = make_issue("rectifying", date(2023, 9, 1), people["water"])
    data = {"extension": decision, "deadline": "2023-09-15"}
    add_event(issue, people["office"], kind="comment", data=data)
    for n in _once_each(people, "extension", "water_1", "water_2"):
        assert words in n.title


@pytest.mark.parametrize(
    ("kind", "data", "step"),
    [
        ("extension_requested", {"proposed_deadline": "2023-09-15"}, "requested"),
        ("extension_approved", {"deadline": "2023-09-15"}, "approved"),
        ("extension_refused", {}, "refused"),
        ("comment", {"extension": "granted"}, "approved"),
        ("comment", None, None),
        ("transition", {"unit_id": 3}, None),
    ],
)
def test_extension_steps_are_recognised(kind, data, step) -> None:  # type: ignore[no-untyped-def]
    assert extension_step(kind, data) == step


def test_plain_comments_and_other_moves_tell_nobody(people, make_issue) -> None:  # type: ignore[no-untyped-def]
    issue = make_issue("assigned", date(2023, 9, 1), people["water"])
    add_event(issue, people["water_1"], kind="comment", reason="已到现场")
    add_event(issue, people["water_1"], from_state="assigned", to_state="rectifying")
    assert notified() == {}


@pytest.mark.parametrize(
    ("status", "title"),
    [
        ("replied", "督查室已答复您反映的问题:路灯不亮,请查看并评价"),
        ("declined", "您反映的问题未予受理:路灯不亮"),
    ],
)
def test_an_answer_tells_the_deputy(people, make_report, status, title) -> None:  # type: ignore[no-untyped-def]
    report = make_report()
    report.status, report.reply = status, "已安排维修"
    db.session.commit()
    [n] = _once_each(people, "replied", "deputy")
    assert (n.title, n.body, n.report_id) == (title, "已安排维修", report.id)


def test_a_write_that_keeps_the_status_tells_nobody(make_report) -> None:  # type: ignore[no-untyped-def]
    report = make_report("replied")
    report.status, report.description = "replied", "补充说明"
    db.session.commit()
    assert notified() == {}


@pytest.mark.parametrize(
    ("rating", "title"),
    [
        ("dissatisfied", "【不满意】代表对答复不满意,需重新办理:路灯不亮"),
        ("satisfied", "代表评价「满意」:路灯不亮"),
        ("basically_satisfied", "代表评价「基本满意」:路灯不亮"),
    ],
)
def test_a_rating_tells_the_office_of_the_region(people, make_report, rating, title) -> None:  # type: ignore[no-untyped-def]
    report = make_report("replied")
    report.rating, report.rating_comment = rating, "还是不亮"
    report.status = "accepted" if rating == "dissatisfied" else "rated"
    db.session.commit()
    for n in _once_each(people, "rated", *OFFICE_OF_EAST):
        assert (n.title, n.body, n.report_id) == (title, "还是不亮", report.id)


@pytest.mark.parametrize(
    ("status", "kind", "title"),
    [
        ("returned", "returned", "检查被退回,请更正后重新提交:东村饮水工程"),
        ("approved", "reviewed", "检查已审核通过:东村饮水工程"),
    ],
)
def test_a_review_tells_the_inspector(people, make_inspection, status, kind, title) -> None:  # type: ignore[no-untyped-def]
    inspection = make_inspection()
    inspection.status, inspection.review_note = status, "缺少水压照片"
    inspection.reviewed_by_id = people["office"].id
    db.session.commit()
    [n] = _once_each(people, kind, "inspector")
    assert (n.title, n.body, n.inspection_id) == (title, "缺少水压照片", inspection.id)


def test_a_rolled_back_transaction_leaves_no_notification(people, make_issue) -> None:  # type: ignore[no-untyped-def]
    from server.issues.models import IssueEvent

    issue = make_issue()
    issue.unit, issue.deadline, issue.state = people["water"], date(2023, 9, 1), "assigned"
    db.session.add(
        IssueEvent(
            issue=issue,
            kind="transition",
            from_state="found",
            to_state="assigned",
            actor_id=people["office"].id,
            data={"unit_id": people["water"].id, "deadline": "2023-09-01"},
        )
    )
    db.session.flush()
    count = select(func.count(Notification.id))
    assert db.session.scalar(count) == 2  # written in the flush, inside the transaction
    db.session.rollback()
    assert db.session.scalar(count) == 0
