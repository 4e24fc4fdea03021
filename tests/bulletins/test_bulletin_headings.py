"""No heading ends a page of the bulletin PDF: wherever the office's paragraphs push 存在的问题,
下步工作要求 or a table's title, it starts a page rather than stay alone at the bottom of one."""

from __future__ import annotations

import re

from tests.bulletins.pdf_text import pdftotext
from tests.bulletins.test_published_bulletins import desk  # noqa: F401  (the office's client)

HEADING = re.compile(r"^(存在的问题|下步工作要求|[一二三四五六七八]、.+)$")
FOOTER = re.compile(r"^—\s*\d+\s*—$")


def last_lines(text: str) -> list[str]:
    """The last line of text on each page, the page number left out."""
    found = []
    for page in text.split("\f"):
        lines = [ln.strip() for ln in page.splitlines() if ln.strip()]
        lines = [ln for ln in lines if not FOOTER.match(ln)]
        if lines:
            found.append(lines[-1])
    return found


def test_no_page_ends_with_a_heading(desk, tmp_path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    endings = []
    for count in range(0, 26):  # one more short paragraph each time: every spot on a page
        situation = "\n".join(["全县民生实事项目总体推进有序。"] * (count + 1))
        draft = desk.draft(situation=situation, problems="个别单位整改不及时。" * 3)
        response = desk.client.get(f"/api/v1/bulletins/{draft['id']}?format=pdf")
        assert response.status_code == 200
        endings += last_lines(pdftotext(response.data, tmp_path, "-layout"))
    assert len(endings) > 26
    assert [line for line in endings if HEADING.match(line)] == []
