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
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.orm import Base, Tenths, TimestampMixin, UTCDateTime, utcnow
from server.auth.models import User
from server.regions.models import Region, Series, Unit

PROJECT_LEVELS = ("province", "city", "county", "township")


class Project(TimestampMixin, Base):
    """One line of the ledger. Money is kept in whole yuan; the API speaks 万元."""

    __tablename__ = "projects"
    __table_args__ = (
        UniqueConstraint("county_id", "code"),
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

    series: Mapped[Series | None] = relationship()
    county: Mapped[Region] = relationship(foreign_keys=[county_id])
    township: Mapped[Region | None] = relationship(foreign_keys=[township_id])
    village: Mapped[Region | None] = relationship(foreign_keys=[village_id])
    unit: Mapped[Unit | None] = relationship()
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
