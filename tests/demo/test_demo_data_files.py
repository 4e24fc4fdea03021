"""The demo data files in server/demo/data: their format, their references, and the figures of
the two reports in shared/domain/ they must reproduce (statuses computed by the real rules).

Pure checks: no Flask app and no database, only the files and ``server.projects.schedule``.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from pathlib import Path

import pytest

from server.projects.schedule import (
    BEHIND,
    COMPLETED,
    COMPLETED_EARLY,
    ON_SCHEDULE,
    POSTPONED,
    ScheduleFacts,
    schedule_status,
)

DATA = Path(__file__).resolve().parents[2] / "server" / "demo" / "data"

HEADER = [
    "项目编号", "项目名称", "层级", "系列", "乡镇(街道)", "村(社区)", "责任单位", "分管领导",
    "联系人", "联系电话", "计划投资(万元)", "下达资金(万元)", "完成投资(万元)", "开工时间",
    "计划完成时间", "实际完成时间", "形象进度(%)", "暂缓原因", "滞后原因", "经度", "纬度",
]  # fmt: skip
LEVELS = ("省级", "市级", "县级", "乡镇级")
DONE = (COMPLETED, COMPLETED_EARLY)
SNAPSHOTS = {
    "taishang": ("2023-03-31", "2023-05-31", "2023-07-31", "2023-12-31"),
    "qingtian": ("2023-06-30", "2023-12-31", "2024-02-08"),
}
BOXES = {  # lat_min, lat_max, lon_min, lon_max (WGS84)
    "taishang": (24.95, 25.10, 118.70, 118.95),
    "qingtian": (27.90, 28.40, 119.80, 120.50),
}
COUNTY_SNAPSHOTS = [(county, when) for county, dates in SNAPSHOTS.items() for when in dates]
QT_DELAYED = (
    "瓯南街道南湾村休闲场所",
    "仁庄镇孙山村村委办公楼至后山公路硬化",
    "祯埠镇陈篆至海口南岸（祯埠段）道路安全防护设施建设",
)
HOSPITAL_REASON = (
    "专项债资金未发放到位，资金难以保障，经研究暂缓实施，待明年专项债资金到位后再开工建设"
)


# ---------------------------------------------------------------------------------------------
# reading the files


@cache
def county_info(county: str) -> dict:
    return json.loads((DATA / county / "county.json").read_text(encoding="utf-8"))


@cache
def csv_rows(path: Path) -> tuple[dict[str, str], ...]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return tuple(csv.DictReader(handle))


def units(county: str) -> dict[str, str]:
    return {row["code"]: row["name"] for row in csv_rows(DATA / county / "units.csv")}


def series(county: str) -> list[str]:
    return [row["name"] for row in csv_rows(DATA / county / "series.csv")]


def ledger(county: str, when: str) -> tuple[dict[str, str], ...]:
    return csv_rows(DATA / county / f"ledger_{when}.csv")


def users(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))


def wan(text: str) -> Decimal:
    return Decimal(text) if text else Decimal(0)


def optional_date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def status(row: dict[str, str], as_of: str) -> str:
    facts = ScheduleFacts(
        start_date=optional_date(row["开工时间"]),
        planned_completion_date=optional_date(row["计划完成时间"]),
        completed_on=optional_date(row["实际完成时间"]),
        progress_pct=Decimal(row["形象进度(%)"]) if row["形象进度(%)"] else None,
        postponed_reason=row["暂缓原因"] or None,
    )
    return schedule_status(facts, date.fromisoformat(as_of)).status


def statuses(county: str, when: str, level: str | tuple[str, ...]) -> Counter[str]:
    levels = (level,) if isinstance(level, str) else level
    return Counter(status(r, when) for r in ledger(county, when) if r["层级"] in levels)


def by_name(county: str, when: str) -> dict[str, dict[str, str]]:
    return {row["项目名称"]: row for row in ledger(county, when)}


# ---------------------------------------------------------------------------------------------
# format and references, for every county and snapshot


@pytest.mark.parametrize("county", SNAPSHOTS)
def test_the_snapshots_are_the_expected_dates(county: str) -> None:
    found = sorted(p.stem.removeprefix("ledger_") for p in (DATA / county).glob("ledger_*.csv"))
    assert found == list(SNAPSHOTS[county])


@pytest.mark.parametrize(("county", "when"), COUNTY_SNAPSHOTS)
def test_snapshot_is_utf8_with_bom_and_the_exact_header(county: str, when: str) -> None:
    raw = (DATA / county / f"ledger_{when}.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    first_line = raw.decode("utf-8-sig").splitlines()[0]
    assert next(csv.reader([first_line])) == HEADER
    assert all(len(row) == len(HEADER) and None not in row for row in ledger(county, when))


@pytest.mark.parametrize(("county", "when"), COUNTY_SNAPSHOTS)
def test_codes_and_names_are_unique(county: str, when: str) -> None:
    rows = ledger(county, when)
    codes = [r["项目编号"] for r in rows]
    names = [r["项目名称"] for r in rows]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)
    prefix = {"taishang": r"TS2023-(\d{3}|S\d{3})", "qingtian": r"QT2023-[SXZ]\d{3}"}[county]
    assert all(re.fullmatch(prefix, code) for code in codes)


@pytest.mark.parametrize("county", SNAPSHOTS)
def test_every_snapshot_holds_the_same_projects(county: str) -> None:
    first, *rest = SNAPSHOTS[county]
    fixed = ("项目编号", "项目名称", "层级", "系列", "乡镇(街道)", "村(社区)", "责任单位")
    expected = sorted(tuple(r[c] for c in fixed) for r in ledger(county, first))
    for when in rest:
        assert sorted(tuple(r[c] for c in fixed) for r in ledger(county, when)) == expected


@pytest.mark.parametrize(("county", "when"), COUNTY_SNAPSHOTS)
def test_references_resolve(county: str, when: str) -> None:
    info = county_info(county)
    villages = {t["name"]: set(t["villages"]) for t in info["townships"]}
    unit_names = set(units(county).values())
    series_names = set(series(county))
    for row in ledger(county, when):
        code = row["项目编号"]
        assert row["层级"] in LEVELS, code
        assert row["系列"] in series_names, code
        assert row["责任单位"] in unit_names, code
        assert row["乡镇(街道)"] in villages, code
        if row["村(社区)"]:
            assert row["村(社区)"] in villages[row["乡镇(街道)"]], code


@pytest.mark.parametrize(("county", "when"), COUNTY_SNAPSHOTS)
def test_values_are_well_formed(county: str, when: str) -> None:
    lat_min, lat_max, lon_min, lon_max = BOXES[county]
    as_of = date.fromisoformat(when)
    for row in ledger(county, when):
        code = row["项目编号"]
        for column in ("计划投资(万元)", "下达资金(万元)", "完成投资(万元)"):
            assert re.fullmatch(r"\d+(\.\d{1,4})?", row[column]), (code, column, row[column])
        assert wan(row["下达资金(万元)"]) <= wan(row["计划投资(万元)"]), code
        assert wan(row["完成投资(万元)"]) <= wan(row["计划投资(万元)"]), code
        start, due = date.fromisoformat(row["开工时间"]), date.fromisoformat(row["计划完成时间"])
        assert start < due, code
        progress = Decimal(row["形象进度(%)"])
        assert 0 <= progress <= 100, code
        done = optional_date(row["实际完成时间"])
        if done is not None:
            assert start < done <= as_of and progress == 100, code
        else:
            assert progress < 100, code
        if row["暂缓原因"]:
            assert done is None, code
        assert bool(row["滞后原因"]) == (status(row, when) == BEHIND), code
        assert lat_min <= float(row["纬度"]) <= lat_max, code
        assert lon_min <= float(row["经度"]) <= lon_max, code
        assert row["分管领导"] and row["联系人"] and row["联系电话"], code


@pytest.mark.parametrize("county", SNAPSHOTS)
def test_progress_funds_and_completion_never_go_back(county: str) -> None:
    previous: dict[str, dict[str, str]] = {}
    for when in SNAPSHOTS[county]:
        for row in ledger(county, when):
            before = previous.get(row["项目编号"])
            if before is not None:
                code = row["项目编号"]
                assert Decimal(row["形象进度(%)"]) >= Decimal(before["形象进度(%)"]), (code, when)
                assert wan(row["下达资金(万元)"]) >= wan(before["下达资金(万元)"]), (code, when)
                assert wan(row["完成投资(万元)"]) >= wan(before["完成投资(万元)"]), (code, when)
                if before["实际完成时间"]:
                    assert row["实际完成时间"] == before["实际完成时间"], (code, when)
            previous[row["项目编号"]] = row


def test_taishang_county_json() -> None:
    info = county_info("taishang")
    assert (info["name"], info["code"], info["level_label"]) == ("泉州台商投资区", "350598", "区")
    assert info["supervisor_office"] == "台商投资区督查室"
    townships = {t["name"]: t for t in info["townships"]}
    assert list(townships) == ["洛阳镇", "东园镇", "张坂镇", "百崎回族乡"]
    for township in townships.values():
        assert 5 <= len(township["villages"]) <= 12
        assert len(set(township["villages"])) == len(township["villages"])
        assert re.fullmatch(r"350598\d{3}", township["code"])
    for township, village in [("洛阳镇", "下曾村"), ("东园镇", "灵溪社区"), ("张坂镇", "玉霞村"),
                              ("百崎回族乡", "里春村"), ("张坂镇", "后蔡村")]:  # fmt: skip
        assert village in townships[township]["villages"]


def test_qingtian_county_json() -> None:
    info = county_info("qingtian")
    assert (info["name"], info["code"], info["level_label"]) == ("青田县", "331121", "县")
    names = [t["name"] for t in info["townships"]]
    assert len(names) == len(set(names)) == 32
    assert sum(n.endswith("街道") for n in names) == 4
    assert sum(n.endswith("镇") for n in names) == 10
    assert sum(n.endswith("乡") for n in names) == 18
    for township in info["townships"]:
        assert 2 <= len(township["villages"]) <= 5
        assert re.fullmatch(r"331121\d{3}", township["code"])
    villages = {t["name"]: t["villages"] for t in info["townships"]}
    assert "南湾村" in villages["瓯南街道"]
    assert "孙山村" in villages["仁庄镇"]
    assert "陈篆村" in villages["祯埠镇"]


@pytest.mark.parametrize("county", SNAPSHOTS)
def test_units_and_series_files(county: str) -> None:
    rows = csv_rows(DATA / county / "units.csv")
    assert list(rows[0]) == ["code", "name"]
    codes = [r["code"] for r in rows]
    assert len(set(codes)) == len(codes)
    assert len({r["name"] for r in rows}) == len(rows)
    assert all(re.fullmatch(r"[A-Z]{2}-[A-Z0-9-]{1,16}", c) for c in codes)
    assert list(csv_rows(DATA / county / "series.csv")[0]) == ["name"]
    names = series(county)
    assert len(set(names)) == len(names)
    if county == "taishang":
        assert len(names) == 5
        assert {
            "综合执法与应急管理局",
            "农林水与生态环境局",
            "民生保障局",
            "教育文体旅游局",
        } <= set(units(county).values())
    else:
        assert len(names) == 12
        assert names[-2:] == ["乡镇民生实事票决项目", "省市级民生实事"]
        assert units(county)["QT-T-ONAN"] == "瓯南街道办事处"
        township_units = {n for n in units(county).values() if n.endswith(("办事处", "人民政府"))}
        assert len(township_units) == 32


def test_users_files() -> None:
    everyone: list[str] = []
    for county in SNAPSHOTS:
        accounts = users(DATA / county / "users.json")
        everyone += [a["username"] for a in accounts]
        roles = Counter(a["role"] for a in accounts)
        assert roles["supervisor"] == 1 and 2 <= roles["inspector"] <= 3
        assert 2 <= roles["unit"] <= 3 and roles["deputy"] == 2
        townships = {t["name"] for t in county_info(county)["townships"]}
        unit_codes = set(units(county))
        for account in accounts:
            assert set(account) == {
                "username",
                "display_name",
                "role",
                "unit",
                "townships",
                "county",
            }
            assert re.fullmatch(r"[a-z][a-z0-9_]+", account["username"])
            assert account["county"] is (account["role"] == "supervisor")
            assert (account["unit"] is not None) is (account["role"] == "unit")
            if account["unit"] is not None:
                assert account["unit"] in unit_codes
            assert bool(account["townships"]) is (account["role"] == "inspector")
            assert set(account["townships"]) <= townships
    top = users(DATA / "users.json")
    assert {(a["username"], a["role"]) for a in top} == {
        ("admin", "admin"),
        ("supervisor", "supervisor"),
    }
    assert next(a for a in top if a["role"] == "supervisor")["display_name"] == "督查室（演示）"
    assert not any(a["county"] for a in top)
    everyone += [a["username"] for a in top]
    assert len(everyone) == len(set(everyone))


# ---------------------------------------------------------------------------------------------
# 泉州台商投资区: "48个区级项目 ... 截至7月 ... 已下达4.06亿元,完成年度计划的84.50%。
# 17个项目已提前完工,4个项目超时序,其余项目按时序推进中。"


def test_taishang_has_48_district_and_33_provincial_or_city_projects() -> None:
    levels = Counter(r["层级"] for r in ledger("taishang", "2023-07-31"))
    assert levels["县级"] == 48
    assert levels["省级"] + levels["市级"] == 33
    assert len(ledger("taishang", "2023-07-31")) == 81
    district_series = {r["系列"] for r in ledger("taishang", "2023-07-31") if r["层级"] == "县级"}
    assert district_series == set(series("taishang"))


def test_taishang_district_statuses_end_of_july() -> None:
    counts = statuses("taishang", "2023-07-31", "县级")
    assert counts == Counter({COMPLETED_EARLY: 17, "ahead": 4, ON_SCHEDULE: 27})


def test_taishang_district_funds_end_of_july() -> None:
    rows = [r for r in ledger("taishang", "2023-07-31") if r["层级"] == "县级"]
    allocated = sum(wan(r["下达资金(万元)"]) for r in rows)
    planned = sum(wan(r["计划投资(万元)"]) for r in rows)
    assert allocated == 40600
    percent = (allocated * 100 / planned).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert percent == Decimal("84.50")


def test_taishang_seven_lagging_projects_in_may_caught_up() -> None:
    may = [r for r in ledger("taishang", "2023-05-31") if r["层级"] == "县级"]
    lagging = {r["项目编号"] for r in may if status(r, "2023-05-31") == BEHIND}
    assert len(lagging) == 7
    july = {r["项目编号"]: r for r in ledger("taishang", "2023-07-31")}
    assert all(status(july[code], "2023-07-31") == ON_SCHEDULE for code in lagging)


def test_taishang_disaster_shelters() -> None:
    rows = [
        r for r in ledger("taishang", "2023-07-31") if "自然灾害避灾点规范化建设" in r["项目名称"]
    ]
    assert len(rows) == 15
    assert len({(r["乡镇(街道)"], r["村(社区)"]) for r in rows}) == 15
    assert sum(wan(r["下达资金(万元)"]) for r in rows) == 75
    places = {(r["乡镇(街道)"], r["村(社区)"]) for r in rows}
    assert {
        ("洛阳镇", "下曾村"),
        ("东园镇", "灵溪社区"),
        ("张坂镇", "玉霞村"),
        ("百崎回族乡", "里春村"),
    } <= places
    # in use before typhoon Doksuri (late July 2023)
    assert all(status(r, "2023-07-31") in DONE for r in rows)


def test_taishang_report_cases() -> None:
    july = by_name("taishang", "2023-07-31")
    boats = july["乡镇船舶安全评估及北斗定位终端安装"]
    assert wan(boats["完成投资(万元)"]) == Decimal("25.418")
    canteens = [r for name, r in july.items() if "长者食堂" in name]
    assert len(canteens) == 4
    assert all(
        wan(r["计划投资(万元)"]) == 30 and status(r, "2023-07-31") == ON_SCHEDULE for r in canteens
    )
    for name in (
        "御湖湾百姓书房新型公共文化空间",
        "梅岭村百姓书房新型公共文化空间",
        "张坂镇后蔡村新型公共文化空间",
    ):
        assert status(july[name], "2023-07-31") in DONE
    silk_road = july["百崎乡丝路文化艺术新型公共文化空间"]
    assert silk_road["计划完成时间"] == "2023-09-30"
    assert status(silk_road, "2023-07-31") == ON_SCHEDULE
    assert any("农村生活污水提升治理" in name for name in july)
    assert any("农村公厕" in name for name in july)
    assert any("自来水" in name for name in july)


def test_taishang_year_end_everything_completed() -> None:
    rows = ledger("taishang", "2023-12-31")
    assert all(status(r, "2023-12-31") in DONE for r in rows)
    late = [r for r in rows if r["实际完成时间"] > r["计划完成时间"]]
    assert 1 <= len(late) <= 2
    for row in late:
        overdue = date.fromisoformat(row["实际完成时间"]) - date.fromisoformat(row["计划完成时间"])
        assert overdue.days <= 10


# ---------------------------------------------------------------------------------------------
# 青田县: "222项各级民生实事中,107项省市级民生实事已全部完成;34项县级民生实事已完成31项;
# 81项乡镇民生实事已完成56项,除3个项目进度滞后外,其余均能在春节前落实到位。"


def test_qingtian_project_counts() -> None:
    rows = ledger("qingtian", "2023-12-31")
    levels = Counter(r["层级"] for r in rows)
    assert len(rows) == 222
    assert levels["省级"] + levels["市级"] == 107
    assert levels["县级"] == 34
    assert levels["乡镇级"] == 81
    township_projects = [r for r in rows if r["层级"] == "乡镇级"]
    assert len({r["乡镇(街道)"] for r in township_projects}) == 32
    assert {r["系列"] for r in township_projects} == {"乡镇民生实事票决项目"}
    assert {r["系列"] for r in rows if r["层级"] in ("省级", "市级")} == {"省市级民生实事"}
    assert {r["系列"] for r in rows if r["层级"] == "县级"} == set(series("qingtian")[:10])


def test_qingtian_year_end_provincial_and_city_all_completed() -> None:
    counts = statuses("qingtian", "2023-12-31", ("省级", "市级"))
    assert sum(counts[s] for s in DONE) == sum(counts.values()) == 107


def test_qingtian_year_end_county_tasks() -> None:
    counts = statuses("qingtian", "2023-12-31", "县级")
    assert sum(counts[s] for s in DONE) == 31
    assert counts[POSTPONED] == 1 and counts[ON_SCHEDULE] == 2
    hospital = by_name("qingtian", "2023-12-31")["开工建设华侨医院"]
    assert status(hospital, "2023-12-31") == POSTPONED
    assert hospital["暂缓原因"] == HOSPITAL_REASON
    pending = [
        r for r in ledger("qingtian", "2023-12-31")
        if r["层级"] == "县级" and status(r, "2023-12-31") == ON_SCHEDULE
    ]  # fmt: skip
    assert {r["计划完成时间"] for r in pending} == {"2024-02-09"}


def test_qingtian_year_end_township_projects() -> None:
    rows = [r for r in ledger("qingtian", "2023-12-31") if r["层级"] == "乡镇级"]
    counts = Counter(status(r, "2023-12-31") for r in rows)
    assert sum(counts[s] for s in DONE) == 56
    assert counts[ON_SCHEDULE] == 22 and counts[BEHIND] == 3
    assert {r["计划完成时间"] for r in rows if status(r, "2023-12-31") == ON_SCHEDULE} == {
        "2024-02-09"
    }
    behind = {r["项目名称"]: r for r in rows if status(r, "2023-12-31") == BEHIND}
    assert set(behind) == set(QT_DELAYED)
    for row in behind.values():
        assert row["计划完成时间"] < "2023-12-31"
        assert "滞后" in row["滞后原因"]
    assert sum(wan(r["下达资金(万元)"]) for r in rows) == 2300


def test_qingtian_before_the_spring_festival() -> None:
    rows = ledger("qingtian", "2024-02-08")
    county = Counter(status(r, "2024-02-08") for r in rows if r["层级"] == "县级")
    assert sum(county[s] for s in DONE) == 33 and county[POSTPONED] == 1
    township = [r for r in rows if r["层级"] == "乡镇级"]
    assert sum(status(r, "2024-02-08") in DONE for r in township) == 78
    assert {r["项目名称"] for r in township if status(r, "2024-02-08") == BEHIND} == set(QT_DELAYED)
    assert sum(wan(r["下达资金(万元)"]) for r in township) == 2300
    assert all(status(r, "2024-02-08") in DONE for r in rows if r["层级"] in ("省级", "市级"))


def test_qingtian_lagging_examples_of_the_report() -> None:
    """农村公路 and 村卫生室医保互联互通 were the subjects of the assignment slips (交办单)."""
    june = by_name("qingtian", "2023-06-30")
    roads = june["提升改造农村公路120公里"]
    insurance = june["推进村卫生室医保互联互通"]
    assert status(roads, "2023-06-30") == BEHIND and roads["滞后原因"]
    assert status(insurance, "2023-06-30") == BEHIND and insurance["滞后原因"]
    year_end = by_name("qingtian", "2023-12-31")
    assert status(year_end["提升改造农村公路120公里"], "2023-12-31") in DONE
    assert status(year_end["推进村卫生室医保互联互通"], "2023-12-31") in DONE


# ---------------------------------------------------------------------------------------------
# the files are what the generator writes


def test_files_match_their_generator(tmp_path: Path) -> None:
    from server.demo.data import generate

    for county in (generate.taishang(), generate.qingtian()):
        generate.write_county(county, tmp_path)
        for path in sorted((tmp_path / county.slug).iterdir()):
            assert path.read_bytes() == (DATA / county.slug / path.name).read_bytes(), path.name
