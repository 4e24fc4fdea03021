"""The bulletin as a PDF laid out like a government document (GB/T 9704 in spirit).

A4 with the standard margins, the issuing office's red header (红头) and a red rule, the document
number (（征求意见稿） while a draft), the title in bold serif, the body in a 仿宋-like serif (Noto Serif CJK SC, embedded as a
subset by fpdf2, CFF outlines included), the tables, the date, and page numbers "— 1 —".
The font comes from Debian's fonts-noto-cjk (scripts/test installs it; a server needs it too).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from fontTools.ttLib import TTCollection
from fpdf import FPDF

from server.bulletins.pdf_tables import draw_table
from server.bulletins.summary import chinese_date, summary_paragraphs
from server.bulletins.tables import bulletin_tables
from server.bulletins.typeset import break_lines, full_width
from server.errors import AppError

FONT_DIRS = (Path("/usr/share/fonts/opentype/noto"), Path("/usr/share/fonts/noto-cjk"))
RED = (200, 16, 16)
BODY_PT, TITLE_PT = 15, 20  # 三号 body, 小标宋-sized title


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


DRAFT_MARK = "（征求意见稿）"  # a draft has no number yet: never "督通〔2023〕号"


def _header(pdf: FPDF, bulletin: dict[str, Any]) -> None:
    office = f"{bulletin['region']['name']}督查室"
    pdf.set_text_color(*RED)
    pdf.set_font("serif", "B", 30)
    pdf.cell(0, 16, f"{office}督查通报", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("serif", size=BODY_PT)
    number = bulletin["number"]
    year = bulletin.get("year") or bulletin["to"].year  # a published one's numbering year
    mark = f"督通〔{year}〕{number}号" if number else DRAFT_MARK
    pdf.cell(0, 12, mark, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(*RED)
    pdf.set_line_width(0.8)
    pdf.line(pdf.l_margin, pdf.get_y() + 2, pdf.w - pdf.r_margin, pdf.get_y() + 2)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.2)
    pdf.ln(10)
    pdf.set_font("serif", "B", TITLE_PT)
    pdf.multi_cell(0, 11, bulletin["title"], align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)


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
    return [full_width(text) for text in body]


LINE_MM, HEADING_MM = 9.0, 10.0


def _paragraph(pdf: FPDF, text: str) -> None:
    """A body paragraph: first line indented two characters, Chinese line breaks, full lines
    justified to both margins."""
    pdf.set_font("serif", size=BODY_PT)
    indent = 2 * pdf.font_size
    lines = break_lines(text, pdf.get_string_width, pdf.epw - indent, pdf.epw)
    for index, line in enumerate(lines):
        if pdf.will_page_break(LINE_MM):
            pdf.add_page()
        left = indent if index == 0 else 0.0
        room = pdf.epw - left
        spread = 0.0
        if index < len(lines) - 1 and len(line) > 1:
            spread = (room - pdf.get_string_width(line)) / (len(line) - 1)
            spread = spread if 0 < spread < pdf.font_size / 2 else 0.0
        pdf.set_char_spacing(spread * pdf.k)
        pdf.set_x(pdf.l_margin + left)
        pdf.cell(room, LINE_MM, line, new_x="LMARGIN", new_y="NEXT")
        pdf.set_char_spacing(0)
    pdf.ln(1)


def _heading(pdf: FPDF, text: str) -> None:
    """A heading in bold that never stays alone at a page's bottom: two lines follow it."""
    if pdf.will_page_break(HEADING_MM + 2 * LINE_MM):
        pdf.add_page()
    pdf.set_font("serif", "B", BODY_PT)
    pdf.multi_cell(0, HEADING_MM, text, new_x="LMARGIN", new_y="NEXT")


def bulletin_pdf(bulletin: dict[str, Any]) -> bytes:
    """The PDF's bytes."""
    pdf = _new_document()
    pdf.c_margin = 0  # body lines run from margin to margin (cells of tables pad themselves)
    pdf.add_page()
    _header(pdf, bulletin)
    for text in _body(bulletin):
        if text.startswith(HEADING):
            _heading(pdf, text.removeprefix(HEADING))
        else:
            _paragraph(pdf, text)
    pdf.ln(2)
    for table in bulletin_tables(bulletin):
        draw_table(pdf, table)
    pdf.ln(6)
    pdf.set_font("serif", size=BODY_PT)
    if pdf.will_page_break(2 * LINE_MM):
        pdf.add_page()
    pdf.cell(
        0, LINE_MM, f"{bulletin['region']['name']}督查室", align="R", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.cell(
        0, LINE_MM, chinese_date(bulletin["issued_on"]), align="R", new_x="LMARGIN", new_y="NEXT"
    )
    _audit_mark(pdf, bulletin.get("audit"))
    return bytes(pdf.output())


def _audit_mark(pdf: FPDF, mark: dict[str, Any] | None) -> None:
    """A published bulletin's 审计指纹: the audit chain's head at publication (server/audit),
    so a printed copy can be checked against the system later."""
    if not mark:
        return
    pdf.ln(4)
    pdf.set_font("serif", size=10)
    text = f"审计指纹 {mark['fingerprint']}（审计链第 {mark['seq']} 条）"
    pdf.cell(0, 6, text, align="L", new_x="LMARGIN", new_y="NEXT")
