"""The office's side of deputies' reports: list, read, 受理, decline, 答复 — and the deputy sees it."""

from __future__ import annotations

from datetime import date

from core.orm import utcnow
from server.db import db
from server.issues import transitions as issue_rules
from server.issues.models import Issue
from server.reports.models import DeputyReport
from tests.sync.conftest import new_id


def _report(report_id: str) -> DeputyReport:
    db.session.expire_all()
    report = db.session.get(DeputyReport, report_id)
    assert report is not None
    return report


def test_list_is_newest_first_and_filters_by_status(office, deputy, filed) -> None:
    second = new_id()
    deputy.do("report.create", id=second, title="文化空间闲置", description="大门常年紧锁")
    items = office.get("/api/v1/reports").get_json()["items"]
    assert [i["id"] for i in items] == [second, filed]
    assert items[1]["status_label"] == "待受理" and items[1]["deputy"]["display_name"]
    office.post(f"/api/v1/reports/{filed}/accept")
    accepted = office.get("/api/v1/reports?status=accepted").get_json()["items"]
    assert [i["id"] for i in accepted] == [filed]
    assert office.get("/api/v1/reports?status=nonsense").status_code == 422


def test_an_office_sees_only_its_region(as_office, people, filed) -> None:
    west = as_office(people["west_office"])
    assert west.get("/api/v1/reports").get_json()["items"] == []
    assert west.get(f"/api/v1/reports/{filed}").status_code == 404
    assert west.post(f"/api/v1/reports/{filed}/accept").status_code == 404
    assert as_office(people["admin"]).get(f"/api/v1/reports/{filed}").status_code == 200


def test_detail_has_photos_project_and_place(office, deputy, filed, pipe_project) -> None:
    deputy.do(
        "photo.attach",
        id=new_id(),
        sha256="b" * 64,
        size=10,
        content_type="image/jpeg",
        owner_type="report",
        owner_id=filed,
    )
    body = office.get(f"/api/v1/reports/{filed}").get_json()
    assert body["project"]["code"] == pipe_project.code
    assert body["location"]["lat"] == 25.0
    assert [p["status"] for p in body["photos"]] == ["pending"]
    assert body["photos"][0]["thumb_url"].endswith("/thumb")
    assert body["issue"] is None


def test_report_photos_say_their_stage_and_flags(office, deputy, filed) -> None:
    from server.media.models import Photo
    from tests.media.arrived import bytes_arrived

    photo_id = new_id()
    deputy.do(
        "photo.attach",
        id=photo_id,
        sha256="c" * 64,
        size=10,
        content_type="image/jpeg",
        owner_type="report",
        owner_id=filed,
    )
    bytes_arrived("c" * 64, 10, db.session.get(Photo, photo_id).uploaded_by_id)
    [photo] = office.get(f"/api/v1/reports/{filed}").get_json()["photos"]
    assert photo["stage"] == "report"
    assert {"code": "no_location", "severity": "warning"} in [
        {"code": f["code"], "severity": f["severity"]} for f in photo["flags"]
    ]
    assert all(f["message"] for f in photo["flags"])


def test_the_problem_shows_the_reports_photos(office, deputy, filed) -> None:
    photo_id = new_id()
    deputy.do(
        "photo.attach",
        id=photo_id,
        sha256="c" * 64,
        size=10,
        content_type="image/jpeg",
        owner_type="report",
        owner_id=filed,
    )
    issue_id = office.post(f"/api/v1/reports/{filed}/accept").get_json()["issue"]["id"]
    assert office.get(f"/api/v1/issues/{issue_id}").get_json()["photo_ids"] == [photo_id]


