"""Published bulletins: drafts the office edits, a gapless number per region and year when
published, figures frozen at publication, and the PDF / XLSX with the office's paragraphs."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime
from io import BytesIO
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from tests.bulletins.conftest import JULY, utc
from tests.conftest import PASSWORD
from tests.support import skip_or_fail

DRAFT = {
    "from": JULY[0],
    "to": JULY[1],
    "situation": "7月份全县民生实事项目总体推进有序。",
    "problems": "部分项目进度滞后。\n个别单位整改不及时。",
    "requirements": "各责任单位要倒排工期,确保按期完成。",
}


class Desk:
    """An office user's logged-in client that sends the CSRF token."""

    def __init__(self, app, user) -> None:  # type: ignore[no-untyped-def]
        self.client = app.test_client()
        response = self.client.post(
            "/api/v1/auth/login", json={"username": user.username, "password": PASSWORD}
        )
        self.headers = {"X-CSRF-Token": response.get_json()["csrf_token"]}

    def send(self, method: str, url: str, body: Any = None, status: int = 200) -> Any:
        response = self.client.open(url, method=method, json=body, headers=self.headers)
        assert response.status_code == status, response.get_json()
        return response.get_json()

    def draft(self, **fields: Any) -> dict[str, Any]:
        return self.send("POST", "/api/v1/bulletins", {**DRAFT, **fields}, 201)

    def publish(self, bulletin_id: int, status: int = 200) -> dict[str, Any]:
        return self.send("POST", f"/api/v1/bulletins/{bulletin_id}/publish", status=status)


@pytest.fixture
def desk(app, cast) -> Desk:  # type: ignore[no-untyped-def]
    return Desk(app, cast["office"])


@pytest.fixture
def west_desk(app, cast) -> Desk:  # type: ignore[no-untyped-def]
    return Desk(app, cast["west_office"])


def this_year() -> int:
    return datetime.now(ZoneInfo("Asia/Shanghai")).year


def test_a_new_draft_has_no_number_yet(desk) -> None:  # type: ignore[no-untyped-def]
    draft = desk.draft()
    assert (draft["status"], draft["code"], draft["number"]) == ("draft", None, None)
    assert draft["problems"] == DRAFT["problems"]


def test_the_office_edits_its_draft(desk) -> None:  # type: ignore[no-untyped-def]
    draft = desk.draft()
    desk.send("PUT", f"/api/v1/bulletins/{draft['id']}", {"requirements": "限期整改到位。"})
    edited = desk.send("GET", f"/api/v1/bulletins/{draft['id']}")
    assert edited["requirements"] == "限期整改到位。"
    assert edited["situation"] == DRAFT["situation"]


def test_publishing_numbers_the_bulletin(desk) -> None:  # type: ignore[no-untyped-def]
    published = desk.publish(desk.draft()["id"])
    year = this_year()
    assert (published["status"], published["code"]) == ("published", f"督通〔{year}〕1号")
    assert published["figures"]["number"] == 1


def test_numbers_follow_without_gaps(desk) -> None:  # type: ignore[no-untyped-def]
    first, second, third = desk.draft(), desk.draft(), desk.draft()
    desk.publish(second["id"])
    desk.publish(second["id"], status=409)  # publishing again uses up no number
    desk.publish(first["id"])
    assert desk.publish(third["id"])["number"] == 3


def test_each_region_numbers_its_own(desk, west_desk) -> None:  # type: ignore[no-untyped-def]
    desk.publish(desk.draft()["id"])
    assert west_desk.publish(west_desk.draft()["id"])["number"] == 1


def test_a_published_bulletin_cannot_be_edited(desk) -> None:  # type: ignore[no-untyped-def]
    bulletin = desk.publish(desk.draft()["id"])
    error = desk.send("PUT", f"/api/v1/bulletins/{bulletin['id']}", {"problems": "改"}, 409)
    assert error["code"] == "bulletin_published"


def test_figures_stay_frozen_when_the_ledger_changes(desk, make_problem) -> None:  # type: ignore[no-untyped-def]
    make_problem(utc(2023, 7, 10, 2))
    bulletin = desk.publish(desk.draft()["id"])
    make_problem(utc(2023, 7, 12, 2))  # found later in the same period
    live = desk.send("GET", f"/api/v1/bulletins/figures?from={JULY[0]}&to={JULY[1]}")
    again = desk.send("GET", f"/api/v1/bulletins/{bulletin['id']}")
    assert live["problems"]["total"]["found"] == 2
    assert again["figures"]["problems"]["total"]["found"] == 1


def test_a_draft_shows_the_figures_as_of_now(desk, make_problem) -> None:  # type: ignore[no-untyped-def]
    draft = desk.draft()
    make_problem(utc(2023, 7, 12, 2))
    figures = desk.send("GET", f"/api/v1/bulletins/{draft['id']}")["figures"]
    assert figures["problems"]["total"]["found"] == 1


def test_the_list_is_the_regions_newest_first(desk, west_desk) -> None:  # type: ignore[no-untyped-def]
    desk.draft()  # the county's: not the township office's
    older, newer = west_desk.draft(), west_desk.draft()
    listed = west_desk.send("GET", "/api/v1/bulletins")
    assert [b["id"] for b in listed] == [newer["id"], older["id"]]


def test_the_county_office_lists_its_townships_bulletins_too(desk, west_desk) -> None:  # type: ignore[no-untyped-def]
    township = west_desk.draft()
    assert [b["id"] for b in desk.send("GET", "/api/v1/bulletins")] == [township["id"]]


def test_another_regions_bulletin_is_not_found(desk, west_desk) -> None:  # type: ignore[no-untyped-def]
    draft = desk.draft()
    west_desk.send("GET", f"/api/v1/bulletins/{draft['id']}", status=404)
    west_desk.publish(draft["id"], status=404)


def test_a_bad_period_is_refused(desk) -> None:  # type: ignore[no-untyped-def]
    error = desk.send("POST", "/api/v1/bulletins", {**DRAFT, "from": "2023-08-01"}, 400)
    assert error["code"] == "bad_period"


def test_the_xlsx_carries_the_paragraphs(desk) -> None:  # type: ignore[no-untyped-def]
    bulletin = desk.publish(desk.draft()["id"])
    response = desk.client.get(f"/api/v1/bulletins/{bulletin['id']}?format=xlsx")
    sheet = load_workbook(BytesIO(response.data))["通报正文"]
    assert [sheet.cell(row, 2).value for row in (1, 2, 3)] == [
        DRAFT["situation"],
        DRAFT["problems"],
        DRAFT["requirements"],
    ]


def test_the_pdf_prints_the_number_and_the_paragraphs(desk, tmp_path) -> None:  # type: ignore[no-untyped-def]
    if shutil.which("pdftotext") is None:
        skip_or_fail("pdftotext (poppler-utils) is not installed")
    bulletin = desk.publish(desk.draft()["id"])
    response = desk.client.get(f"/api/v1/bulletins/{bulletin['id']}?format=pdf")
    assert response.mimetype == "application/pdf"
    path = tmp_path / "bulletin.pdf"
    path.write_bytes(response.data)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    compact = "".join(text.split())
    assert f"督通〔{this_year()}〕1号" in compact
    for words in ("7月份全县民生实事项目总体推进有序", "存在的问题", "个别单位整改不及时"):
        assert words in compact
