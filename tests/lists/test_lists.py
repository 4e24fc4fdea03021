"""责任清单 and 整改清单 as XLSX: who gets which lines, and what they say."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from types import SimpleNamespace

from server.db import db
from server.inspections.models import Inspection
from server.issues.models import Issue
from server.lists.services import slip_of
from server.lists.sheets import rectification_xlsx
from tests.bulletins.conftest import logged
from tests.lists.conftest import at, sheet_rows


def rectified(issue: Issue, done: datetime, received: datetime) -> None:
    """The unit's 已整改, done on its phone at ``done`` and received by the server at ``received``."""
    data = {"expected_from": "rectifying", "photo_ids": []}
    columns = {"from_state": "rectifying", "to_state": "rectified"}
    logged(
        issue,
        "transition",
        data,
        actor_id=issue.created_by_id,
        at=done,
        received_at=received,
        **columns,
    )
    issue.state = "rectified"
    db.session.commit()


def test_responsibility_list_groups_problems_by_unit(as_user, world) -> None:
    rows = sheet_rows(as_user(world["supervisor"]).get("/api/v1/lists/responsibility"))
    # duplicates and problems with no unit yet are not a unit's to answer for
    assert [(r[1], r[3]) for r in rows] == [
        ("区农林水与生态环境局", "三户无法供水"),
        ("区农林水与生态环境局", "阀门井渗漏"),
        ("区民生保障局", "未公示菜谱"),
    ]
    water = rows[0]
    assert water[0] == 1 and water[2] == "水利联络员"  # the unit's contact: its users
    assert water[4:9] == (
        "下曾村自来水管网延伸",
        "李副区长",
        "陈工 0595-1234567",
        "整改中",
        water[8],
    )
    assert water[8].date() == date(2023, 7, 20)


def test_responsibility_summary_counts_each_unit(as_user, world) -> None:
    response = as_user(world["supervisor"]).get("/api/v1/lists/responsibility")
    summary = sheet_rows(response, "汇总")
    assert summary == [("区农林水与生态环境局", 2, 1, 1, 0), ("区民生保障局", 1, 0, 0, 0)]


def test_an_office_lists_only_its_region(as_user, world) -> None:
    rows = sheet_rows(as_user(world["west_office"]).get("/api/v1/lists/responsibility"))
    assert [r[3] for r in rows] == ["未公示菜谱"]


def test_rectification_list_without_a_slip_leaves_the_requirement_blank(as_user, world) -> None:
    rows = sheet_rows(as_user(world["supervisor"]).get("/api/v1/lists/rectification"))
    no_water = next(r for r in rows if r[2] == "三户无法供水")
    assert no_water[1] is None  # no 交办单号 yet
    assert no_water[3] is None  # no 整改要求 given: not the problem's description either
    assert no_water[4] == "区农林水与生态环境局" and no_water[6] == "整改中"
    assert no_water[7].startswith("逾期 ")


def test_a_closed_problem_leaves_the_rectification_list(as_user, world) -> None:
    rows = sheet_rows(as_user(world["supervisor"]).get("/api/v1/lists/rectification"))
    assert sorted(r[2] for r in rows) == sorted(["三户无法供水", "未公示菜谱"])
    duty = sheet_rows(as_user(world["supervisor"]).get("/api/v1/lists/responsibility"))
    assert "阀门井渗漏" in [r[3] for r in duty]  # the 责任清单 keeps it, as 已销号


def test_a_slip_with_blank_requirements_stays_blank(app) -> None:
    slip = SimpleNamespace(code="督交〔2023〕5号", requirements="")
    issue = SimpleNamespace(
        title="三户无法供水",
        description="三户无法供水的详细情况",
        unit=SimpleNamespace(name="区农林水与生态环境局"),
        deadline=date(2023, 7, 30),
        state="assigned",
        slips=[slip],
        events=[],
    )
    with app.app_context():
        body = rectification_xlsx([issue], date(2023, 7, 25), None)  # type: ignore[list-item]
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = SimpleNamespace(status_code=200, mimetype=xlsx, data=body)
    row = sheet_rows(response)[0]
    assert row[1] == "督交〔2023〕5号" and row[3] is None


