"""Ledger import through the API: preview, all-or-nothing, re-import by code, export, template."""

from __future__ import annotations

import io
from datetime import datetime

import pytest
from sqlalchemy import func, select

from server.db import db
from server.projects.ledger import parse_ledger
from server.projects.models import ProgressReport, Project
from server.regions.models import Region, Unit
from tests.projects.ledger.factories import ledger_xlsx, xlsx_bytes

HEADERS = [
    "序号",
    "项目编号",
    "项目名称",
    "层级",
    "系列",
    "乡镇（街道）",
    "村(社区)",
    "责任单位",
    "计划投资\n（万元）",
    "下达资金(万元)",
    "开工时间",
    "计划完成时间",
    "实际完成时间",
    "形象进度(%)",
    "暂缓原因",
]


def messy_ledger() -> bytes:
    """What an office really sends: merged title, 序号, odd headers, mixed formats, a 合计 row."""
    rows = [
        ["2023年民生实事项目台账(截至7月底)", *[None] * 14],
        HEADERS,
        [
            1,
            "QT-001",
            "东镇长者食堂",
            "县级",
            "养老托育",
            "东镇",
            "东村",
            "民生保障局",
            "30万元",
            "２５",
            "2023年3月",
            "2023.09.30",
            None,
            "６０％",
            None,
        ],
        [
            2,
            "QT-002",
            "西乡农村公厕改造",
            "乡镇级",
            "城乡环境",
            "西乡",
            None,
            "西乡人民政府",
            12.5,
            12.5,
            datetime(2023, 2, 1),
            "2023年6月底",
            "2023-06-20",
            100,
            None,
        ],
        [
            3,
            "QT-003",
            "华侨医院",
            "县级",
            "医疗健康",
            None,
            None,
            "卫健局",
            "1.2亿元",
            0,
            "2023/4/1",
            "2024年12月",
            None,
            0,
            "专项债资金未到位",
        ],
        [
            "合计",
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
            None,
        ],
    ]
    return xlsx_bytes(rows, merges=["A1:O1"])


def post_import(
    client,
    token: str,
    data: bytes,
    county_id: int,
    dry_run: bool = False,
    filename: str = "台账.xlsx",
    **form: str,
):  # type: ignore[no-untyped-def]
    url = "/api/v1/projects/import" + ("?dry_run=1" if dry_run else "")
    return client.post(
        url,
        data={"file": (io.BytesIO(data), filename), "county_id": str(county_id), **form},
        headers={"X-CSRF-Token": token},
        content_type="multipart/form-data",
    )


def project_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Project)) or 0


@pytest.fixture
def office(client, make_user, login):  # type: ignore[no-untyped-def]
    return login(make_user("supervisor"))


def test_messy_ledger_imports_with_exact_values(client, office, county) -> None:
    response = post_import(client, office, messy_ledger(), county.id, report_date="2023-07-31")
    body = response.get_json()
    assert response.status_code == 200, body
    assert (body["created"], body["errors"]) == (3, [])
    canteen = db.session.scalar(select(Project).where(Project.code == "QT-001"))
    assert canteen.planned_investment_yuan == 300_000
    assert canteen.allocated_investment_yuan == 250_000
    assert float(canteen.progress_pct) == 60.0
    assert canteen.township.name == "东镇" and canteen.village.name == "东村"
    hospital = db.session.scalar(select(Project).where(Project.code == "QT-003"))
    assert hospital.planned_investment_yuan == 120_000_000
    assert hospital.postponed_reason == "专项债资金未到位"


def test_import_creates_missing_units_and_reports_them(client, office, county) -> None:
    body = post_import(client, office, messy_ledger(), county.id, dry_run=True).get_json()
    assert sorted(body["new_units"]) == sorted(["民生保障局", "西乡人民政府", "卫健局"])
    assert body["new_townships"] == []


def test_imported_statuses_follow_the_rules(client, office, county) -> None:
    post_import(client, office, messy_ledger(), county.id, report_date="2023-07-31")
    items = client.get("/api/v1/projects?as_of=2023-07-31").get_json()["items"]
    assert {i["code"]: i["schedule_status"] for i in items} == {
        "QT-001": "behind",  # 60% against 71.4% planned (2023-03-01 → 09-30)
        "QT-002": "completed_early",
        "QT-003": "postponed",
    }


def test_dry_run_writes_nothing(client, office, county) -> None:
    body = post_import(client, office, messy_ledger(), county.id, dry_run=True).get_json()
    assert (body["created"], body["dry_run"]) == (3, True)
    assert project_count() == 0
    assert db.session.scalar(select(func.count()).select_from(Unit)) == 0


