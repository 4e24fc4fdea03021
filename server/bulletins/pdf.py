"""The bulletin as a PDF laid out like a government document (GB/T 9704 in spirit).

A4 with the standard margins, the issuing office's red header (红头) and a red rule, the document
number, the title in bold serif, the body in a 仿宋-like serif (Noto Serif CJK SC, embedded as a
subset by fpdf2, CFF outlines included), the tables, the date, and page numbers "— 1 —".
The font comes from Debian's fonts-noto-cjk (scripts/test installs it; a server needs it too).
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from fontTools.ttLib import TTCollection
from fpdf import FPDF
from fpdf.enums import Align, TableBordersLayout
from fpdf.fonts import FontFace

from server.bulletins.tables import LEVELS_ZH, Table, bulletin_tables, percent, wan
from server.errors import AppError
from server.projects.services import STATUS_CODES, STATUS_LABELS_ZH

FONT_DIRS = (Path("/usr/share/fonts/opentype/noto"), Path("/usr/share/fonts/noto-cjk"))
RED = (200, 16, 16)
BODY_PT, TABLE_PT, TITLE_PT = 15, 10, 20  # 三号 body, 小标宋-sized title


@cache
def _font(style: str) -> tuple[str, int]:
    """The Noto Serif CJK file of ``style`` (Regular or Bold) and its Simplified Chinese face."""
    for folder in FONT_DIRS:
        path = folder / f"NotoSerifCJK-{style}.ttc"
        if path.is_file():
            faces = TTCollection(str(path), lazy=True).fonts
            for index, face in enumerate(faces):
                if face["name"].getDebugName(1).endswith(" SC"):
                    return str(path), index
    raise AppError("font_missing")


class _Document(FPDF):
    def footer(self) -> None:
        self.set_y(-22)
        self.set_font("serif", size=12)
        self.cell(0, 8, f"— {self.page_no()} —", align="C")


def _new_document() -> _Document:
    pdf = _Document(format="A4")
    for style, weight in (("", "Regular"), ("B", "Bold")):
        path, index = _font(weight)
        pdf.add_font("serif", style=style, fname=path, collection_font_number=index)
    pdf.set_margins(left=28, top=37, right=26)
    pdf.set_auto_page_break(True, margin=35)
    pdf.set_title("督查通报")
    return pdf


def _chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _header(pdf: FPDF, bulletin: dict[str, Any]) -> None:
    office = f"{bulletin['region']['name']}督查室"
    pdf.set_text_color(*RED)
    pdf.set_font("serif", "B", 30)
    pdf.cell(0, 16, f"{office}督查通报", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("serif", size=BODY_PT)
    number = bulletin["number"]
    year = bulletin.get("year") or bulletin["to"].year  # a published one's numbering year
    pdf.cell(
        0,
        12,
        f"督通〔{year}〕{number}号" if number else f"督通〔{year}〕号",
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_draw_color(*RED)
    pdf.set_line_width(0.8)
    pdf.line(pdf.l_margin, pdf.get_y() + 2, pdf.w - pdf.r_margin, pdf.get_y() + 2)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.2)
    pdf.ln(10)
    pdf.set_font("serif", "B", TITLE_PT)
    pdf.multi_cell(0, 11, bulletin["title"], align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)


def summary_paragraphs(bulletin: dict[str, Any]) -> list[str]:
    """情况 in words, from the figures (the office's own 问题 / 要求 paragraphs come later)."""
    total = bulletin["projects"]["total"]
    levels = "、".join(
        f"{LEVELS_ZH[r['level']]}{r['total']}个(已完成{r['completed']}个)"
        for r in bulletin["projects"]["levels"]
    )
    counts = bulletin["statuses"]["total"]
    statuses = ",".join(
        f"{STATUS_LABELS_ZH[code]}{counts[code]}个" for code in STATUS_CODES if counts[code]
    )
    funds = bulletin["funds"]["total"]
    problems = bulletin["problems"]["total"]
    reports = bulletin["deputy_reports"]
    inspections = bulletin["inspections"]["total"]
    return [
        f"截至{_chinese_date(bulletin['to'])},{bulletin['region']['name']}共有民生实事项目"
        f"{total['total']}个,已完成{total['completed']}个,完成率{percent(total['rate'])}"
        + (f"。其中{levels}。" if levels else "。"),
        f"从序时进度看,{statuses or '暂无项目'}。已下达资金{wan(funds['released_yuan'])}万元,"
        f"占计划投资{wan(funds['planned_yuan'])}万元的{percent(funds['released_share'])};"
        f"已完成投资{wan(funds['spent_yuan'])}万元。",
        f"{_chinese_date(bulletin['from'])}至{_chinese_date(bulletin['to'])},共开展督查检查"
        f"{inspections}次,发现问题{problems['found']}个,整改{problems['rectified']}个,"
        f"销号{problems['closed']}个;截至期末尚未销号{problems['open']}个,其中逾期"
        f"{problems['overdue']}个。收到人大代表反映{reports['received']}件,已受理"
        f"{reports['accepted']}件,已答复{reports['replied']}件。",
    ]


HEADING = "\x00"  # marks a heading line among the body's paragraphs
SECTIONS = (("problems", "存在的问题"), ("requirements", "下步工作要求"))


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _body(bulletin: dict[str, Any]) -> list[str]:
    """情况 (the office's own words, or the figures in words), then its 问题 and 要求."""
    paragraphs = bulletin.get("paragraphs") or {}
    body = _lines(paragraphs.get("situation")) or summary_paragraphs(bulletin)
    for key, heading in SECTIONS:
        if _lines(paragraphs.get(key)):
            body += [HEADING + heading, *_lines(paragraphs.get(key))]
    return body


def _paragraph(pdf: FPDF, text: str) -> None:
    pdf.set_font("serif", size=BODY_PT)
    pdf.multi_cell(0, 9, "\u3000\u3000" + text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def _table(pdf: FPDF, table: Table) -> None:
    pdf.set_font("serif", "B", BODY_PT)
    pdf.multi_cell(0, 10, table.title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("serif", size=TABLE_PT)
    rows = [*table.rows, *([table.total] if table.total else [])]
    with pdf.table(
        col_widths=tuple(table.widths) if table.widths else None,
        text_align=Align.C,
        line_height=6,
        borders_layout=TableBordersLayout.ALL,
        first_row_as_headings=True,
        headings_style=FontFace(emphasis="BOLD", fill_color=(235, 235, 235)),
    ) as grid:
        for line in [table.headers, *rows]:
            cells = grid.row()
            for value in line:
                cells.cell("" if value is None else str(value))
    pdf.ln(4)


def bulletin_pdf(bulletin: dict[str, Any]) -> bytes:
    """The PDF's bytes."""
    pdf = _new_document()
    pdf.add_page()
    _header(pdf, bulletin)
    for text in _body(bulletin):
        if text.startswith(HEADING):
            pdf.set_font("serif", "B", BODY_PT)
            pdf.multi_cell(0, 10, text.removeprefix(HEADING), new_x="LMARGIN", new_y="NEXT")
        else:
            _paragraph(pdf, text)
    pdf.ln(2)
    for table in bulletin_tables(bulletin):
        _table(pdf, table)
    pdf.ln(6)
    pdf.set_font("serif", size=BODY_PT)
    pdf.cell(0, 9, f"{bulletin['region']['name']}督查室", align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 9, _chinese_date(bulletin["issued_on"]), align="R", new_x="LMARGIN", new_y="NEXT")
    _audit_mark(pdf, bulletin.get("audit"))
    return bytes(pdf.output())


def _audit_mark(pdf: FPDF, mark: dict[str, Any] | None) -> None:
    """A published bulletin's 审计指纹: the audit chain's head at publication (server/audit),
    so a printed copy can be checked against the system later."""
    if not mark:
        return
    pdf.ln(4)
    pdf.set_font("serif", size=TABLE_PT)
    text = f"审计指纹 {mark['fingerprint']}(审计链第 {mark['seq']} 条)"
    pdf.cell(0, 6, text, align="L", new_x="LMARGIN", new_y="NEXT")
