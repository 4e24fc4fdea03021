"""The assignment slip (交办单) as a one-page PDF: its text read back, its pages, a rendered PNG."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from server.db import db
from tests.issues.conftest import in_days, move
from tests.support import skip_or_fail

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
REQUIREMENTS = "7日内恢复供水,并附整改前后照片"


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        skip_or_fail(f"{name} (poppler-utils) is not installed")
    assert path is not None
    return path


def _assign(office, issue, unit, requirements=REQUIREMENTS) -> dict:  # type: ignore[no-untyped-def]
    response = move(
        office,
        issue.id,
        "found",
        "assigned",
        unit_id=unit.id,
        deadline=in_days(10).isoformat(),
        requirements=requirements,
    )
    assert response.status_code == 200, response.get_json()
    return response.get_json()["slip"]


def _pdf(client, slip_id: int, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    response = client.get(f"/api/v1/slips/{slip_id}?format=pdf")
    assert response.status_code == 200, response.data[:300]
    assert response.mimetype == "application/pdf"
    path = tmp_path / "slip.pdf"
    path.write_bytes(response.data)
    return path


def _text(path: Path) -> str:
    out = subprocess.run(
        [_tool("pdftotext"), str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return "".join(out.split())


def _label_tops(path: Path) -> dict[str, float]:
    """The top (in points) of each word on the page, by its text (pdftotext -bbox)."""
    out = subprocess.run(
        [_tool("pdftotext"), "-bbox", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    words = re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)"[^>]*>([^<]+)</word>', out)
    return {text: float(top) for top, text in words}


def _pages(path: Path) -> int:
    info = subprocess.run(
        [_tool("pdfinfo"), str(path)], check=True, capture_output=True, text=True
    ).stdout
    return int(next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:")))


@pytest.fixture
def office(cast, as_user):  # type: ignore[no-untyped-def]
    return as_user(cast["office"])


def test_slip_pdf_shows_title_number_unit_and_requirements(
    cast, make_issue, office, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    slip = _assign(office, make_issue(), cast["water"])
    text = _text(_pdf(office, slip["id"], tmp_path))
    assert "民生实事督查问题交办单" in text
    assert slip["code"] in text
    assert "水利局" in text
    assert "".join(REQUIREMENTS.split()) in text
    assert "东村供水" in text and "管网铺设后无法供水" in text


def test_blank_requirements_print_no_requirement_nobody_wrote(
    cast, make_issue, office, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    slip = _assign(office, make_issue(), cast["water"], requirements="")
    text = _text(_pdf(office, slip["id"], tmp_path))
    assert "整改要求整改时限" in text  # the requirements cell between them is empty
    assert "抓紧整改到位" not in text


def test_blank_requirements_leave_a_ruled_space_to_write_in(
    cast, make_issue, office, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    slip = _assign(office, make_issue(), cast["water"], requirements="")
    tops = _label_tops(_pdf(office, slip["id"], tmp_path))
    # labels sit mid-row: the gap between them is half of each row; a one-line row gives ~25 pt
    assert tops["整改时限"] - tops["整改要求"] > 45


def test_a_description_equal_to_the_title_is_printed_once(
    cast, make_issue, office, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    issue = make_issue()
    issue.description = issue.title
    db.session.commit()
    slip = _assign(office, issue, cast["water"])
    text = _text(_pdf(office, slip["id"], tmp_path))
    assert text.count("".join(issue.title.split())) == 1


def test_slip_pdf_is_one_page_and_renders(cast, make_issue, office, tmp_path) -> None:  # type: ignore[no-untyped-def]
    slip = _assign(office, make_issue(), cast["water"])
    path = _pdf(office, slip["id"], tmp_path)
    assert _pages(path) == 1
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / "slip"
    subprocess.run(
        [_tool("pdftoppm"), "-png", "-r", "80", "-singlefile", str(path), str(target)],
        check=True,
    )
    png = target.with_suffix(".png")
    assert png.read_bytes().startswith(b"\x89PNG") and png.stat().st_size > 15_000


def test_long_description_still_fits_one_page(cast, make_issue, office, tmp_path) -> None:  # type: ignore[no-untyped-def]
    issue = make_issue()
    issue.description = "村东头三户龙头无水,管道接口渗漏。" * 300
    from server.db import db

    db.session.commit()
    slip = _assign(office, issue, cast["water"])
    path = _pdf(office, slip["id"], tmp_path)
    assert _pages(path) == 1
    assert "全文见问题台账" in _text(path)


def test_unit_prints_its_own_slip(cast, make_issue, office, as_user, tmp_path) -> None:  # type: ignore[no-untyped-def]
    slip = _assign(office, make_issue(), cast["water"])
    assert "水利局" in _text(_pdf(as_user(cast["water_unit"]), slip["id"], tmp_path))


def test_other_unit_cannot_print_the_slip(cast, make_issue, office, as_user) -> None:  # type: ignore[no-untyped-def]
    slip = _assign(office, make_issue(), cast["water"])
    response = as_user(cast["roads_unit"]).get(f"/api/v1/slips/{slip['id']}?format=pdf")
    assert response.status_code == 404


def test_unknown_format_is_refused(cast, make_issue, office) -> None:  # type: ignore[no-untyped-def]
    slip = _assign(office, make_issue(), cast["water"])
    response = office.get(f"/api/v1/slips/{slip['id']}?format=xlsx")
    assert response.status_code == 400 and response.get_json()["code"] == "bad_format"


def test_a_voided_slip_says_so(cast, make_issue, as_user, tmp_path) -> None:  # type: ignore[no-untyped-def]
    office = as_user(cast["office"])
    issue = make_issue()
    slip = _assign(office, issue, cast["water"])
    reassigned = move(
        office,
        issue.id,
        "assigned",
        "assigned",
        unit_id=cast["roads"].id,
        deadline=in_days(10).isoformat(),
        reason="改派交通局",
    )
    assert reassigned.status_code == 200, reassigned.get_json()
    path = _pdf(office, slip["id"], tmp_path)
    assert "本交办单已作废" in _text(path) and _pages(path) == 1
    new = _pdf(office, reassigned.get_json()["slip"]["id"], tmp_path)
    assert "作废" not in _text(new)


def test_requirements_longer_than_a_slip_holds_are_422_before_any_slip(
    cast, make_issue, as_user
) -> None:
    import time

    from server.db import db
    from server.issues.models import AssignmentSlip, Issue
    from server.issues.slips import REQUIREMENTS_MAX_CHARS

    issue = make_issue()
    started = time.perf_counter()
    response = move(
        as_user(cast["office"]),
        issue.id,
        "found",
        "assigned",
        unit_id=cast["water"].id,
        deadline=in_days(10).isoformat(),
        requirements="要" * 5000,
    )
    assert time.perf_counter() - started < 2
    assert response.status_code == 422
    assert "整改要求最多" in response.get_json()["errors"]["requirements"][0]
    assert db.session.get(Issue, issue.id).state == "found"
    assert db.session.query(AssignmentSlip).count() == 0
    assert REQUIREMENTS_MAX_CHARS == 1000


def test_the_longest_requirements_allowed_fit_one_page(cast, make_issue, as_user, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from server.db import db
    from server.issues.slips import REQUIREMENTS_MAX_CHARS

    issue = make_issue()
    issue.description = "村东头三户龙头无水。" * 500  # clipped on the slip
    db.session.commit()
    office = as_user(cast["office"])
    response = move(
        office,
        issue.id,
        "found",
        "assigned",
        unit_id=cast["water"].id,
        deadline=in_days(10).isoformat(),
        requirements="要" * REQUIREMENTS_MAX_CHARS,
    )
    assert response.status_code == 200, response.get_json()
    assert _pages(_pdf(office, response.get_json()["slip"]["id"], tmp_path)) == 1
