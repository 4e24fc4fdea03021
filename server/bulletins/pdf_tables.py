"""The bulletin's tables in the PDF: cells as the document prints them, columns as wide as their
content needs (a code, an amount, a percentage or a short label never breaks), lines broken by
the Chinese rules of server/bulletins/typeset.py, and a title that never stays alone at the
bottom of a page (it goes to the next page with its whole table when short, else with the
table's header and first row)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from fpdf import FPDF
from fpdf.enums import Align, TableBordersLayout
from fpdf.fonts import FontFace

from server.bulletins.tables import Percent, Table
from server.bulletins.typeset import break_lines, full_width, tokens

TABLE_PT, TITLE_PT = 10, 15
LINE_MM, TITLE_MM = 5.5, 10
PAD_X, PAD_Y = 1.2, 0.8
SHORT = 6  # a cell this short (e.g. 县（区）级, 合计 3 个) stays on one line
KEEP_WHOLE = 10  # rows (the header included) of a table never split across pages
SLACK = 0.6  # mm of safety so rounding never pushes a last character to a new line


def cell_text(value: Any) -> str:
    """A cell as printed: 万元 with two decimals and thousands separators, 84.50%, — for none."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    if isinstance(value, Percent):
        return str(value)
    return full_width(str(value))


def _unbreakable(pdf: FPDF, text: str) -> float:
    """The widest part of ``text`` that must stay on one line."""
    if len(text) <= SHORT:
        return pdf.get_string_width(text)
    return max((pdf.get_string_width(t) for t in tokens(text)), default=0.0)


def column_widths(pdf: FPDF, lines: list[list[str]], total: float) -> list[float]:
    """Widths (mm) adding up to ``total``: each column at least its widest unbreakable part,
    the rest shared by how much more each column's longest cell would like."""
    columns = list(zip(*lines, strict=True))
    extra = 2 * PAD_X + SLACK
    least = [max(_unbreakable(pdf, t) for t in c) + extra for c in columns]
    natural = [max(pdf.get_string_width(t) for t in c) + extra for c in columns]
    if sum(natural) <= total:
        spare = total - sum(natural)
        return [n + spare * n / sum(natural) for n in natural]
    if sum(least) >= total:  # nothing fits: shrink in proportion (a long code may break)
        return [w * total / sum(least) for w in least]
    wants = [n - m for n, m in zip(natural, least, strict=True)]
    spare = total - sum(least)
    return [m + spare * w / sum(wants) for m, w in zip(least, wants, strict=True)]


def _broken(pdf: FPDF, text: str, width: float) -> str:
    inner = width - 2 * PAD_X - SLACK / 2  # half the slack: float rounding never breaks a fit
    return "\n".join(break_lines(text, pdf.get_string_width, inner, inner))


def _row_height(row: list[str]) -> float:
    return max(text.count("\n") + 1 for text in row) * LINE_MM + 2 * PAD_Y


def draw_table(pdf: FPDF, table: Table) -> None:
    """The title in bold, then the grid; the title moves to a new page with its table's header
    and first row when they would not fit under it."""
    pdf.set_font("serif", size=TABLE_PT)
    rows = [*table.rows, *([table.total] if table.total else [])]
    printed = [[full_width(h) for h in table.headers], *[[cell_text(v) for v in r] for r in rows]]
    pdf.set_font("serif", "B", TABLE_PT)  # bold is the wider face: measure with it
    widths = column_widths(pdf, printed, pdf.epw)
    grid = [[_broken(pdf, t, w) for t, w in zip(line, widths, strict=True)] for line in printed]
    # a short table stays whole; a long one keeps at least its header and first row
    kept = grid if len(grid) <= KEEP_WHOLE else grid[:2]
    keep = TITLE_MM + sum(_row_height(line) for line in kept)
    if pdf.will_page_break(keep):
        pdf.add_page()
    pdf.set_font("serif", "B", TITLE_PT)
    pdf.multi_cell(0, TITLE_MM, full_width(table.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("serif", size=TABLE_PT)
    with pdf.table(
        col_widths=tuple(widths),
        width=pdf.epw,
        text_align=Align.C,
        line_height=LINE_MM,
        padding=(PAD_Y, PAD_X),
        borders_layout=TableBordersLayout.ALL,
        first_row_as_headings=True,
        headings_style=FontFace(emphasis="BOLD", fill_color=(235, 235, 235)),
    ) as drawn:
        for line in grid:
            cells = drawn.row()
            for text in line:
                cells.cell(text)
    pdf.ln(4)
