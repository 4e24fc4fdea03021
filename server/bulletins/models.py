"""Published bulletins (督查通报): the office's paragraphs, a period, and once published a
number (督通〔2023〕3号) and the figures frozen as they were that day."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.orm import Base, TimestampMixin, UTCDateTime
from server.auth.models import User
from server.regions.models import Region

BULLETIN_PREFIX = "督通"
BULLETIN_STATUSES = ("draft", "published")


class Bulletin(TimestampMixin, Base):
    """A bulletin of one region and period: a draft the office edits, then published."""

    __tablename__ = "bulletins"
    __table_args__ = (
        UniqueConstraint("region_id", "year", "number"),
        CheckConstraint("status IN ('draft', 'published')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id"), index=True)
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    situation: Mapped[str | None] = mapped_column(Text)  # 情况
    problems: Mapped[str | None] = mapped_column(Text)  # 问题
    requirements: Mapped[str | None] = mapped_column(Text)  # 要求
    status: Mapped[str] = mapped_column(String(16), default="draft")
    year: Mapped[int | None] = mapped_column(Integer)
    number: Mapped[int | None] = mapped_column(Integer)
    title: Mapped[str | None] = mapped_column(String(200))
    figures: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # as the JSON API wrote them
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # the county's audit chain head at publication (server/audit): printed as 审计指纹
    audit_seq: Mapped[int | None] = mapped_column(Integer)
    audit_head: Mapped[str | None] = mapped_column(String(64))

    region: Mapped[Region] = relationship()
    created_by: Mapped[User] = relationship(foreign_keys=[created_by_id])

    @property
    def code(self) -> str | None:
        if self.number is None:
            return None
        return f"{BULLETIN_PREFIX}〔{self.year}〕{self.number}号"


class BulletinCounter(Base):
    """The last bulletin number of one region and year; its row lock keeps numbers gapless."""

    __tablename__ = "bulletin_counters"

    region_id: Mapped[int] = mapped_column(ForeignKey("regions.id"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer, default=0)
