"""Import the ledger from XLSX/CSV: create or update projects by code, all or nothing.

Each project belongs to a batch year (年度): the row's 年度 column, else the year chosen for the
import, else — for a code the county already has — the latest batch holding that code, and for
a new code the year of the import's as-of day. A code named in a year whose batch lacks it
starts a new row there, linked to the previous year's row (carried into the next batch).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, select

from core.problems import LEDGER_PLACES, LEDGER_ROWS, code_of, say
from server.audience import in_region
from server.auth.models import User
from server.db import db
from server.errors import AppError
from server.i18n import pick
from server.media.services import recompute_project_evidence
from server.projects.ledger import LedgerRow, RowError, parse_ledger
from server.projects.models import ProgressReport, Project
from server.projects.status import today
from server.regions.models import Region, Series, Unit
from server.regions.services import create_region, new_unit_code
from sync.changes import log_changes

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
_COMPARED = (
    *_PLAIN_FIELDS.values(),
    "township",
    "village",
    "unit",
    "series",
    "progress_pct",
    "allocated_investment_yuan",
    "spent_investment_yuan",
)


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


def county_for_import(user: User, county_id: int | None) -> Region:
    """The county the ledger belongs to: given, or the user's own region when it is a county."""
    if county_id is None:
        if user.region is not None and user.region.level == "county":
            return user.region
        raise AppError("validation_error", errors={"county_id": ["请选择导入到哪个县（区）"]})
    county = db.session.get(Region, county_id)
    if county is None or county.level != "county":
        raise AppError("validation_error", errors={"county_id": ["县（区）不存在"]})
    if not in_region(user, county.path):
        raise AppError("forbidden")
    return county


def import_ledger(
    user: User,
    county: Region,
    data: bytes,
    filename: str,
    dry_run: bool,
    report_date: date | None = None,
    year: int | None = None,
) -> ImportOutcome:
    """Create or update projects by code. Any error, or a dry run, writes nothing.

    The preview is exact because a dry run does all the work and then rolls it back.
    """
    outcome = ImportOutcome(dry_run=dry_run)
    parsed = parse_ledger(data, filename)
    outcome.errors = [_error_dict(e) for e in parsed.errors]
    if outcome.errors:
        return outcome
    _LedgerImport(user, county, report_date or today(), outcome, year).run(parsed.rows)
    if dry_run or outcome.errors:
        db.session.rollback()
    else:
        db.session.commit()
    return outcome


def _error_dict(error: RowError) -> dict[str, Any]:
    return {
        "row": error.row,
        "column": error.column,
        "code": error.code,
        "message": pick(error.message, error.message_en),
    }


