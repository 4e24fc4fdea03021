"""The bulletin as XLSX (totals equal the JSON) and as PDF (Chinese text, a rendered page)."""

from __future__ import annotations

import shutil
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook

from server.projects.schedule import STATUS_CODES
from tests.bulletins.test_demo_bulletins import (
    county,
    office,  # noqa: F401  (the demo-loaded client)
)
from tests.support import skip_or_fail

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
QINGTIAN_2023 = "from=2023-01-01&to=2023-12-31"


def fetch(client, name: str, extra: str = ""):  # type: ignore[no-untyped-def]
    response = client.get(
        f"/api/v1/bulletins/figures?{QINGTIAN_2023}&county={county(name).id}{extra}"
    )
    assert response.status_code == 200, response.data[:300]
    return response


@pytest.fixture
def qingtian(office):  # type: ignore[no-untyped-def]  # noqa: F811
    return fetch(office, "青田县").get_json()


@pytest.fixture
def workbook(office):  # type: ignore[no-untyped-def]  # noqa: F811
    response = fetch(office, "青田县", "&format=xlsx")
    assert response.mimetype.endswith("spreadsheetml.sheet")
    return load_workbook(BytesIO(response.data))


def total_row(sheet):  # type: ignore[no-untyped-def]
    return next(row for row in sheet.iter_rows(values_only=True) if row[0] == "合计")


def test_one_sheet_per_table(workbook) -> None:  # type: ignore[no-untyped-def]
    assert workbook.sheetnames == [
        "项目完成情况",
        "序时进度",
        "资金情况",
        "滞后项目",
        "暂缓项目",
        "问题整改",
        "督查检查",
        "代表反映",
    ]


def test_xlsx_project_totals_equal_the_json(workbook, qingtian) -> None:  # type: ignore[no-untyped-def]
    total = qingtian["projects"]["total"]
    assert total_row(workbook["项目完成情况"])[1:] == (
        total["total"],
        total["completed"],
        pytest.approx(float(total["rate"]) / 100),
    )


def test_xlsx_status_totals_equal_the_json(workbook, qingtian) -> None:  # type: ignore[no-untyped-def]
    counts = qingtian["statuses"]["total"]
    assert list(total_row(workbook["序时进度"])[1:]) == [counts[code] for code in STATUS_CODES]
    assert sum(total_row(workbook["序时进度"])[1:]) == 222


def test_xlsx_funds_totals_equal_the_json_in_wan(workbook, qingtian) -> None:  # type: ignore[no-untyped-def]
    funds = qingtian["funds"]["total"]
    row = total_row(workbook["资金情况"])
    assert [round(v * 10_000) for v in row[1:4]] == [
        funds["planned_yuan"],
        funds["released_yuan"],
        funds["spent_yuan"],
    ]
    assert row[4] == pytest.approx(float(funds["released_share"]) / 100)


def test_xlsx_lists_the_lagging_projects(workbook, qingtian) -> None:  # type: ignore[no-untyped-def]
    rows = list(workbook["滞后项目"].iter_rows(min_row=3, values_only=True))[:-1]
    assert [r[1] for r in rows] == [p["name"] for p in qingtian["lagging"]]
    assert all(r[6] for r in rows)


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        skip_or_fail(f"{name} (poppler-utils) is not installed")
    assert path is not None
    return path


@pytest.fixture
def pdf_file(office, tmp_path) -> Path:  # type: ignore[no-untyped-def]  # noqa: F811
    response = fetch(office, "青田县", "&format=pdf&number=7")
    assert response.mimetype == "application/pdf"
    path = tmp_path / "bulletin.pdf"
    path.write_bytes(response.data)
    return path


def test_pdf_text_has_the_title_number_and_project_names(pdf_file: Path) -> None:
    text = subprocess.run(
        [_tool("pdftotext"), str(pdf_file), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    squeezed = "".join(text.split())
    assert "关于青田县2023年民生实事项目推进情况的督查通报" in squeezed
    assert "督通〔2023〕7号" in squeezed
    assert "开工建设华侨医院" in squeezed
    assert "瓯南街道南湾村休闲场所" in squeezed


def test_pdf_embeds_its_cjk_font(pdf_file: Path) -> None:
    fonts = subprocess.run(
        [_tool("pdffonts"), str(pdf_file)], check=True, capture_output=True, text=True
    ).stdout
    cjk = [line for line in fonts.splitlines() if "NotoSerifCJK" in line]
    assert cjk and all(" yes yes yes " in f" {' '.join(line.split())} " for line in cjk)


def test_pdf_first_page_renders_to_png(pdf_file: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / "bulletin"
    subprocess.run(
        [_tool("pdftoppm"), "-png", "-r", "80", "-singlefile", str(pdf_file), str(target)],
        check=True,
    )
    png = target.with_suffix(".png")
    assert png.stat().st_size > 20_000
    assert png.read_bytes().startswith(b"\x89PNG")
