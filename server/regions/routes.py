"""HTTP: regions and units."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import select

from server.db import db
from server.regions import services
from server.regions.models import Region
from server.regions.schemas import (
    RegionListSchema,
    RegionQuerySchema,
    UnitListSchema,
    UnitQuerySchema,
)
from server.security import current_user, roles_required

blp = Blueprint(
    "regions", __name__, url_prefix="/api/v1", description="地区与单位 Regions and units"
)


@blp.route("/regions")
class Regions(MethodView):
    @blp.arguments(RegionQuerySchema, location="query")
    @blp.response(200, RegionListSchema)
    def get(self, args: dict) -> dict:
        """Regions, optionally the children of one, or of one level."""
        query = select(Region).order_by(Region.path)
        if "parent_id" in args:
            query = query.where(Region.parent_id == args["parent_id"])
        if "level" in args:
            query = query.where(Region.level == args["level"])
        return {"items": db.session.scalars(query).all()}


@blp.route("/units")
class Units(MethodView):
    decorators = [roles_required("admin", "supervisor")]

    @blp.arguments(UnitQuerySchema, location="query")
    @blp.response(200, UnitListSchema)
    def get(self, args: dict) -> dict:
        """The responsible units of the user's area (and those of no county); with ``issue_id``
        (the 交办 picker) the problem's county's units first, each marked ``assignable``."""
        return {"items": services.units_for(current_user(), args.get("issue_id"))}