class _LedgerImport:
    """One import: what the county already has is read once, then every row applied in memory."""

    def __init__(
        self,
        user: User,
        county: Region,
        report_date: date,
        outcome: ImportOutcome,
        year: int | None = None,
    ) -> None:
        self.user, self.county, self.report_date, self.outcome = user, county, report_date, outcome
        self.year = year  # the batch year chosen for the import, if any
        self.changed: list[Project] = []
        self.moved: list[Project] = []  # existing projects whose location changed
        self.projects = {
            (p.batch_year, p.code): p
            for p in db.session.scalars(select(Project).where(Project.county_id == county.id))
        }
        self.latest_batch: dict[str, int] = {}  # code → the latest batch year holding it
        for batch_year, code in self.projects:
            self.latest_batch[code] = max(batch_year, self.latest_batch.get(code, batch_year))
        self.latest_report = dict(
            db.session.execute(
                select(ProgressReport.project_id, func.max(ProgressReport.report_date))
                .join(Project)
                .where(Project.county_id == county.id)
                .group_by(ProgressReport.project_id)
            ).all()
        )
        self.townships = {
            r.name: r
            for r in db.session.scalars(
                select(Region).where(Region.parent_id == county.id, Region.level == "township")
            )
        }
        self.villages = {
            (r.parent_id, r.name): r
            for r in db.session.scalars(
                select(Region).where(Region.parent_id.in_([t.id for t in self.townships.values()]))
            )
        }
        units = db.session.scalars(
            select(Unit)
            .where((Unit.region_id == county.id) | Unit.region_id.is_(None))
            .order_by(Unit.id)
        )
        self.units: dict[str, Unit] = {}
        for unit in units:
            self.units.setdefault(unit.name, unit)
            self.units.setdefault(unit.code, unit)
        self.series = {
            s.name: s
            for s in db.session.scalars(select(Series).where(Series.region_id == county.id))
        }

    def run(self, rows: list[LedgerRow]) -> None:
        with db.session.no_autoflush:
            for row in rows:
                self._apply(row)
        db.session.flush()
        log_changes(db.session, "project", self.changed)
        for project in self.moved:  # far-from-site flags go by the corrected location
            recompute_project_evidence(db.session, project.id)

    def _row_error(self, row: LedgerRow, column: str, key: str, **params: Any) -> None:
        """``key``: the problem in core.problems.LEDGER_ROWS."""
        problem = say(LEDGER_ROWS, key, **params)
        text = say(LEDGER_PLACES, "import", row=row.row, column=column, problem=problem)
        self.outcome.errors.append(
            {"row": row.row, "column": column, "code": code_of(key), "message": pick(*text)}
        )

    def _batch_year(self, row: LedgerRow) -> int | None:
        """The row's batch year (see the module's docstring); None after a row error."""
        if row.batch_year is not None:
            if self.year is not None and row.batch_year != self.year:
                self._row_error(row, "年度", "year_mismatch", year=self.year)
                return None
            return row.batch_year
        if self.year is not None:
            return self.year
        return self.latest_batch.get(row.code, self.report_date.year)

    def _apply(self, row: LedgerRow) -> None:
        batch_year = self._batch_year(row)
        if batch_year is None:
            return
        project = self.projects.get((batch_year, row.code))
        if row.village and not row.township:
            self._row_error(row, "乡镇(街道)", "required.township")
            return
        if project is None and not row.level:
            self._row_error(row, "层级", "required.level")
            return
        is_new = project is None
        if project is None:
            project = Project(
                code=row.code,
                county=self.county,
                region_path=self.county.path,
                batch_year=batch_year,
                added_on=self.report_date,
                carried_from=self.projects.get((batch_year - 1, row.code)),
            )
            db.session.add(project)
            self.projects[(batch_year, row.code)] = project
        before = [getattr(project, name) for name in _COMPARED]
        located = (project.lat, project.lon)

        for column, attribute in _PLAIN_FIELDS.items():
            if column in row.present:
                setattr(project, attribute, getattr(row, attribute))
        if "乡镇(街道)" in row.present or "村(社区)" in row.present:
            township = self._township(row.township) if row.township else None
            village = self._village(township, row.village) if township and row.village else None
            project.township, project.village = township, village
            project.region_path = (village or township or self.county).path
        if "责任单位" in row.present:
            project.unit = self._unit(row.unit) if row.unit else None
        if "系列" in row.present:
            project.series = self._series(row.series) if row.series else None
        self._record_progress(project, row)

        if is_new:
            self.outcome.created += 1
        elif [getattr(project, name) for name in _COMPARED] != before:
            self.outcome.updated += 1
        else:
            self.outcome.unchanged += 1
            return
        self.changed.append(project)
        if not is_new and (project.lat, project.lon) != located:
            self.moved.append(project)

    def _township(self, name: str) -> Region:
        if name not in self.townships:
            self.townships[name] = create_region(name, "township", self.county)
            self.outcome.new_townships.append(name)
        return self.townships[name]

    def _village(self, township: Region, name: str) -> Region:
        key = (township.id, name)
        if key not in self.villages:
            self.villages[key] = create_region(name, "village", township)
            self.outcome.new_villages.append(f"{township.name}{name}")
        return self.villages[key]

    def _unit(self, name: str) -> Unit:
        if name not in self.units:
            unit = Unit(name=name, code=new_unit_code(name, self.county), region_id=self.county.id)
            db.session.add(unit)
            db.session.flush()
            self.units[name] = unit
            self.outcome.new_units.append(name)
        return self.units[name]

    def _series(self, name: str) -> Series:
        if name not in self.series:
            self.series[name] = Series(name=name, region_id=self.county.id)
            db.session.add(self.series[name])
            self.outcome.new_series.append(name)
        return self.series[name]

    def _record_progress(self, project: Project, row: LedgerRow) -> None:
        """A progress report when the file's progress or funds differ from the current ones."""
        progress = row.progress_pct if "形象进度(%)" in row.present else None
        allocated = row.allocated_investment_yuan if "下达资金(万元)" in row.present else None
        spent = row.spent_investment_yuan if "完成投资(万元)" in row.present else None
        if progress is None and allocated is None and spent is None:
            return
        if (
            (progress is None or progress == project.progress_pct)
            and (allocated is None or allocated == project.allocated_investment_yuan)
            and (spent is None or spent == project.spent_investment_yuan)
        ):
            return
        db.session.add(
            ProgressReport(
                project=project,
                report_date=self.report_date,
                progress_pct=progress if progress is not None else (project.progress_pct or 0),
                allocated_investment_yuan=allocated,
                spent_investment_yuan=spent,
                source="import",
                author=self.user,
            )
        )
        latest = self.latest_report.get(project.id) if project.id is not None else None
        if latest is None or self.report_date >= latest:
            # the newest report sets the project's current figures
            if progress is not None:
                project.progress_pct = progress
            if allocated is not None:
                project.allocated_investment_yuan = allocated
            if spent is not None:
                project.spent_investment_yuan = spent
