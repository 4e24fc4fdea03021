"""HTTP: regions and units."""

from __future__ import annotations

import io

from flask import send_file
from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import select

from core.problems import noun
from server.audience import in_region, region_clause
from server.db import db
from server.errors import AppError
from server.regions import importing, services, units
from server.regions.models import Region, Unit
from server.regions.schemas import (
    CountyUnitListSchema,
    RegionCreateSchema,
    RegionImportFileSchema,
    RegionImportQuerySchema,
    RegionImportSchema,
    RegionListSchema,
    RegionQuerySchema,
    RegionSchema,
    RegionTreeSchema,
    RegionUpdateSchema,
    UnitCreateSchema,
    UnitListSchema,
    UnitQuerySchema,
    UnitSchema,
    UnitUpdateSchema,
)
from server.security import current_user, roles_required
from server.spreadsheets import XLSX_MIMETYPE

blp = Blueprint(
    "regions", __name__, url_prefix="/api/v1", description="地区与单位 Regions and units"
)


@blp.route("/regions")
class Regions(MethodView):
    @blp.arguments(RegionQuerySchema, location="query")
    @blp.response(200, RegionListSchema)
    def get(self, args: dict) -> dict:
        """Regions of the user's area (all for one without a region), optionally the children
        of one, or of one level."""
        query = select(Region).where(region_clause(current_user(), Region.path))
        query = query.order_by(Region.path)
        if "parent_id" in args:
            query = query.where(Region.parent_id == args["parent_id"])
        if "level" in args:
            query = query.where(Region.level == args["level"])
        return {"items": db.session.scalars(query).all()}

    @roles_required("admin")
    @blp.arguments(RegionCreateSchema)
    @blp.response(201, RegionSchema)
    def post(self, args: dict):  # type: ignore[no-untyped-def]
        """Add a region (administrators only) under a parent of the administrator's area."""
        parent = _parent_of_area(args.get("parent_id"))
        region = services.add_region(args["name"], args["level"], parent, args.get("code"))
        db.session.commit()
        return region


@blp.route("/units")
class Units(MethodView):
    decorators = [roles_required("admin", "supervisor")]

    @blp.arguments(UnitQuerySchema, location="query")
    @blp.response(200, UnitListSchema)
    def get(self, args: dict) -> dict:
        """The responsible units of the user's area (and those of no county); with ``issue_id``
        (the 交办 picker) the problem's county's units first, each marked ``assignable``."""
        return {"items": services.units_for(current_user(), args.get("issue_id"))}


def _region_of_area(region_id: int) -> Region:
    """A region the administrator manages (404 outside its area)."""
    region = db.session.get(Region, region_id)
    if region is None or not in_region(current_user(), region.path):
        raise AppError("not_found")
    return region


def _parent_of_area(region_id: int | None) -> Region | None:
    """Where a new region goes: one of the area, or the top (None) for an administrator
    without a region."""
    if region_id is not None:
        return _region_of_area(region_id)
    if current_user().region is not None:
        raise AppError("forbidden")
    return None


def _unit_of_area(unit_id: int) -> Unit:
    unit = db.session.get(Unit, unit_id)
    acting = current_user()
    if unit is None or not in_region(acting, services.unit_path(unit)):
        raise AppError("not_found", what=noun("unit"))
    return unit


@blp.route("/regions/tree")
class RegionTree(MethodView):
    decorators = [roles_required("admin")]

    @blp.response(200, RegionTreeSchema)
    def get(self) -> dict:
        """The regions of the administrator's area as a tree (provinces down to villages)."""
        return {"items": services.region_tree(current_user().region)}


@blp.route("/regions/<int:region_id>")
class RegionItem(MethodView):
    decorators = [roles_required("admin")]

    @blp.arguments(RegionUpdateSchema)
    @blp.response(200, RegionSchema)
    def patch(self, args: dict, region_id: int):  # type: ignore[no-untyped-def]
        """Rename a region or change its code (it keeps its place in the tree)."""
        region = services.rename_region(_region_of_area(region_id), args)
        db.session.commit()
        return region


@blp.route("/regions/<int:region_id>/units")
class CountyUnits(MethodView):
    decorators = [roles_required("admin")]

    @blp.response(200, CountyUnitListSchema)
    def get(self, region_id: int) -> dict:
        """A county's responsible units, with code, name and contact."""
        county = units.check_county(_region_of_area(region_id))
        return {"items": units.county_units(county)}

    @blp.arguments(UnitCreateSchema)
    @blp.response(201, UnitSchema)
    def post(self, args: dict, region_id: int):  # type: ignore[no-untyped-def]
        """Add a responsible unit to the county."""
        county = _region_of_area(region_id)
        unit = units.create_unit(
            args["code"],
            args["name"],
            county,
            args.get("contact_person"),
            args.get("contact_phone"),
        )
        db.session.commit()
        return unit


@blp.route("/regions/<int:region_id>/import")
class CountyImport(MethodView):
    decorators = [roles_required("admin")]

    @blp.arguments(RegionImportQuerySchema, location="query")
    @blp.arguments(RegionImportFileSchema, location="files")
    @blp.response(200, RegionImportSchema)
    @blp.alt_response(422, schema=RegionImportSchema, description="有错误，未导入任何数据")
    def post(self, query: dict, files: dict, region_id: int):  # type: ignore[no-untyped-def]
        """The county's townships, villages and units from an XLSX (the template's sheets);
        ``?dry_run=1`` checks only; any row's error imports nothing."""
        upload = files.get("file")
        if upload is None or not upload.filename:
            raise AppError("validation_error", errors={"file": ["请选择要导入的文件（.xlsx）"]})
        county = _region_of_area(region_id)
        outcome = importing.import_regions_and_units(county, upload.read(), query["dry_run"])
        if not outcome.errors and not query["dry_run"]:
            db.session.commit()
        body = {"dry_run": query["dry_run"], **vars(outcome)}
        return body, (422 if outcome.errors else 200)


@blp.route("/regions/import-template")
class CountyImportTemplate(MethodView):
    decorators = [roles_required("admin")]

    @blp.response(200, description="XLSX template with Chinese headers")
    def get(self):  # type: ignore[no-untyped-def]
        """Download the regions-and-units template (乡镇村社区, 责任单位)."""
        return send_file(
            io.BytesIO(importing.template()),
            mimetype=XLSX_MIMETYPE,
            as_attachment=True,
            download_name="地区与单位导入模板.xlsx",
        )


@blp.route("/units/<int:unit_id>")
class UnitItem(MethodView):
    decorators = [roles_required("admin")]

    @blp.arguments(UnitUpdateSchema)
    @blp.response(200, UnitSchema)
    def patch(self, args: dict, unit_id: int):  # type: ignore[no-untyped-def]
        """Change a unit's code, name or contact."""
        unit = units.update_unit(_unit_of_area(unit_id), args)
        db.session.commit()
        return unit