def test_the_office_picks_a_unit(as_user, world) -> None:
    url = f"/api/v1/lists/rectification?unit_id={world['welfare'].id}"
    rows = sheet_rows(as_user(world["supervisor"]).get(url))
    assert [r[2] for r in rows] == ["未公示菜谱"]
    assert (
        as_user(world["supervisor"]).get("/api/v1/lists/rectification?unit_id=999999").status_code
        == 404
    )


def test_a_unit_gets_its_own_list_whatever_it_asks(as_user, world) -> None:
    unit = as_user(world["water_user"])
    rows = sheet_rows(unit.get(f"/api/v1/lists/rectification?unit_id={world['welfare'].id}"))
    assert {r[2] for r in rows} == {"三户无法供水"}  # its closed 阀门井渗漏 has left
    assert unit.get("/api/v1/lists/responsibility").status_code == 403


def test_the_latest_slip_gives_number_and_requirements() -> None:
    slips = [
        SimpleNamespace(code="督交〔2023〕3号", requirements="先查明原因"),
        SimpleNamespace(code="督交〔2023〕17号", requirements="7日内恢复供水"),
    ]
    assert slip_of(SimpleNamespace(slips=slips)) == ("督交〔2023〕17号", "7日内恢复供水")
    assert slip_of(SimpleNamespace(slips=[])) == (None, None)
    assert slip_of(SimpleNamespace()) == (None, None)  # problems without slips at all


def test_a_rectification_that_reached_the_server_after_the_deadline_is_listed_late(
    as_user, world
) -> None:
    # the phone says 07-19, a day before the deadline; the server got it on 07-23
    rectified(world["issues"]["no_water"], done=at(19), received=at(23))
    rows = sheet_rows(as_user(world["supervisor"]).get("/api/v1/lists/rectification"))
    no_water = next(r for r in rows if r[2] == "三户无法供水")
    assert no_water[6:] == (
        "已整改（待复核）",
        "逾期整改",
        "2023-07-19 10:00（同步 2023-07-23 10:00）",
    )
    summary = sheet_rows(as_user(world["supervisor"]).get("/api/v1/lists/responsibility"), "汇总")
    assert summary[0] == ("区农林水与生态环境局", 2, 2, 0, 1)


def test_a_rectification_received_in_time_is_not_late(as_user, world) -> None:
    rectified(world["issues"]["no_water"], done=at(19), received=at(19, 3))
    rows = sheet_rows(as_user(world["supervisor"]).get("/api/v1/lists/rectification"))
    no_water = next(r for r in rows if r[2] == "三户无法供水")
    assert no_water[6:] == ("已整改（待复核）", None, "2023-07-19 10:00")


def test_a_units_own_contact_comes_before_its_users_names(as_user, world) -> None:
    world["water"].contact_person, world["water"].contact_phone = "张科长", "0578-6812345"
    db.session.commit()
    rows = sheet_rows(as_user(world["supervisor"]).get("/api/v1/lists/responsibility"))
    assert rows[0][2] == "张科长 0578-6812345"


def test_a_problem_of_a_returned_inspection_is_marked_in_both_lists(as_user, world) -> None:
    returned = Inspection(
        id=str(uuid.uuid4()),
        project_id=world["pipe"].id,
        kind="revisit",
        status="returned",
        inspector_id=world["supervisor"].id,
        started_at=at(12, 1),
        submitted_at=at(12, 1),
    )
    db.session.add(returned)
    world["issues"]["no_water"].inspection_id = returned.id
    db.session.commit()
    office = as_user(world["supervisor"])
    rows = sheet_rows(office.get("/api/v1/lists/rectification"))
    states = {r[2]: r[6] for r in rows}
    assert states["三户无法供水"] == "整改中（所属检查已退回）"
    assert states["未公示菜谱"] == "已交办"
    duty = sheet_rows(office.get("/api/v1/lists/responsibility"))
    assert {r[3]: r[7] for r in duty}["三户无法供水"] == "整改中（所属检查已退回）"