def test_one_bad_row_imports_nothing(client, office, county) -> None:
    data = ledger_xlsx(
        {"项目编号": "OK-1", "项目名称": "好的项目"},
        {"项目编号": "BAD-1", "项目名称": "坏的项目", "计划完成时间": "2023/13/01"},
    )
    response = post_import(client, office, data, county.id)
    body = response.get_json()
    assert response.status_code == 422
    assert body["errors"] == [
        {
            "row": 3,
            "column": "计划完成时间",
            "code": "invalid_date",
            "message": "第 3 行『计划完成时间』无法识别：2023/13/01",
        }
    ]
    assert project_count() == 0


def test_reimport_updates_by_code_and_creates_nothing_twice(client, office, county) -> None:
    post_import(client, office, messy_ledger(), county.id, report_date="2023-07-31")
    changed = ledger_xlsx({"项目编号": "QT-001", "项目名称": "东镇长者食堂", "形象进度(%)": 80})
    body = post_import(client, office, changed, county.id, report_date="2023-08-31").get_json()
    assert (body["created"], body["updated"]) == (0, 1)
    assert project_count() == 3
    canteen = db.session.scalar(select(Project).where(Project.code == "QT-001"))
    assert float(canteen.progress_pct) == 80.0
    assert canteen.unit.name == "民生保障局"  # a column the file lacks is left alone
    dates = [r.report_date.isoformat() for r in canteen.progress_reports]
    assert dates == ["2023-08-31", "2023-07-31"]


def test_reimport_of_the_same_file_changes_nothing(client, office, county) -> None:
    post_import(client, office, messy_ledger(), county.id, report_date="2023-07-31")
    reports = db.session.scalar(select(func.count()).select_from(ProgressReport))
    body = post_import(
        client, office, messy_ledger(), county.id, report_date="2023-08-31"
    ).get_json()
    assert (body["created"], body["updated"], body["unchanged"]) == (0, 0, 3)
    assert db.session.scalar(select(func.count()).select_from(ProgressReport)) == reports


def test_same_code_in_another_county_is_another_project(
    client, office, county, make_region
) -> None:
    other = make_region("邻县", "county")
    post_import(client, office, messy_ledger(), county.id)
    body = post_import(client, office, messy_ledger(), other.id).get_json()
    assert body["created"] == 3
    assert project_count() == 6


def test_new_project_without_level_is_a_row_error(client, office, county) -> None:
    data = ledger_xlsx({"项目编号": "N-1", "项目名称": "无层级", "层级": None})
    body = post_import(client, office, data, county.id).get_json()
    assert body["errors"][0]["message"] == "第 2 行『层级』不能为空（新项目须填写层级）"


def test_unreadable_file_is_refused_in_chinese(client, office, county) -> None:
    body = post_import(client, office, b"\x00not a spreadsheet", county.id).get_json()
    assert body["errors"][0]["code"] == "unreadable_file"
    assert project_count() == 0


def test_missing_file_is_a_field_error(client, office, county) -> None:
    response = client.post(
        "/api/v1/projects/import",
        data={"county_id": str(county.id)},
        headers={"X-CSRF-Token": office},
        content_type="multipart/form-data",
    )
    assert response.get_json()["errors"]["file"] == ["请选择要导入的文件（.xlsx 或 .csv）"]


def test_county_outside_the_supervisors_region_is_forbidden(
    client, make_user, login, make_region
) -> None:
    mine, theirs = make_region("本县", "county"), make_region("他县", "county")
    token = login(make_user("supervisor", region=mine))
    response = post_import(client, token, messy_ledger(), theirs.id)
    assert response.status_code == 403


def test_township_is_not_a_county(client, office, county) -> None:
    township = db.session.scalar(select(Region).where(Region.level == "township"))
    response = post_import(client, office, messy_ledger(), township.id)
    assert response.get_json()["errors"]["county_id"] == ["县（区）不存在"]


def test_csv_import(client, office, county) -> None:
    data = "项目编号,项目名称,层级,计划投资(万元)\nC-1,村道硬化,乡镇级,88\n".encode("gb18030")
    body = post_import(client, office, data, county.id, filename="ledger.csv").get_json()
    assert body["created"] == 1
    assert db.session.scalar(select(Project.planned_investment_yuan)) == 880_000


def test_export_reads_back_through_the_import(client, office, county) -> None:
    post_import(client, office, messy_ledger(), county.id, report_date="2023-07-31")
    response = client.get("/api/v1/projects/export?as_of=2023-07-31")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    parsed = parse_ledger(response.data, "export.xlsx")
    assert parsed.errors == []
    assert {row.code: row.planned_investment_yuan for row in parsed.rows} == {
        "QT-001": 300_000,
        "QT-002": 125_000,
        "QT-003": 120_000_000,
    }


def test_template_downloads_and_parses_cleanly(client, office) -> None:
    response = client.get("/api/v1/projects/import-template")
    assert response.status_code == 200
    assert parse_ledger(response.data, "template.xlsx").errors == []
