"""Problems found in inspections or reported by deputies, and their events."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.orm import Base, TimestampMixin, UTCDateTime, utcnow
from server.auth.models import User
from server.issues.events import KINDS
from server.projects.models import Project
from server.regions.models import Region, Unit

if TYPE_CHECKING:
    from server.reports.models import DeputyReport

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
EVENT_KINDS = KINDS  # each kind and the data it carries: server/issues/events.py


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
    # the deadline a unit asked for in an extension request (延期) the office has not decided yet
    pending_extension_until: Mapped[date | None] = mapped_column(Date)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    accuracy_m: Mapped[float | None] = mapped_column(Float)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    region_path: Mapped[str] = mapped_column(String(255), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    project: Mapped[Project | None] = relationship()
    unit: Mapped[Unit | None] = relationship()
    created_by: Mapped[User] = relationship()
    # the deputy's report it was made from (受理), if any; read only
    report: Mapped[DeputyReport | None] = relationship("DeputyReport", viewonly=True)
    events: Mapped[list[IssueEvent]] = relationship(
        back_populates="issue", order_by="IssueEvent.id", cascade="all, delete-orphan"
    )
    slips: Mapped[list[AssignmentSlip]] = relationship(
        back_populates="issue", order_by="AssignmentSlip.id", cascade="all, delete-orphan"
    )


class IssueEvent(Base):
    """One append-only entry in a problem's history: creation, transition, comment, conflict."""

    __tablename__ = "issue_events"
    __table_args__ = (
        CheckConstraint("kind IN (" + ", ".join(f"'{k}'" for k in EVENT_KINDS) + ")", name="kind"),
        Index("ix_issue_events_issue_id_id", "issue_id", "id"),
        # the bulletin's state as of a day: events after it, one step back, moves in a period
        Index("ix_issue_events_at", "at"),
        Index("ix_issue_events_issue_id_at_id", "issue_id", "at", "id"),
        Index("ix_issue_events_to_state_at", "to_state", "at"),
        # per-user limits: a user's recent comments / conflicting moves
        Index("ix_issue_events_actor_id_kind_at", "actor_id", "kind", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    issue_id: Mapped[str] = mapped_column(ForeignKey("issues.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    from_state: Mapped[str | None] = mapped_column(String(16))
    to_state: Mapped[str | None] = mapped_column(String(16))
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    # when it was done (the phone's time unless not trusted: server/clock.py), and received
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    clock_skew: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    reason: Mapped[str | None] = mapped_column(Text)
    data: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    client_id: Mapped[str | None] = mapped_column(String(36))
    mutation_id: Mapped[int | None] = mapped_column(Integer)

    issue: Mapped[Issue] = relationship(back_populates="events")
    actor: Mapped[User] = relationship()


class AssignmentSlip(Base):
    """An assignment slip (交办单), e.g. 督交〔2023〕17号: numbered per office region and year.

    Issued when the office assigns (交办) a problem; a problem re-assigned (after 退回, or 改派
    by the office) gets another and the one in force is voided (``voided_at``).
    """

    __tablename__ = "assignment_slips"
    __table_args__ = (UniqueConstraint("region_id", "year", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    issue_id: Mapped[str] = mapped_column(ForeignKey("issues.id", ondelete="CASCADE"), index=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id"))
    prefix: Mapped[str] = mapped_column(String(16))
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    deadline: Mapped[date] = mapped_column(Date)
    requirements: Mapped[str | None] = mapped_column(Text)
    issued_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    voided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    issue: Mapped[Issue] = relationship(back_populates="slips")
    region: Mapped[Region] = relationship()
    unit: Mapped[Unit] = relationship()
    issued_by: Mapped[User] = relationship()

    @property
    def code(self) -> str:
        return f"{self.prefix}〔{self.year}〕{self.number}号"


class SlipCounter(Base):
    """The last slip number of one office region and year; its row lock keeps numbers gapless."""

    __tablename__ = "slip_counters"

    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer, default=0)
