"""HTTP: regions and units."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import select

from server.db import db
from server.regions.models import Region, Unit
from server.regions.schemas import RegionListSchema, RegionQuerySchema, UnitListSchema
from server.security import roles_required

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

    @blp.response(200, UnitListSchema)
    def get(self) -> dict:
        """Responsible units."""
        return {"items": db.session.scalars(select(Unit).order_by(Unit.code)).all()}
