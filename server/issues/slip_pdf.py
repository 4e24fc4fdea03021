"""An assignment slip (交办单) as a one-page A4 PDF in the layout offices print and stamp.

Red issuing-office line and rule, the title 民生实事督查问题交办单, the slip's number
(督交〔2023〕17号) and date, a ruled form (责任单位, 项目, 问题, 整改要求, 整改时限, 交办单位),
the office's stamp line and the unit's signature line. The body is Noto Serif CJK SC (the
bulletin's font loader); a long description shrinks the type until the form fits one page.
"""

from __future__ import annotations

from datetime import date

from fpdf import FPDF
from fpdf.enums import Align, TableBordersLayout, VAlign
from fpdf.fonts import FontFace

from server.bulletins.services import RED, chinese_font
from server.errors import AppError
from server.issues.deadlines import local_date
from server.issues.models import AssignmentSlip

TITLE = "民生实事督查问题交办单"
BODY_SIZES = (14, 12, 10.5, 9, 8, 7)  # 四号 first, smaller only when the text needs it
CLIP_CHARS = 1200
WRITE_IN_LINES = 3  # a blank 整改要求 is left ruled, this many lines tall, for a handwritten entry
VOID_NOTE = "本交办单已作废（问题已改派，以新交办单为准）"
NOTE = "请责任单位按要求抓紧整改，于整改时限内将整改情况（附整改前后照片）书面报送督查室。"


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def office_name(slip: AssignmentSlip) -> str:
    return f"{slip.region.name}督查室"


def slip_rows(
    slip: AssignmentSlip, timezone: str, clip: int | None = None
) -> list[tuple[str, str]]:
    """The form's label and value rows, in the order a clerk fills them; ``clip`` shortens the
    description to that many characters (the ledger keeps the whole text)."""
    issue = slip.issue
    project = issue.project
    where = ""
    if project is not None:
        township = project.township.name if project.township else ""
        where = f"{project.name}（{project.code}）" + (f"，{township}" if township else "")
    description = issue.description.strip()
    if clip is not None and len(description) > clip:
        description = description[:clip] + "……（全文见问题台账）"
    same = description == issue.title.strip()  # a quick record: its title is its description
    problem = issue.title + (f"\n{description}" if description and not same else "")
    return [
        ("责任单位", slip.unit.name),
        ("项目名称", where or "—"),
        ("问题描述", problem),
        ("整改要求", slip.requirements or ""),  # blank when the office wrote none (as the XLSX)
        ("整改时限", f"{chinese_date(slip.deadline)}前"),
        ("交办单位", office_name(slip)),
        ("交办日期", chinese_date(local_date(slip.issued_at, timezone))),
    ]


def _document() -> FPDF:
    pdf = FPDF(format="A4")
    for style, weight in (("", "Regular"), ("B", "Bold")):
        path, index = chinese_font(weight)
        pdf.add_font("serif", style=style, fname=path, collection_font_number=index)
    pdf.set_margins(left=26, top=30, right=26)
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_title(TITLE)
    return pdf


def _header(pdf: FPDF, slip: AssignmentSlip, issued: date) -> None:
    pdf.set_text_color(*RED)
    pdf.set_font("serif", "B", 24)
    pdf.cell(0, 14, office_name(slip), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(*RED)
    pdf.set_line_width(0.8)
    pdf.line(pdf.l_margin, pdf.get_y() + 2, pdf.w - pdf.r_margin, pdf.get_y() + 2)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_line_width(0.2)
    pdf.set_text_color(0, 0, 0)
    pdf.ln(8)
    pdf.set_font("serif", "B", 20)
    pdf.cell(0, 12, TITLE, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("serif", size=13)
    half = (pdf.w - pdf.l_margin - pdf.r_margin) / 2
    pdf.cell(half, 10, slip.code, align="L")
    pdf.cell(half, 10, chinese_date(issued), align="R", new_x="LMARGIN", new_y="NEXT")
    if slip.voided_at is not None:  # 改派: a later slip replaced this one
        pdf.set_text_color(*RED)
        pdf.set_font("serif", "B", 13)
        pdf.cell(0, 8, VOID_NOTE, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
    pdf.ln(2)


def _form(pdf: FPDF, rows: list[tuple[str, str]], size: float) -> None:
    pdf.set_font("serif", size=size)
    line = size * 0.55
    with pdf.table(
        col_widths=(22, 78),
        text_align=(Align.C, Align.L),
        v_align=VAlign.M,
        line_height=line,
        padding=(2.5, 2),
        borders_layout=TableBordersLayout.ALL,
        first_row_as_headings=False,
    ) as grid:
        bold = FontFace(emphasis="BOLD")
        for label, value in rows:
            cells = grid.row(min_height=None if value else line * WRITE_IN_LINES + 4)
            cells.cell(label, style=bold)
            cells.cell(value)


def _footer(pdf: FPDF, slip: AssignmentSlip, issued: date, size: float) -> None:
    pdf.ln(3)
    pdf.set_font("serif", size=size)
    pdf.multi_cell(0, size * 0.55, "\u3000\u3000" + NOTE, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(10)
    pdf.set_font("serif", size=13)
    pdf.cell(
        0, 9, f"交办单位（盖章）：{office_name(slip)}", align="R", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.cell(0, 9, chinese_date(issued), align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.cell(
        0,
        9,
        "签收人：______________\u3000签收日期：______年____月____日",
        align="L",
        new_x="LMARGIN",
        new_y="NEXT",
    )


def _render(slip: AssignmentSlip, timezone: str, size: float, clip: int | None) -> FPDF | None:
    """The slip at body size ``size``, or None when it does not fit one page."""
    issued = local_date(slip.issued_at, timezone)
    pdf = _document()
    pdf.add_page()
    _header(pdf, slip, issued)
    try:
        _form(pdf, slip_rows(slip, timezone, clip), size)
    except ValueError:  # fpdf2: one row is taller than a page
        return None
    _footer(pdf, slip, issued, size)
    return pdf if pdf.pages_count == 1 else None


def slip_pdf(slip: AssignmentSlip, timezone: str) -> bytes:
    """The slip's PDF: the largest body type that keeps it on one page; a description too long
    even for the smallest is clipped."""
    attempts = [(size, None) for size in BODY_SIZES]
    attempts += [(BODY_SIZES[-1], CLIP_CHARS >> halving) for halving in range(6)]
    for size, clip in attempts:
        pdf = _render(slip, timezone, size, clip)
        if pdf is not None:
            return bytes(pdf.output())
    raise AppError("slip_too_long")
