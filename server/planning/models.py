"""Inspection plans (任务清单) and their tasks."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.orm import Base, Tenths, TimestampMixin, UTCDateTime, utcnow
from server.auth.models import User
from server.projects.models import Project
from server.regions.models import Region

# the same codes as an inspection's kind: 回头看 / 随机查 / 重点督 / 联合督导
PLAN_KINDS = ("revisit", "random", "focused", "joint")
STRATIFICATIONS = ("none", "township")
TASK_STATUSES = ("todo", "done")  # 待办 / 已完成


class InspectionPlan(Base):
    """A task list. A random check (随机查) keeps its seed, its sample rule and the population
    it drew from, in order, so anyone can draw the same sample again and compare."""

    __tablename__ = "inspection_plans"
    __table_args__ = (
        CheckConstraint("kind IN ('revisit', 'random', 'focused', 'joint')", name="kind"),
        CheckConstraint("stratify IN ('none', 'township')", name="stratify"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"), index=True)
    region_path: Mapped[str] = mapped_column(String(255), index=True)
    as_of: Mapped[date] = mapped_column(Date)
    statuses: Mapped[list[str]] = mapped_column(JSON)
    due_date: Mapped[date | None] = mapped_column(Date)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # the draw (随机查 only)
    algorithm: Mapped[str | None] = mapped_column(String(32))
    seed: Mapped[int | None] = mapped_column(BigInteger)
    sample_size: Mapped[int | None] = mapped_column(Integer)
    sample_share_pct: Mapped[Decimal | None] = mapped_column(Tenths())
    stratify: Mapped[str] = mapped_column(String(16), default="none")
    # eligible project ids in ascending order, and each one's township when stratified
    population: Mapped[list[int]] = mapped_column(JSON)
    population_townships: Mapped[list[int | None] | None] = mapped_column(JSON)
    sample: Mapped[list[int]] = mapped_column(JSON)

    region: Mapped[Region | None] = relationship()
    created_by: Mapped[User] = relationship()
    tasks: Mapped[list[InspectionTask]] = relationship(
        back_populates="plan", order_by="InspectionTask.id", cascade="all, delete-orphan"
    )


class InspectionTask(TimestampMixin, Base):
    """One project of a plan for one person to inspect by a date."""

    __tablename__ = "inspection_tasks"
    __table_args__ = (
        UniqueConstraint("plan_id", "project_id"),
        CheckConstraint("status IN ('todo', 'done')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("inspection_plans.id", ondelete="CASCADE"))
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), index=True)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    due_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="todo")
    schedule_status: Mapped[str] = mapped_column(String(16))
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    inspection_id: Mapped[str | None] = mapped_column(ForeignKey("inspections.id"))

    plan: Mapped[InspectionPlan] = relationship(back_populates="tasks")
    project: Mapped[Project] = relationship()
    assignee: Mapped[User | None] = relationship()
