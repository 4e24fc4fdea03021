"""Deputies' reports through sync."""

from __future__ import annotations

from server.db import db
from server.reports.models import DeputyReport
from tests.sync.conftest import new_id


def test_deputy_files_a_report(phone, make_user, make_project, county) -> None:
    project = make_project()
    deputy = phone(make_user("deputy", region=county))
    report_id = new_id()
    result = deputy.do(
        "report.create",
        id=report_id,
        project_id=project.id,
        title="自来水管网铺设后无法供水",
        description="下曾村三户",
        location={"lat": 25.0, "lon": 118.8, "accuracy_m": 20, "at": "2023-07-01T10:00:00+08:00"},
    )
    assert result["status"] == "applied"
    assert db.session.get(DeputyReport, report_id).status == "submitted"


def test_rating_waits_for_a_reply(phone, make_user, county) -> None:
    deputy = phone(make_user("deputy", region=county))
    report_id = new_id()
    deputy.do("report.create", id=report_id, title="文化空间闲置", description="大门常年紧锁")
    assert (
        deputy.do("report.rate", report_id=report_id, rating="satisfied")["code"] == "not_replied"
    )


def test_rating_after_reply(phone, make_user, county) -> None:
    deputy = phone(make_user("deputy", region=county))
    report_id = new_id()
    deputy.do("report.create", id=report_id, title="文化空间闲置", description="大门常年紧锁")
    report = db.session.get(DeputyReport, report_id)
    report.status, report.reply = "replied", "已安排专人每周开放"
    db.session.commit()
    assert (
        deputy.do(
            "report.rate", report_id=report_id, rating="basically_satisfied", comment="还需观察"
        )["status"]
        == "applied"
    )


def test_only_deputies_file_reports(phone, make_user, county) -> None:
    result = phone(make_user("inspector")).do(
        "report.create", id=new_id(), title="t", description="d"
    )
    assert result["code"] == "forbidden"


def test_someone_elses_report_cannot_be_rated(phone, make_user, county) -> None:
    owner = phone(make_user("deputy", region=county))
    report_id = new_id()
    owner.do("report.create", id=report_id, title="t", description="d")
    assert (
        phone(make_user("deputy", region=county)).do(
            "report.rate", report_id=report_id, rating="satisfied"
        )["code"]
        == "not_found"
    )


def test_a_replayed_report_is_kept_once_and_a_taken_id_is_refused(phone, make_user, county) -> None:
    deputy = make_user("deputy", region=county)
    report_id = new_id()
    args = {"id": report_id, "title": "文化空间闲置", "description": "大门常年紧锁"}
    assert phone(deputy).do("report.create", **args)["status"] == "applied"
    # the same deputy from another install: already there, nothing new
    assert phone(deputy).do("report.create", **args)["status"] == "applied"
    assert db.session.query(DeputyReport).filter_by(id=report_id).count() == 1
    taken = phone(make_user("deputy", region=county)).do("report.create", **args)
    assert (taken["code"], taken["message"]) == ("id_taken", "代表反映编号已被占用")


def test_a_report_needs_a_project_or_the_deputys_region(phone, make_user) -> None:
    result = phone(make_user("deputy")).do("report.create", id=new_id(), title="t", description="d")
    assert (result["code"], result["message"]) == ("project_required", "请选择反映的项目或所在地区")
