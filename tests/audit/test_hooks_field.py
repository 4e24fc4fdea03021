"""Each kind of ledger event appends its audit row in the same transaction, driven through the
real routes and sync mutations: inspections submitted and reviewed, problem events, a deputy's
report filed, accepted, replied to and rated."""

from __future__ import annotations

from tests.audit.conftest import log_rows
from tests.reports.conftest import Office
from tests.review.conftest import (  # noqa: F401  (fixtures)
    field,
    office,
    site,
    submit,
    templates,
)
from tests.sync.conftest import Phone, new_id


def _rows(table: str) -> list[dict]:  # type: ignore[type-arg]
    return [dict(r) for r in log_rows() if r["table_name"] == table]


def test_submission_and_review_are_audited(field, office, site, county, verify) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    approved = submit(field, site["east"], problem="high")
    returned = submit(field, site["west"], minutes=5)
    assert office.approve(approved).status_code == 200
    assert office.send_back(returned, "照片不清晰").status_code == 200
    rows = _rows("inspections")
    assert [(r["record_id"], r["action"]) for r in rows] == [
        (approved, "submitted"),
        (returned, "submitted"),
        (approved, "approved"),
        (returned, "returned"),
    ]
    assert {r["chain"] for r in rows} == {county.id}
    assert rows[0]["actor_id"] == site["inspector"].id
    assert rows[2]["actor_id"] == site["supervisor"].id
    assert '"review_note":"照片不清晰"' in rows[3]["data"]
    assert '"status":["submitted","returned"]' in rows[3]["data"]
    found = _rows("issue_events")  # the problem found on site
    assert [r["action"] for r in found] == ["created"]
    assert verify()[0] == 0


def test_a_deputys_report_is_audited_at_each_move(
    app, make_user, make_project, county, verify
) -> None:  # type: ignore[no-untyped-def]
    deputy_user = make_user("deputy", region=county)
    office_user = make_user("supervisor", region=county)
    project = make_project(code="ZLS-01", name="下曾村自来水管网延伸")
    deputy, desk = Phone(app, deputy_user), Office(app, office_user)
    report_id = new_id()
    filed = deputy.do(
        "report.create",
        id=report_id,
        project_id=project.id,
        title="自来水管网铺设后无法供水",
        description="三户至今没有来水",
    )
    assert filed["status"] == "applied", filed
    assert desk.post(f"/api/v1/reports/{report_id}/accept").status_code == 200
    assert desk.post(f"/api/v1/reports/{report_id}/reply", {"text": "已通水"}).status_code == 200
    rated = deputy.do("report.rate", report_id=report_id, rating="satisfied", comment="好")
    assert rated["status"] == "applied", rated
    rows = _rows("deputy_reports")
    assert [r["action"] for r in rows] == ["created", "accepted", "replied", "rated"]
    assert all(r["record_id"] == report_id and r["chain"] == county.id for r in rows)
    assert rows[0]["actor_id"] == deputy_user.id and rows[3]["actor_id"] == deputy_user.id
    assert rows[1]["actor_id"] == office_user.id and rows[2]["actor_id"] == office_user.id
    assert '"rating":[null,"satisfied"]' in rows[3]["data"]
    assert [r["action"] for r in _rows("issue_events")]  # the accepted report's problem
    code, out = verify()
    assert code == 0, out
