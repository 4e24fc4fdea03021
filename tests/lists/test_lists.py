"""责任清单 and 整改清单 as XLSX: who gets which lines, and what they say."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from server.lists.services import slip_of
from tests.lists.conftest import sheet_rows


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
    assert summary == [("区农林水与生态环境局", 2, 1, 1), ("区民生保障局", 1, 0, 0)]


def test_an_office_lists_only_its_region(as_user, world) -> None:
    rows = sheet_rows(as_user(world["west_office"]).get("/api/v1/lists/responsibility"))
    assert [r[3] for r in rows] == ["未公示菜谱"]


def test_rectification_list_without_slips_falls_back_to_the_description(as_user, world) -> None:
    rows = sheet_rows(as_user(world["supervisor"]).get("/api/v1/lists/rectification"))
    assert len(rows) == 3
    no_water = next(r for r in rows if r[2] == "三户无法供水")
    assert no_water[1] is None  # no 交办单号 yet
    assert no_water[3] == "三户无法供水的详细情况"
    assert no_water[4] == "区农林水与生态环境局" and no_water[6] == "整改中"
    assert no_water[7].startswith("逾期 ")
    closed = next(r for r in rows if r[2] == "阀门井渗漏")
    assert (closed[6], closed[7]) == ("已销号", None)


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
    assert {r[2] for r in rows} == {"三户无法供水", "阀门井渗漏"}
    assert unit.get("/api/v1/lists/responsibility").status_code == 403


def test_the_latest_slip_gives_number_and_requirements() -> None:
    slips = [
        SimpleNamespace(code="督交〔2023〕3号", requirements="先查明原因"),
        SimpleNamespace(code="督交〔2023〕17号", requirements="7日内恢复供水"),
    ]
    assert slip_of(SimpleNamespace(slips=slips)) == ("督交〔2023〕17号", "7日内恢复供水")
    assert slip_of(SimpleNamespace(slips=[])) == (None, None)
    assert slip_of(SimpleNamespace()) == (None, None)  # problems without slips at all
