"""A change row's scope: where its record was visible when it changed.

Every change row carries the region path, township, responsible unit and owner of its record,
and whether the record is public (project facts) or for everyone (checklist templates). Which
users a scope admits is the app's rule (``sync.registry.Audience``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scope:
    region_path: str | None = None
    township_id: int | None = None
    unit_id: int | None = None
    owner_id: int | None = None
    public: bool = False
    everyone: bool = False
