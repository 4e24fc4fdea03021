"""A county's townships, villages and units from a workbook (地区与单位导入): every row checked
first, then all written or none. Rows naming what exists already are kept as they are (a unit's
contact is brought up to date), so the same file may be imported twice."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from core.problems import REGION_ROWS, Both, say
from server.db import db
from server.i18n import pick
from server.regions.models import Region, Unit
from server.regions.services import add_region, full_name
from server.regions.units import check_county, create_unit, update_unit
from server.spreadsheets import UnreadableWorkbook, new_workbook, read_sheets, to_bytes, write_cell

REGION_COLUMNS: dict[str, tuple[str, ...]] = {
    "township": ("乡镇(街道)", "乡镇", "街道"),
    "township_code": ("乡镇代码", "乡镇(街道)代码"),
    "village": ("村(社区)", "村", "社区"),
    "village_code": ("村代码", "村(社区)代码", "社区代码"),
}
UNIT_COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("单位编码", "编码"),
    "name": ("单位名称", "责任单位", "名称"),
    "contact_person": ("联系人",),
    "contact_phone": ("联系电话", "电话"),
}
TEMPLATE_SHEETS = {"乡镇村社区": REGION_COLUMNS, "责任单位": UNIT_COLUMNS}
Rows = list[tuple[int, list[str]]]  # a sheet's rows as read_sheets gives them
UnitRow = tuple[Unit | None, dict[str, str]]


@dataclass(frozen=True)
class NewRegion:
    """A township to create (no village), or a village to create under its township."""

    township: str
    township_code: str | None
    village: str | None = None
    village_code: str | None = None


@dataclass
class Outcome:
    townships: list[str] = field(default_factory=list)
    villages: list[str] = field(default_factory=list)
    units_created: list[str] = field(default_factory=list)
    units_updated: list[str] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def refuse(self, sheet: str | None, row: int, column: str | None, text: Both) -> None:
        message = pick(text.zh, text.en)
        self.errors.append({"sheet": sheet, "row": row, "column": column, "message": message})


def _normal(name: str) -> str:
    return re.sub(r"\s+", "", name).replace("（", "(").replace("）", ")")


def _columns(header: list[str], wanted: dict[str, tuple[str, ...]]) -> dict[str, int | None]:
    names = [_normal(name) for name in header]
    return {
        column: next((i for i, name in enumerate(names) if name in aliases), None)
        for column, aliases in wanted.items()
    }


def _cells(row: list[str], where: dict[str, int | None]) -> dict[str, str]:
    return {c: row[i] if i is not None and i < len(row) else "" for c, i in where.items()}


class _Codes:
    """Region codes: those stored, and those the file gives new regions so far."""

    def __init__(self) -> None:
        self.in_file: dict[str, int] = {}

    def check(self, outcome: Outcome, sheet: str, row: int, column: str, code: str) -> bool:
        if not code:
            return True
        if code in self.in_file:
            text = say(REGION_ROWS, "code_repeated", first_row=self.in_file[code])
            outcome.refuse(sheet, row, column, text)
            return False
        other = db.session.scalar(select(Region).where(Region.code == code))
        if other is not None:
            text = say(REGION_ROWS, "code_taken", code=code, other=full_name(other))
            outcome.refuse(sheet, row, column, text)
            return False
        self.in_file[code] = row
        return True


def _child(parent_id: int, name: str) -> Region | None:
    return db.session.scalar(
        select(Region).where(Region.parent_id == parent_id, Region.name == name)
    )


def _plan_regions(county: Region, sheet: str, rows: Rows, outcome: Outcome) -> list[NewRegion]:
    """The townships and villages to create, checked; the errors go to ``outcome``."""
    where = _columns(rows[0][1], REGION_COLUMNS)
    heads = {c: REGION_COLUMNS[c][0] for c in REGION_COLUMNS}
    codes = _Codes()
    planned: list[NewRegion] = []
    new_townships: set[str] = set()
    new_villages: set[tuple[str, str]] = set()
    for number, row in rows[1:]:
        cells = _cells(row, where)
        township, village = cells["township"], cells["village"]
        if not township:
            outcome.refuse(sheet, number, heads["township"], say(REGION_ROWS, "required"))
            continue
        existing = _child(county.id, township)
        if existing is None and township not in new_townships:
            new_townships.add(township)
            code = cells["township_code"]
            if codes.check(outcome, sheet, number, heads["township_code"], code):
                planned.append(NewRegion(township, code or None))
        if (township, village) in new_villages:
            continue
        if village and (existing is None or _child(existing.id, village) is None):
            new_villages.add((township, village))
            code = cells["village_code"]
            if codes.check(outcome, sheet, number, heads["village_code"], code):
                planned.append(NewRegion(township, None, village, code or None))
    return planned


def _plan_units(county: Region, sheet: str, rows: Rows, outcome: Outcome) -> list[UnitRow]:
    """(the stored unit or None, the row's values) to create or bring up to date, checked."""
    where = _columns(rows[0][1], UNIT_COLUMNS)
    heads = {c: UNIT_COLUMNS[c][0] for c in UNIT_COLUMNS}
    seen: dict[str, int] = {}
    planned: list[UnitRow] = []
    for number, row in rows[1:]:
        values = _cells(row, where)
        blank = [c for c in ("code", "name") if not values[c]]
        for column in blank:
            outcome.refuse(sheet, number, heads[column], say(REGION_ROWS, "required"))
        if blank:
            continue
        code, name = values["code"], values["name"]
        for key in (f"code:{code}", f"name:{name}"):
            if key in seen:
                text = say(REGION_ROWS, "unit_repeated", first_row=seen[key])
                outcome.refuse(sheet, number, heads[key.partition(":")[0]], text)
                break
        else:
            seen[f"code:{code}"] = seen[f"name:{name}"] = number
            unit = db.session.scalar(select(Unit).where(Unit.code == code))
            named = db.session.scalar(
                select(Unit).where(Unit.region_id == county.id, Unit.name == name)
            )
            if unit is not None and (unit.region_id != county.id or unit.name != name):
                text = say(REGION_ROWS, "unit_code_taken", code=code, other=unit.name)
                outcome.refuse(sheet, number, heads["code"], text)
            elif unit is None and named is not None:
                text = say(REGION_ROWS, "unit_name_taken", name=name, code=named.code)
                outcome.refuse(sheet, number, heads["name"], text)
            else:
                planned.append((unit, values))
    return planned


def import_regions_and_units(county: Region, data: bytes, dry_run: bool = False) -> Outcome:
    """Check every row of the workbook's townships sheet and units sheet; unless ``dry_run`` or
    a row is wrong, create the new townships, villages and units, and update units' contacts."""
    check_county(county)
    outcome = Outcome()
    try:
        sheets = read_sheets(data)
    except UnreadableWorkbook:
        outcome.refuse(None, 0, None, say(REGION_ROWS, "unreadable"))
        return outcome
    regions: list[NewRegion] = []
    units: list[UnitRow] = []
    recognised = False
    for title, rows in sheets:
        if not rows:
            continue
        header = _columns(rows[0][1], {**UNIT_COLUMNS, **REGION_COLUMNS})
        if header["code"] is not None and header["name"] is not None:
            recognised = True
            units += _plan_units(county, title, rows, outcome)
        elif header["township"] is not None:
            recognised = True
            regions += _plan_regions(county, title, rows, outcome)
    if not recognised:
        outcome.refuse(None, 0, None, say(REGION_ROWS, "no_sheet"))
    if outcome.errors:
        return outcome
    for new in regions:
        if new.village is None:
            outcome.townships.append(new.township)
            if not dry_run:
                add_region(new.township, "township", county, new.township_code)
        else:
            outcome.villages.append(f"{new.township}/{new.village}")
            if not dry_run:
                parent = _child(county.id, new.township)
                add_region(new.village, "village", parent, new.village_code)
    for unit, values in units:
        contact = {k: values[k] or None for k in ("contact_person", "contact_phone")}
        if unit is None:
            outcome.units_created.append(values["code"])
            if not dry_run:
                create_unit(values["code"], values["name"], county, **contact)
        elif any(getattr(unit, k) != v for k, v in contact.items() if v is not None):
            outcome.units_updated.append(values["code"])
            if not dry_run:
                update_unit(unit, {k: v for k, v in contact.items() if v is not None})
    return outcome


def template() -> bytes:
    """The workbook to fill in: a townships-and-villages sheet and a units sheet."""
    book, first = new_workbook()
    for index, (title, columns) in enumerate(TEMPLATE_SHEETS.items()):
        sheet = first if index == 0 else book.create_sheet()
        sheet.title = title
        for number, aliases in enumerate(columns.values(), start=1):
            write_cell(sheet, 1, number, aliases[0])
            sheet.column_dimensions[sheet.cell(1, number).column_letter].width = 18
    return to_bytes(book)
