"""A deputy's report answered or rated and an inspection reviewed tell the right people, once.

A problem's steps: test_issue_events.py."""

from __future__ import annotations

import pytest

from server.db import db
from tests.notifications.conftest import OFFICE_OF_EAST, notified, once_each


@pytest.mark.parametrize(
    ("status", "title"),
    [
        ("replied", "督查室已答复您反映的问题：路灯不亮，请查看并评价"),
        ("declined", "您反映的问题未予受理：路灯不亮"),
    ],
)
def test_an_answer_tells_the_deputy(people, make_report, status, title) -> None:  # type: ignore[no-untyped-def]
    report = make_report()
    report.status, report.reply = status, "已安排维修"
    db.session.commit()
    [n] = once_each(people, "replied", "deputy")
    assert (n.title, n.body, n.report_id) == (title, "已安排维修", report.id)


def test_a_write_that_keeps_the_status_tells_nobody(make_report) -> None:  # type: ignore[no-untyped-def]
    report = make_report("replied")
    report.status, report.description = "replied", "补充说明"
    db.session.commit()
    assert notified() == {}


@pytest.mark.parametrize(
    ("rating", "title"),
    [
        ("dissatisfied", "【不满意】代表对答复不满意，需重新办理：路灯不亮"),
        ("satisfied", "代表评价「满意」：路灯不亮"),
        ("basically_satisfied", "代表评价「基本满意」：路灯不亮"),
    ],
)
def test_a_rating_tells_the_office_of_the_region(people, make_report, rating, title) -> None:  # type: ignore[no-untyped-def]
    report = make_report("replied")
    report.rating, report.rating_comment = rating, "还是不亮"
    report.status = "accepted" if rating == "dissatisfied" else "rated"
    db.session.commit()
    for n in once_each(people, "rated", *OFFICE_OF_EAST):
        assert (n.title, n.body, n.report_id) == (title, "还是不亮", report.id)


@pytest.mark.parametrize(
    ("status", "kind", "title"),
    [
        ("returned", "returned", "检查被退回，请更正后重新提交：东村饮水工程"),
        ("approved", "reviewed", "检查已审核通过：东村饮水工程"),
    ],
)
def test_a_review_tells_the_inspector(people, make_inspection, status, kind, title) -> None:  # type: ignore[no-untyped-def]
    inspection = make_inspection()
    inspection.status, inspection.review_note = status, "缺少水压照片"
    inspection.reviewed_by_id = people["office"].id
    db.session.commit()
    [n] = once_each(people, kind, "inspector")
    assert (n.title, n.body, n.inspection_id) == (title, "缺少水压照片", inspection.id)
