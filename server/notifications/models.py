"""A notification for one user about one problem, report or inspection."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.orm import Base, UTCDateTime, utcnow

NOTIFICATION_KINDS = (
    "assigned",  # a problem was assigned (交办) to the user's unit
    "due_soon",  # a deadline is within 3 days
    "overdue",  # a deadline has passed
    "returned",  # a problem came back (退回 / sent back to 整改中) or an inspection was returned
    "replied",  # the office answered a deputy's report
    "rated",  # a deputy rated the answer
    "extension",  # an extension (延期) was asked for or decided
    "reviewed",  # an inspection was approved
)


class Notification(Base):
    """What one user is told; ``key`` makes repeated reminders (due soon, overdue) idempotent."""

    __tablename__ = "notifications"
    __table_args__ = (
        CheckConstraint(
            "kind IN (" + ", ".join(f"'{k}'" for k in NOTIFICATION_KINDS) + ")", name="kind"
        ),
        Index("ix_notifications_user_unread", "user_id", "read_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str | None] = mapped_column(Text)
    issue_id: Mapped[str | None] = mapped_column(ForeignKey("issues.id"), index=True)
    report_id: Mapped[str | None] = mapped_column(ForeignKey("deputy_reports.id"), index=True)
    inspection_id: Mapped[str | None] = mapped_column(ForeignKey("inspections.id"), index=True)
    # e.g. "overdue:<issue id>:<deadline>": one reminder per deadline, however often it is checked
    key: Mapped[str | None] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
