"""Import the ledger from XLSX/CSV (all or nothing) and export it to XLSX."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select

from server.auth.models import User
from server.db import db
from server.errors import AppError
from server.i18n import LEVEL_LABELS, pick
from server.money import yuan_to_wan
from server.projects.ledger import LedgerRow, RowError, export_ledger, parse_ledger
from server.projects.models import ProgressReport, Project
from server.projects.schedule import STATUS_LABELS_ZH
from server.projects.services import ProjectFilters, apply_latest_report, list_projects
from server.projects.status import today
from server.regions.models import Region
from server.regions.services import get_or_create_region, get_or_create_series, get_or_create_unit

# canonical column → project attribute, for the plain fields the file may carry
_PLAIN_FIELDS = {
    "项目名称": "name",
    "层级": "level",
    "分管领导": "lead_official",
    "联系人": "contact_name",
    "联系电话": "contact_phone",
    "计划投资(万元)": "planned_investment_yuan",
    "开工时间": "start_date",
    "计划完成时间": "planned_completion_date",
    "实际完成时间": "actual_completion_date",
    "暂缓原因": "postponed_reason",
    "滞后原因": "lag_reason",
    "经度": "lon",
    "纬度": "lat",
}


@dataclass
class ImportOutcome:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = True
    errors: list[dict[str, Any]] = field(default_factory=list)
    new_townships: list[str] = field(default_factory=list)
    new_villages: list[str] = field(default_factory=list)
    new_units: list[str] = field(default_factory=list)
    new_series: list[str] = field(default_factory=list)


def _error_dict(error: RowError) -> dict[str, Any]:
    return {
        "row": error.row,
        "column": error.column,
        "code": error.code,
        "message": pick(error.message, error.message_en),
    }


def _row_error(row: LedgerRow, column: str, code: str, zh: str, en: str) -> dict[str, Any]:
    return {
        "row": row.row,
        "column": column,
        "code": code,
        "message": pick(f"第 {row.row} 行『{column}』{zh}", f"Row {row.row}, {column}: {en}"),
    }


def county_for_import(user: User, county_id: int | None) -> Region:
    """The county the ledger belongs to: given, or the user's own region when it is a county."""
    if county_id is None:
        if user.region is not None and user.region.level == "county":
            return user.region
        raise AppError("validation_error", errors={"county_id": ["请选择导入到哪个县(区)"]})
    county = db.session.get(Region, county_id)
    if county is None or county.level != "county":
        raise AppError("validation_error", errors={"county_id": ["县(区)不存在"]})
    if user.region is not None and not county.path.startswith(user.region.path):
        raise AppError("forbidden")
    return county


def import_ledger(
    user: User,
    county: Region,
    data: bytes,
    filename: str,
    dry_run: bool,
    report_date: date | None = None,
) -> ImportOutcome:
    """Create or update projects by code. Any error, or a dry run, writes nothing."""
    outcome = ImportOutcome(dry_run=dry_run)
    parsed = parse_ledger(data, filename)
    outcome.errors = [_error_dict(e) for e in parsed.errors]
    if outcome.errors:
        return outcome
    report_date = report_date or today()
    for row in parsed.rows:
        _apply_row(user, county, row, report_date, outcome)
    if dry_run or outcome.errors:
        db.session.rollback()
    else:
        db.session.commit()
    return outcome


def _place(
    county: Region, row: LedgerRow, outcome: ImportOutcome
) -> tuple[Region | None, Region | None]:
    township = village = None
    if row.township:
        township, created = get_or_create_region(row.township, "township", county)
        if created:
            outcome.new_townships.append(row.township)
    if row.village and township is not None:
        village, created = get_or_create_region(row.village, "village", township)
        if created:
            outcome.new_villages.append(f"{row.township}{row.village}")
    return township, village


