"""The bulletin PDF passes for an official document (GB/T 9704-2012 as the model), checked on
the text poppler extracts from the demo's Taishang (2023-01–07) and Qingtian (2023) bulletins."""

from __future__ import annotations

import re

import pytest

from tests.bulletins.pdf_text import demo_pdf, pdftotext, squeezed
from tests.bulletins.test_demo_bulletins import office  # noqa: F401  (the demo-loaded client)

TAISHANG = ("泉州台商投资区", "2023-01-01", "2023-07-31")
QINGTIAN = ("青田县", "2023-01-01", "2023-12-31")
HAN = "\u3400-\u9fff"


@pytest.fixture
def taishang(request, tmp_path) -> str:  # type: ignore[no-untyped-def]
    return pdftotext(demo_pdf(request, *TAISHANG), tmp_path, "-layout")


@pytest.fixture
def qingtian(request, tmp_path) -> str:  # type: ignore[no-untyped-def]
    return pdftotext(demo_pdf(request, *QINGTIAN), tmp_path, "-layout")


def test_a_draft_shows_its_draft_mark_where_the_number_goes(taishang: str) -> None:
    assert "（征求意见稿）" in squeezed(taishang)
    assert "督通〔" not in taishang


def test_amounts_are_wan_with_two_decimals_and_thousands_separators(taishang: str) -> None:
    text = squeezed(taishang)
    for amount in ("53,253.00", "44,979.68", "28,899.88", "48,047.00", "40,600.00"):
        assert amount in text
    unformatted = re.findall(r"(?<![\d,.])\d{4,}\.\d+|\d\.\d{3,}", taishang)
    assert unformatted == []  # never 28899.878


def test_chinese_text_has_full_width_punctuation(taishang: str, qingtian: str) -> None:
    for text in (taishang, qingtian):
        ascii_next_to_han = re.findall(rf"[{HAN}][,:;()]|[,:;()][{HAN}]", squeezed(text))
        assert ascii_next_to_han == []
    assert "81个，已完成35个" in squeezed(taishang)


def test_an_empty_lag_reason_prints_not_given(taishang: str) -> None:
    lagging = squeezed(taishang.split("四、进度滞后项目及原因")[1].split("五、")[0])
    assert "TS2023-S022" in lagging
    assert "未填写" in lagging


def test_project_codes_never_break(taishang: str, qingtian: str) -> None:
    lines = [line for text in (taishang, qingtian) for line in text.splitlines()]
    pieces = [m for line in lines for m in re.findall(r"(?:TS|QT)[0-9A-Z-]*|-[A-Z]\d+", line)]
    assert len(pieces) >= 1 + 3 + 1  # Taishang's lagging one, Qingtian's 3 lagging and postponed
    assert [p for p in pieces if not re.fullmatch(r"(?:TS|QT)\d{4}-[A-Z]\d{3}", p)] == []


def test_a_percent_sign_never_leaves_its_number(taishang: str, qingtian: str) -> None:
    lines = [line.replace(" ", "") for text in (taishang, qingtian) for line in text.splitlines()]
    assert sum(line.count("%") for line in lines) > 20
    assert [line for line in lines if re.search(r"(?<![\d])%", line)] == []
    assert [line for line in lines if re.search(r"\d\.$|\d\.\d$", line)] == []


def test_the_summary_follows_the_reports_structure(taishang: str) -> None:
    """省市级 and 县（区）级 each summarised, then the totals (the Taishang report's district row is
    17 finished early / 4 ahead / 84.50% released; its totals 34 / 4 / 84.46%)."""
    body = squeezed(taishang.split("一、各级民生实事项目完成情况")[0])
    assert re.search(r"省市级项目33个，已完成18个.*?已下达资金4,379\.68万元", body)
    district = re.search(r"县（区）级项目48个，已完成17个[^。]*。", body)
    assert district
    assert re.search(r"提前完成17个，超序时4个.*的84\.50%。$", district.group())
    total = re.search(r"合计提前完成34个[^。]*。", body)
    assert total
    assert re.search(r"超序时4个.*的84\.46%；已完成投资28,899\.88万元。$", total.group())
    assert body.index("省市级项目") < body.index("县（区）级项目") < body.index("合计提前完成")


def _lines_with_x(bbox: str) -> list[tuple[float, str]]:
    found = []
    for match in re.finditer(r'<line xMin="([\d.]+)"[^>]*>(.*?)</line>', bbox, re.S):
        words = "".join(re.findall(r">([^<]+)</word>", match.group(2)))
        found.append((float(match.group(1)), words))
    return found


def test_paragraphs_keep_their_first_line_indent(request, tmp_path) -> None:  # type: ignore[no-untyped-def]
    bbox = pdftotext(demo_pdf(request, *TAISHANG), tmp_path, "-bbox-layout")
    lines = _lines_with_x(bbox.split("一、各级民生实事项目完成情况")[0])
    first = next(i for i, (_, text) in enumerate(lines) if text.startswith("截至2023年"))
    (x_first, _), (x_next, _) = lines[first], lines[first + 1]
    assert x_first - x_next == pytest.approx(2 * 15, abs=1.5)  # two characters of 15 pt
    starts = [x for x, text in lines if re.match(r"(省市级|县（区）级|合计提前)", text)]
    assert len(starts) == 3 and all(x == pytest.approx(x_first, abs=0.5) for x in starts)
