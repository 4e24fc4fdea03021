"""Projects (台账) and their progress reports (月报)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.orm import Base, Tenths, TimestampMixin, UTCDateTime, utcnow
from server.auth.models import User
from server.regions.models import Region, Series, Unit

PROJECT_LEVELS = ("province", "city", "county", "township")


def _default_batch_year(context: Any) -> int:
    """A project made without a 年度 (not by the import, which always sets one): the year it
    entered the ledger, else of its start or planned completion, else this year."""
    params = context.get_current_parameters()
    for name in ("added_on", "start_date", "planned_completion_date"):
        if params.get(name):
            return int(params[name].year)
    return date.today().year


class Project(TimestampMixin, Base):
    """One line of the ledger. Money is kept in whole yuan; the API speaks 万元."""

    __tablename__ = "projects"
    __table_args__ = (
        # one row per batch year: a project carried into the next year's batch is a new row
        UniqueConstraint("county_id", "batch_year", "code"),
        CheckConstraint("level IN ('province', 'city', 'county', 'township')", name="level"),
        CheckConstraint("progress_pct BETWEEN 0 AND 1000", name="progress_range"),
        Index("ix_projects_region_path", "region_path"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(255))
    level: Mapped[str] = mapped_column(String(16))
    series_id: Mapped[int | None] = mapped_column(ForeignKey("series.id"), index=True)
    county_id: Mapped[int] = mapped_column(ForeignKey("regions.id"), index=True)
    township_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"), index=True)
    village_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"))
    region_path: Mapped[str] = mapped_column(String(255))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    lead_official: Mapped[str | None] = mapped_column(String(100))
    contact_name: Mapped[str | None] = mapped_column(String(100))
    contact_phone: Mapped[str | None] = mapped_column(String(50))
    planned_investment_yuan: Mapped[int | None] = mapped_column(BigInteger)
    allocated_investment_yuan: Mapped[int | None] = mapped_column(BigInteger)
    spent_investment_yuan: Mapped[int | None] = mapped_column(BigInteger)
    start_date: Mapped[date | None] = mapped_column(Date)
    planned_completion_date: Mapped[date | None] = mapped_column(Date)
    actual_completion_date: Mapped[date | None] = mapped_column(Date)
    progress_pct: Mapped[Decimal | None] = mapped_column(Tenths())
    postponed_reason: Mapped[str | None] = mapped_column(Text)
    lag_reason: Mapped[str | None] = mapped_column(Text)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    area_geojson: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    milestones: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    targets: Mapped[str | None] = mapped_column(Text)
    # 年度: the year's batch the People's Congress voted it in (2023年民生实事项目)
    batch_year: Mapped[int] = mapped_column(Integer, index=True, default=_default_batch_year)
    # the day it entered the ledger (the import's as-of day): a bulletin up to an earlier day
    # leaves it out; None for projects older than this column
    added_on: Mapped[date | None] = mapped_column(Date)
    # the previous batch's row of a project carried into this year's batch
    carried_from_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id"))

    series: Mapped[Series | None] = relationship()
    county: Mapped[Region] = relationship(foreign_keys=[county_id])
    township: Mapped[Region | None] = relationship(foreign_keys=[township_id])
    village: Mapped[Region | None] = relationship(foreign_keys=[village_id])
    unit: Mapped[Unit | None] = relationship()
    carried_from: Mapped[Project | None] = relationship(remote_side="Project.id")
    progress_reports: Mapped[list[ProgressReport]] = relationship(
        back_populates="project",
        order_by="(ProgressReport.report_date.desc(), ProgressReport.id.desc())",
        cascade="all, delete-orphan",
    )


class ProgressReport(Base):
    """A dated progress figure (月报) for one project; the history is never rewritten."""

    __tablename__ = "progress_reports"
    __table_args__ = (
        Index("ix_progress_reports_project_date", "project_id", "report_date"),
        CheckConstraint("progress_pct BETWEEN 0 AND 1000", name="progress_range"),
        CheckConstraint("source IN ('manual', 'import')", name="source"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    report_date: Mapped[date] = mapped_column(Date)
    progress_pct: Mapped[Decimal] = mapped_column(Tenths())
    allocated_investment_yuan: Mapped[int | None] = mapped_column(BigInteger)
    spent_investment_yuan: Mapped[int | None] = mapped_column(BigInteger)
    note: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(16), default="manual")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    project: Mapped[Project] = relationship(back_populates="progress_reports")
    author: Mapped[User | None] = relationship()