def _apply_row(
    user: User, county: Region, row: LedgerRow, report_date: date, outcome: ImportOutcome
) -> None:
    project = db.session.scalar(
        select(Project).where(Project.county_id == county.id, Project.code == row.code)
    )
    is_new = project is None
    if row.village and not row.township and "乡镇(街道)" in row.present:
        outcome.errors.append(
            _row_error(
                row,
                "乡镇(街道)",
                "required",
                "不能为空(填写了村(社区)时必须填写乡镇)",
                "required when a village is given",
            )
        )
        return
    if is_new and not row.level:
        outcome.errors.append(
            _row_error(
                row,
                "层级",
                "required",
                "不能为空(新项目须填写层级)",
                "is required for a new project",
            )
        )
        return
    if is_new:
        project = Project(code=row.code, county=county, region_path=county.path)
        db.session.add(project)
    assert project is not None
    before = _snapshot(project)

    for column, attribute in _PLAIN_FIELDS.items():
        if column in row.present:
            setattr(project, attribute, getattr(row, attribute))
    if "乡镇(街道)" in row.present or "村(社区)" in row.present:
        township, village = _place(county, row, outcome)
        project.township, project.village = township, village
        project.region_path = (village or township or county).path
    if "责任单位" in row.present:
        unit = None
        if row.unit:
            unit, created = get_or_create_unit(row.unit, county)
            if created:
                outcome.new_units.append(row.unit)
        project.unit = unit
    if "系列" in row.present:
        series = None
        if row.series:
            series, created = get_or_create_series(row.series, county)
            if created:
                outcome.new_series.append(row.series)
        project.series = series
    db.session.flush()
    _record_progress(user, project, row, report_date)

    if is_new:
        outcome.created += 1
    elif _snapshot(project) != before:
        outcome.updated += 1
    else:
        outcome.unchanged += 1


def _record_progress(user: User, project: Project, row: LedgerRow, report_date: date) -> None:
    """A progress report when the file's progress or funds differ from the project's current ones."""
    progress = row.progress_pct if "形象进度(%)" in row.present else None
    allocated = row.allocated_investment_yuan if "下达资金(万元)" in row.present else None
    spent = row.spent_investment_yuan if "完成投资(万元)" in row.present else None
    if progress is None and allocated is None and spent is None:
        return
    same = (
        (progress is None or progress == project.progress_pct)
        and (allocated is None or allocated == project.allocated_investment_yuan)
        and (spent is None or spent == project.spent_investment_yuan)
    )
    if same:
        return
    db.session.add(
        ProgressReport(
            project=project,
            report_date=report_date,
            progress_pct=progress if progress is not None else (project.progress_pct or 0),
            allocated_investment_yuan=allocated,
            spent_investment_yuan=spent,
            note=None,
            source="import",
            author=user,
        )
    )
    db.session.flush()
    apply_latest_report(project)


def _snapshot(project: Project) -> tuple[Any, ...]:
    return tuple(
        getattr(project, name)
        for name in (
            *_PLAIN_FIELDS.values(),
            "township_id",
            "village_id",
            "unit_id",
            "series_id",
            "progress_pct",
            "allocated_investment_yuan",
            "spent_investment_yuan",
        )
    )


def export_projects(user: User, filters: ProjectFilters) -> bytes:
    """The filtered ledger as XLSX, readable again by the import."""
    filters.page, filters.per_page = 1, 1_000_000
    page = list_projects(user, filters)
    rows = []
    for view in page.items:
        p = view.project
        rows.append(
            {
                "项目编号": p.code,
                "项目名称": p.name,
                "层级": LEVEL_LABELS["zh-CN"][p.level],
                "系列": p.series.name if p.series else None,
                "乡镇(街道)": p.township.name if p.township else None,
                "村(社区)": p.village.name if p.village else None,
                "责任单位": p.unit.name if p.unit else None,
                "分管领导": p.lead_official,
                "联系人": p.contact_name,
                "联系电话": p.contact_phone,
                "计划投资(万元)": yuan_to_wan(p.planned_investment_yuan),
                "下达资金(万元)": yuan_to_wan(p.allocated_investment_yuan),
                "完成投资(万元)": yuan_to_wan(p.spent_investment_yuan),
                "开工时间": p.start_date,
                "计划完成时间": p.planned_completion_date,
                "实际完成时间": p.actual_completion_date,
                "形象进度(%)": float(view.progress_pct) if view.progress_pct is not None else None,
                "暂缓原因": p.postponed_reason,
                "滞后原因": p.lag_reason,
                "经度": p.lon,
                "纬度": p.lat,
                "序时进度": STATUS_LABELS_ZH[view.schedule.status],
            }
        )
    return export_ledger(rows, title=f"民生实事项目台账(截至 {page.as_of.isoformat()})")
