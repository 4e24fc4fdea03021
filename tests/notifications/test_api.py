"""GET /api/v1/notifications and POST /api/v1/notifications/read: one's own only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from server.db import db
from server.notifications.models import Notification
from server.notifications.recipients import local_today
from tests.notifications.conftest import notified


def _note(user, title: str, minutes: int, read: bool = False, **links) -> Notification:  # type: ignore[no-untyped-def]
    at = datetime(2023, 8, 1, 8, 0, tzinfo=UTC) + timedelta(minutes=minutes)
    note = Notification(
        user_id=user.id, kind="assigned", title=title, created_at=at, read_at=at if read else None
    )
    for key, value in links.items():
        setattr(note, key, value)
    db.session.add(note)
    db.session.commit()
    return note


def test_the_list_is_mine_unread_first_newest_first(client, login, people) -> None:  # type: ignore[no-untyped-def]
    me, other = people["water_1"], people["water_2"]
    _note(me, "旧的已读", 1, read=True)
    _note(me, "新的已读", 5, read=True)
    _note(me, "旧的未读", 2)
    _note(me, "新的未读", 3)
    _note(other, "别人的", 9)
    login(me)
    body = client.get("/api/v1/notifications").get_json()
    assert [i["title"] for i in body["items"]] == ["新的未读", "旧的未读", "新的已读", "旧的已读"]
    assert (body["total"], body["unread"], body["page"]) == (4, 2, 1)
    assert body["items"][0]["kind_label"] == "交办"
    assert body["items"][0]["read_at"] is None


def test_paging_and_unread_only(client, login, people) -> None:  # type: ignore[no-untyped-def]
    me = people["deputy"]
    for minute in range(5):
        _note(me, f"第{minute}条", minute, read=minute < 2)
    login(me)
    second = client.get("/api/v1/notifications?per_page=2&page=2").get_json()
    assert [i["title"] for i in second["items"]] == ["第2条", "第1条"]
    assert (second["total"], second["unread"]) == (5, 3)
    unread = client.get("/api/v1/notifications?unread=1").get_json()
    assert [i["title"] for i in unread["items"]] == ["第4条", "第3条", "第2条"]
    bad = client.get("/api/v1/notifications?per_page=0")
    assert bad.status_code == 422


def test_the_record_and_its_project_are_linked(client, login, people, make_issue, project) -> None:  # type: ignore[no-untyped-def]
    issue = make_issue()
    _note(people["water_1"], "有链接", 1, issue_id=issue.id)
    login(people["water_1"])
    [item] = client.get("/api/v1/notifications").get_json()["items"]
    assert (item["issue_id"], item["project_id"], item["report_id"]) == (issue.id, project.id, None)


def test_marking_read_touches_only_my_own(client, login, people) -> None:  # type: ignore[no-untyped-def]
    me, other = people["water_1"], people["water_2"]
    mine = [_note(me, f"我的{i}", i) for i in range(3)]
    theirs = _note(other, "别人的", 1)
    token = login(me)
    response = client.post(
        "/api/v1/notifications/read",
        json={"ids": [mine[0].id, theirs.id]},
        headers={"X-CSRF-Token": token},
    )
    assert response.status_code == 200, response.get_json()
    assert response.get_json() == {"updated": 1, "unread": 2}
    db.session.expire_all()
    assert db.session.get(Notification, theirs.id).read_at is None
    everything = client.post(
        "/api/v1/notifications/read", json={"all": True}, headers={"X-CSRF-Token": token}
    )
    assert everything.get_json() == {"updated": 2, "unread": 0}
    db.session.expire_all()
    assert db.session.get(Notification, theirs.id).read_at is None


def test_marking_read_needs_ids_or_all(client, login, people) -> None:  # type: ignore[no-untyped-def]
    token = login(people["water_1"])
    for body in ({}, {"all": False}, {"ids": [1], "all": True}, {"ids": []}):
        response = client.post(
            "/api/v1/notifications/read", json=body, headers={"X-CSRF-Token": token}
        )
        assert response.status_code == 422, body
        assert response.get_json()["code"] == "validation_error"


def test_listing_writes_the_reminders_i_am_owed_once(client, login, people, make_issue) -> None:  # type: ignore[no-untyped-def]
    make_issue("assigned", local_today() + timedelta(days=2), people["water"])
    login(people["water_1"])
    first = client.get("/api/v1/notifications").get_json()
    assert [i["kind"] for i in first["items"]] == ["due_soon"]
    assert first["unread"] == 1
    again = client.get("/api/v1/notifications").get_json()
    assert again["total"] == 1
    # only the one who listed got theirs; the others get them from cron or when they list
    assert set(notified()) == {people["water_1"].id}


def test_the_office_is_reminded_of_overdue_problems_of_its_region(  # type: ignore[no-untyped-def]
    client, login, people, make_issue
) -> None:
    make_issue("assigned", local_today() - timedelta(days=1), people["water"])
    make_issue("assigned", local_today() + timedelta(days=1), people["water"])  # not yet late
    login(people["west_office"])
    assert client.get("/api/v1/notifications").get_json()["total"] == 0
    client.post("/api/v1/auth/logout")
    login(people["east_office"])
    [item] = client.get("/api/v1/notifications").get_json()["items"]
    assert item["kind"] == "overdue" and item["title"].startswith("水利局的问题已逾期")


def test_anonymous_is_refused(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/api/v1/notifications").status_code == 401
