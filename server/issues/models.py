"""Problems found in inspections or reported by deputies, and their events."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Date, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from server.auth.models import User
from server.orm import Base, TimestampMixin, UTCDateTime, utcnow
from server.projects.models import Project
from server.regions.models import Unit

ISSUE_STATES = (
    "found",
    "assigned",
    "rectifying",
    "rectified",
    "verified",
    "closed",
    "returned",
    "duplicate",
    "rejected",
)
SEVERITIES = ("low", "medium", "high")


class Issue(TimestampMixin, Base):
    """A problem (问题). Its state only changes through events the state machine allows."""

    __tablename__ = "issues"
    __table_args__ = (
        CheckConstraint(
            "state IN ('found', 'assigned', 'rectifying', 'rectified', 'verified', 'closed', "
            "'returned', 'duplicate', 'rejected')",
            name="state",
        ),
        CheckConstraint("severity IN ('low', 'medium', 'high')", name="severity"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id"), index=True)
    inspection_id: Mapped[str | None] = mapped_column(ForeignKey("inspections.id"), index=True)
    report_id: Mapped[str | None] = mapped_column(ForeignKey("deputy_reports.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    severity: Mapped[str] = mapped_column(String(8))
    state: Mapped[str] = mapped_column(String(16), default="found")
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    deadline: Mapped[date | None] = mapped_column(Date)
    # what the finder proposes; the office decides the unit and deadline when it assigns (交办)
    suggested_unit: Mapped[str | None] = mapped_column(String(100))
    suggested_deadline: Mapped[date | None] = mapped_column(Date)
    duplicate_of_id: Mapped[str | None] = mapped_column(ForeignKey("issues.id"))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    accuracy_m: Mapped[float | None] = mapped_column(Float)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    region_path: Mapped[str] = mapped_column(String(255), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    project: Mapped[Project | None] = relationship()
    unit: Mapped[Unit | None] = relationship()
    created_by: Mapped[User] = relationship()
    events: Mapped[list[IssueEvent]] = relationship(
        back_populates="issue", order_by="IssueEvent.id", cascade="all, delete-orphan"
    )


class IssueEvent(Base):
    """One append-only entry in a problem's history: creation, transition, comment, conflict."""

    __tablename__ = "issue_events"
    __table_args__ = (
        CheckConstraint("kind IN ('created', 'transition', 'comment', 'conflict')", name="kind"),
        Index("ix_issue_events_issue_id_id", "issue_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    issue_id: Mapped[str] = mapped_column(ForeignKey("issues.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    from_state: Mapped[str | None] = mapped_column(String(16))
    to_state: Mapped[str | None] = mapped_column(String(16))
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    reason: Mapped[str | None] = mapped_column(Text)
    data: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    client_id: Mapped[str | None] = mapped_column(String(36))
    mutation_id: Mapped[int | None] = mapped_column(Integer)

    issue: Mapped[Issue] = relationship(back_populates="events")
    actor: Mapped[User] = relationship()
