"""Regions, units and series."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.orm import Base

REGION_LEVELS = ("province", "city", "county", "township", "village")


class Region(Base):
    """An administrative area. ``path`` lists the ids from the root, e.g. ``/1/7/42/``."""

    __tablename__ = "regions"
    __table_args__ = (
        UniqueConstraint("parent_id", "name"),
        CheckConstraint(
            "level IN ('province', 'city', 'county', 'township', 'village')", name="level"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(16))
    code: Mapped[str | None] = mapped_column(String(12), unique=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"), index=True)
    path: Mapped[str] = mapped_column(String(255), index=True, default="")

    parent: Mapped[Region | None] = relationship(remote_side=[id])


class Unit(Base):
    """A responsible unit (责任单位 / 承办单位)."""

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"), index=True)
    contact_person: Mapped[str | None] = mapped_column(String(50))
    contact_phone: Mapped[str | None] = mapped_column(String(32))

    region: Mapped[Region | None] = relationship()


class Series(Base):
    """A series (系列) grouping a county's projects, e.g. 养老托育."""

    __tablename__ = "series"
    __table_args__ = (UniqueConstraint("region_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    region_id: Mapped[int | None] = mapped_column(ForeignKey("regions.id"), index=True)
