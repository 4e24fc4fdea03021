"""Checklist templates and inspections with their answers."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.orm import Base, TimestampMixin, UTCDateTime, utcnow
from server.auth.models import User
from server.projects.models import Project

INSPECTION_KINDS = ("revisit", "random", "focused", "joint", "routine")
ITEM_KINDS = (
    "yes_no_na",
    "number",
    "text",
    "choice",
    "multiple_choice",
    "photo",
    "gps",
    "date",
)


class ChecklistTemplate(Base):
    """A version of a checklist (检查表). Its family (``family_id``, the id of version 1) holds
    every version; only the newest one not retired is ``active`` (offered for new captures).
    ``county_id`` None: a shipped default every county may use; ``series_ids`` / ``kinds``
    empty: any series / any inspection kind (server/inspections/designer.py)."""

    __tablename__ = "checklist_templates"
    __table_args__ = (UniqueConstraint("family_id", "version"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    family_id: Mapped[str] = mapped_column(String(36), index=True)
    county_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"), index=True)
    series_ids: Mapped[list[int] | None] = mapped_column(JSON)
    kinds: Mapped[list[str] | None] = mapped_column(JSON)
    category: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(Integer, default=1)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    items: Mapped[list[ChecklistItem]] = relationship(
        back_populates="template", order_by="ChecklistItem.position", cascade="all, delete-orphan"
    )


class ChecklistItem(Base):
    """One question of a checklist."""

    __tablename__ = "checklist_items"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('yes_no_na', 'number', 'text', 'choice', 'multiple_choice', 'photo',"
            " 'gps', 'date')",
            name="kind",
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    template_id: Mapped[str] = mapped_column(ForeignKey("checklist_templates.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    label: Mapped[str] = mapped_column(String(255))
    required: Mapped[bool] = mapped_column(Boolean, default=False)
    options: Mapped[list[str] | None] = mapped_column(JSON)
    unit: Mapped[str | None] = mapped_column(String(16))
    hint: Mapped[str | None] = mapped_column(Text)
    # which answer counts as a problem: yes_no_na "yes" or "no"; choice / multiple_choice a list
    # of option labels; None: none (server/inspections/values.py)
    bad_answer: Mapped[Any] = mapped_column(JSON, nullable=True)
    opens_problem: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    minimum: Mapped[float | None] = mapped_column(Float)  # number: answers below are refused
    maximum: Mapped[float | None] = mapped_column(Float)
    integer: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    min_count: Mapped[int | None] = mapped_column(Integer)  # photo: at least, on submit

    template: Mapped[ChecklistTemplate] = relationship(back_populates="items")


class Inspection(TimestampMixin, Base):
    """One visit to one project. Submitted inspections are immutable; a correction is a new
    inspection whose ``replaces_id`` points at the one it corrects."""

    __tablename__ = "inspections"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('revisit', 'random', 'focused', 'joint', 'routine')", name="kind"
        ),
        CheckConstraint("status IN ('draft', 'submitted', 'approved', 'returned')", name="status"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    template_id: Mapped[str | None] = mapped_column(ForeignKey("checklist_templates.id"))
    status: Mapped[str] = mapped_column(String(16), default="draft")
    inspector_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # started_at and submitted_at are the phone's (server/clock.py); received_at is when the
    # server got the submission (the creation while a draft); clock_skew: a time not trusted
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    clock_skew: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    notes: Mapped[str | None] = mapped_column(Text)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    accuracy_m: Mapped[float | None] = mapped_column(Float)
    located_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    replaces_id: Mapped[str | None] = mapped_column(ForeignKey("inspections.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)
    # the office's review of a submitted inspection: approved, or returned with a reason (the
    # inspector answers with a correction, a new inspection whose replaces_id points here)
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    review_note: Mapped[str | None] = mapped_column(Text)

    project: Mapped[Project] = relationship()
    inspector: Mapped[User] = relationship(foreign_keys=[inspector_id])
    template: Mapped[ChecklistTemplate | None] = relationship()
    answers: Mapped[list[Answer]] = relationship(
        back_populates="inspection", order_by="Answer.id", cascade="all, delete-orphan"
    )


class Answer(Base):
    """The answer to one checklist item in one inspection (the last write wins while draft)."""

    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("inspection_id", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    inspection_id: Mapped[str] = mapped_column(ForeignKey("inspections.id", ondelete="CASCADE"))
    item_id: Mapped[str] = mapped_column(ForeignKey("checklist_items.id"))
    value: Mapped[Any] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    clock_skew: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    inspection: Mapped[Inspection] = relationship(back_populates="answers")
    item: Mapped[ChecklistItem] = relationship()