def test_accepting_makes_a_linked_problem(office, people, filed, pipe_project) -> None:
    before = _report(filed).version
    response = office.post(f"/api/v1/reports/{filed}/accept", {"severity": "high"})
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["status"] == "accepted" and body["issue"]["state"] == "found"
    issue = db.session.get(Issue, body["issue"]["id"])
    assert issue.report_id == filed and issue.project_id == pipe_project.id
    assert (issue.title, issue.severity, issue.lat) == ("自来水管网铺设后无法供水", "high", 25.0)
    assert issue.description == "下曾村管网已铺设,三户至今没有来水"
    assert issue.region_path == pipe_project.region_path
    assert [(e.kind, e.to_state, e.actor_id) for e in issue.events] == [
        ("created", "found", people["supervisor"].id)
    ]
    assert _report(filed).version == before + 1


def test_a_report_is_accepted_once(office, filed) -> None:
    office.post(f"/api/v1/reports/{filed}/accept")
    again = office.post(f"/api/v1/reports/{filed}/accept")
    assert again.status_code == 409
    assert again.get_json()["code"] == "report_status"
    assert "已受理" in again.get_json()["message"]
    assert db.session.query(Issue).filter_by(report_id=filed).count() == 1


def test_declining_needs_a_reason_the_deputy_reads(office, deputy, filed) -> None:
    assert office.post(f"/api/v1/reports/{filed}/decline", {"reason": ""}).status_code == 422
    response = office.post(f"/api/v1/reports/{filed}/decline", {"reason": "不属于民生实事项目"})
    assert response.get_json()["status"] == "declined"
    assert office.post(f"/api/v1/reports/{filed}/accept").status_code == 409
    assert office.post(f"/api/v1/reports/{filed}/reply", {"text": "x"}).status_code == 409
    deputy.sync_all()
    mine = deputy.local[("report", filed)]
    assert (mine["status"], mine["reply"], mine["issue_id"]) == (
        "declined",
        "不属于民生实事项目",
        None,
    )


def test_reply_waits_for_acceptance(office, filed) -> None:
    early = office.post(f"/api/v1/reports/{filed}/reply", {"text": "已解决"})
    assert early.status_code == 409
    office.post(f"/api/v1/reports/{filed}/accept")
    assert office.post(f"/api/v1/reports/{filed}/reply", {"text": ""}).status_code == 422
    replied = office.post(f"/api/v1/reports/{filed}/reply", {"text": "已通水"})
    assert replied.get_json()["status"] == "replied"
    # a reply not yet rated may be corrected
    again = office.post(f"/api/v1/reports/{filed}/reply", {"text": "已通水,三户均正常"})
    assert again.get_json()["reply"] == "已通水,三户均正常"


def test_the_deputy_follows_every_step_by_pull(office, deputy, people, filed) -> None:
    deputy.sync_all()
    assert deputy.local[("report", filed)]["status"] == "submitted"
    issue_id = office.post(f"/api/v1/reports/{filed}/accept").get_json()["issue"]["id"]
    deputy.sync_all()
    mine = deputy.local[("report", filed)]
    assert (mine["status"], mine["issue_state"], mine["issue_id"]) == (
        "accepted",
        "found",
        issue_id,
    )
    assert ("issue", issue_id) not in deputy.local  # the problem itself stays the office's
    # the office assigns it (交办): the deputy's report shows the step and the deadline
    issue_rules.transition(
        db.session,
        people["supervisor"],
        {
            "issue_id": issue_id,
            "to": "assigned",
            "expected_from": "found",
            "unit_id": people["water"].id,
            "deadline": date(2023, 8, 31),
        },
        utcnow(),
    )
    db.session.commit()
    deputy.sync_all()
    mine = deputy.local[("report", filed)]
    assert (mine["issue_state"], mine["issue_deadline"]) == ("assigned", "2023-08-31")
    steps = {s["key"]: s["done"] for s in mine["steps"]}
    assert steps == {"accepted": True, "assigned": True, "rectified": False, "replied": False}
    office.post(f"/api/v1/reports/{filed}/reply", {"text": "已交办区农林水局,限期整改"})
    deputy.sync_all()
    mine = deputy.local[("report", filed)]
    assert (mine["status"], mine["reply"]) == ("replied", "已交办区农林水局,限期整改")
    assert [s["done"] for s in mine["steps"]] == [True, True, False, True]
