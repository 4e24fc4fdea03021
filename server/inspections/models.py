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
ITEM_KINDS = ("yes_no_na", "number", "text", "choice", "photo", "gps")


class ChecklistTemplate(Base):
    """A versioned checklist for one project category (避灾点, 长者食堂, …)."""

    __tablename__ = "checklist_templates"
    __table_args__ = (UniqueConstraint("category", "version"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    category: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(Integer, default=1)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    items: Mapped[list[ChecklistItem]] = relationship(
        back_populates="template", order_by="ChecklistItem.position", cascade="all, delete-orphan"
    )


class ChecklistItem(Base):
    """One question of a checklist."""

    __tablename__ = "checklist_items"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('yes_no_na', 'number', 'text', 'choice', 'photo', 'gps')", name="kind"
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
