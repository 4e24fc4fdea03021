"""Due-soon and overdue reminders: the date edges in Asia/Shanghai, and idempotence."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from server.db import db
from server.notifications.recipients import local_today
from server.notifications.reminders import remind_all, reminder_kind
from tests.notifications.conftest import notified, only

TODAY = date(2023, 8, 28)


@pytest.mark.parametrize(
    ("days", "kind"),
    [(-1, "overdue"), (0, "due_soon"), (1, "due_soon"), (3, "due_soon"), (4, None)],
    ids=["yesterday", "today", "tomorrow", "in 3 days", "in 4 days"],
)
def test_reminder_kind_at_the_edges(days: int, kind: str | None) -> None:
    assert reminder_kind(TODAY + timedelta(days=days), TODAY) == kind


@pytest.mark.parametrize(
    ("utc", "day"),
    [
        (datetime(2023, 8, 31, 15, 59, 59, tzinfo=UTC), date(2023, 8, 31)),  # 23:59:59 in Shanghai
        (datetime(2023, 8, 31, 16, 0, 0, tzinfo=UTC), date(2023, 9, 1)),  # midnight in Shanghai
    ],
)
def test_today_turns_at_midnight_in_shanghai(app, utc: datetime, day: date) -> None:  # type: ignore[no-untyped-def]
    assert local_today(utc) == day
    # a problem due on 8月31日 is due today until midnight in Shanghai, overdue from then on
    assert reminder_kind(date(2023, 8, 31), local_today(utc)) == (
        "due_soon" if day.day == 31 else "overdue"
    )


def test_the_time_zone_comes_from_the_config(app) -> None:  # type: ignore[no-untyped-def]
    app.config["TIMEZONE"] = "UTC"
    assert local_today(datetime(2023, 8, 31, 16, 0, tzinfo=UTC)) == date(2023, 8, 31)


@pytest.mark.parametrize(
    ("days", "told"),
    [
        (-1, ("water_1", "water_2", "office", "east_office", "admin")),  # overdue: office too
        (0, ("water_1", "water_2")),
        (3, ("water_1", "water_2")),
        (4, ()),
    ],
    ids=["yesterday", "today", "in 3 days", "in 4 days"],
)
def test_reminders_go_to_the_right_people_once(people, make_issue, days, told) -> None:  # type: ignore[no-untyped-def]
    make_issue("assigned", TODAY + timedelta(days=days), people["water"])
    assert remind_all(db.session, TODAY) == len(told)
    db.session.commit()
    assert remind_all(db.session, TODAY) == 0  # idempotent
    db.session.commit()
    got = notified()
    assert set(got) == only(people, *told)
    assert all(len(notes) == 1 for notes in got.values())
    if told:
        kinds = {n.kind for notes in got.values() for n in notes}
        assert kinds == {"overdue" if days < 0 else "due_soon"}


def test_texts_say_how_soon_and_whose(people, make_issue) -> None:  # type: ignore[no-untyped-def]
    make_issue("rectifying", TODAY, people["water"])
    make_issue("assigned", TODAY - timedelta(days=2), people["roads"])
    remind_all(db.session, TODAY)
    db.session.commit()
    got = notified()
    [due] = got[people["water_1"].id]
    assert due.title == "问题即将到期（今天到期）：村里水管不出水，期限 8月28日"
    [late] = got[people["roads_1"].id]
    assert late.title == "问题已逾期：村里水管不出水，期限 8月26日"
    [office] = got[people["office"].id]
    assert office.title == "交通局的问题已逾期：村里水管不出水，期限 8月26日"


def test_one_reminder_per_deadline_a_new_deadline_reminds_again(people, make_issue) -> None:  # type: ignore[no-untyped-def]
    issue = make_issue("assigned", TODAY + timedelta(days=2), people["water"])
    remind_all(db.session, TODAY)
    remind_all(db.session, TODAY + timedelta(days=1))  # the next day's run: nothing new
    db.session.commit()
    assert len(notified()[people["water_1"].id]) == 1
    issue.deadline = TODAY + timedelta(days=3)  # an extension moved it
    db.session.commit()
    assert remind_all(db.session, TODAY + timedelta(days=1)) == 2
    db.session.commit()
    assert len(notified()[people["water_1"].id]) == 2


@pytest.mark.parametrize("state", ["found", "rectified", "verified", "closed", "returned"])
def test_problems_not_open_with_the_unit_are_not_reminded(people, make_issue, state) -> None:  # type: ignore[no-untyped-def]
    make_issue(state, TODAY - timedelta(days=1), people["water"])
    assert remind_all(db.session, TODAY) == 0


def test_the_cron_command(runner, people, make_issue) -> None:  # type: ignore[no-untyped-def]
    make_issue("assigned", TODAY + timedelta(days=1), people["water"])
    result = runner.invoke(args=["notifications", "remind", "--today", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    assert "新提醒 2 条" in result.output
    again = runner.invoke(args=["notifications", "remind", "--today", TODAY.isoformat()])
    assert "新提醒 0 条" in again.output
