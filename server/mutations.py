"""What every domain's mutations share: the argument base schema, ids, locations, and lookups."""

from __future__ import annotations

from datetime import UTC
from typing import Any

from marshmallow import EXCLUDE, Schema, fields, pre_load, validate
from sqlalchemy import select
from sqlalchemy.orm.util import identity_key

from core.problems import noun
from server.projects.models import Project
from server.projects.services import visible_projects
from server.text import SURROGATE_MESSAGE, has_surrogate, refusal
from sync.context import MutationContext
from sync.errors import Rejected, not_found

UUID = validate.Regexp(r"^[0-9a-fA-F-]{8,36}$", error="必须是 UUID")
ROW_ID = validate.Range(min=1, max=2**31 - 1, error="编号超出范围")
SHA256 = validate.Regexp(r"^[0-9a-f]{64}$", error="必须是 64 位小写十六进制 SHA-256")


class Args(Schema):
    """Mutation arguments: extra optional fields are allowed and ignored."""

    class Meta:
        unknown = EXCLUDE

    @pre_load
    def encodable(self, data: Any, **kwargs: Any) -> Any:
        """No string anywhere in the args (ignored ones too) may hold a lone surrogate."""
        if has_surrogate(data):
            raise refusal(SURROGATE_MESSAGE)
        return data


class LocationSchema(Args):
    lat = fields.Float(required=True, validate=validate.Range(-90, 90))
    lon = fields.Float(required=True, validate=validate.Range(-180, 180))
    accuracy_m = fields.Float(allow_none=True, validate=validate.Range(min=0))
    at = fields.AwareDateTime(allow_none=True, default_timezone=UTC)


def visible_project(ctx: MutationContext, project_id: int) -> Project:
    key = ("project", project_id)
    if key not in ctx.cache:
        ctx.cache[key] = ctx.session.scalar(
            select(Project).where(Project.id == project_id, visible_projects(ctx.user))
        )
    project = ctx.cache[key]
    if project is None:
        raise not_found("project")
    return project


def location_columns(location: dict[str, Any] | None, with_time: bool = True) -> dict[str, Any]:
    """Model columns from a DESIGN.md location ``{lat, lon, accuracy_m, at}``."""
    if not location:
        return {}
    columns = {
        "lat": location["lat"],
        "lon": location["lon"],
        "accuracy_m": location.get("accuracy_m"),
    }
    if with_time:
        columns["located_at"] = location.get("at")
    return columns


def check_new_id(ctx: MutationContext, model: type, record_id: str, what: str) -> Any:
    """None for a fresh id; the record when this user already created it (a replay from another
    install); rejected when the id belongs to someone else's record."""
    known = ctx.cache.get(("existing", model))
    # push looked the batch's ids up at once; only records made in this batch can be missing
    if (
        known is not None
        and record_id not in known
        and identity_key(model, record_id) not in ctx.session.identity_map
    ):
        return None
    existing = ctx.session.get(model, record_id)
    if existing is None:
        return None
    owner = (
        getattr(existing, "inspector_id", None)
        or getattr(existing, "created_by_id", None)
        or getattr(existing, "deputy_id", None)
    )
    if owner == ctx.user.id:
        return existing
    raise Rejected("id_taken", what=noun(what))
