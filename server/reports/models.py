"""A deputy's problem report: photo + place + words, followed to a rated answer."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, CheckConstraint, Float, ForeignKey, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.orm import Base, TimestampMixin, UTCDateTime, utcnow
from server.auth.models import User
from server.projects.models import Project

if TYPE_CHECKING:
    from server.issues.models import Issue

REPORT_RATINGS = ("satisfied", "basically_satisfied", "dissatisfied")


class DeputyReport(TimestampMixin, Base):
    __tablename__ = "deputy_reports"
    __table_args__ = (
        CheckConstraint(
            "status IN ('submitted', 'accepted', 'declined', 'replied', 'rated')", name="status"
        ),
        CheckConstraint(
            "rating IS NULL OR rating IN ('satisfied', 'basically_satisfied', 'dissatisfied')",
            name="rating",
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    deputy_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    accuracy_m: Mapped[float | None] = mapped_column(Float)
    located_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(16), default="submitted")
    reply: Mapped[str | None] = mapped_column(Text)
    rating: Mapped[str | None] = mapped_column(String(24))
    rating_comment: Mapped[str | None] = mapped_column(Text)
    rated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # created_at and rated_at are the deputy's phone's times (server/clock.py); when the server
    # got the report and the rating; clock_skew: one of those times was not trusted
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    rated_received_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    clock_skew: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    region_path: Mapped[str] = mapped_column(String(255), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    deputy: Mapped[User] = relationship()
    project: Mapped[Project | None] = relationship()
    # the problem the office made of it when it accepted it (受理); read only, set on the Issue
    linked_issues: Mapped[list[Issue]] = relationship(
        "Issue", viewonly=True, order_by="(Issue.created_at, Issue.id)"
    )
