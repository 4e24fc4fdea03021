"""HTTP: the office's dashboard figures and its map of projects."""

from __future__ import annotations

from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint

from server.dashboard import services
from server.dashboard.schemas import DashboardSchema, MapSchema
from server.security import current_user, roles_required

blp = Blueprint("dashboard", __name__, url_prefix="/api/v1", description="看板与地图 Dashboard")
_DAY = {"type": "string", "format": "date"}
_BAD = {"400": {"description": "bad_period / bad_request"}}


@blp.route("/dashboard")
class Dashboard(MethodView):
    decorators = [roles_required("admin", "supervisor")]

    @blp.doc(
        parameters=[
            {"in": "query", "name": "year", "schema": {"type": "integer"}},
            {"in": "query", "name": "from", "schema": _DAY},
            {"in": "query", "name": "to", "schema": _DAY},
            {"in": "query", "name": "county", "schema": {"type": "integer"}},
        ],
        responses=_BAD,
    )
    @blp.response(200, DashboardSchema)
    def get(self):  # type: ignore[no-untyped-def]
        """The charts' figures for ``year`` (or ``from``–``to``; default: the newest year of
        the region's projects) in the user's region or ``county`` inside it."""
        return services.build_dashboard(services.parse_request(current_user(), request.args))


@blp.route("/map/projects")
class MapProjects(MethodView):
    decorators = [roles_required("admin", "supervisor")]

    @blp.doc(
        parameters=[
            {"in": "query", "name": "as_of", "schema": _DAY},
            {"in": "query", "name": "county", "schema": {"type": "integer"}},
            {"in": "query", "name": "year", "schema": {"type": "integer"}},
        ],
        responses=_BAD,
    )
    @blp.response(200, MapSchema)
    def get(self):  # type: ignore[no-untyped-def]
        """Projects of the batch year ``year`` (default: this year's batch when it has
        projects, else the latest) with coordinates in the user's region, coloured by schedule
        status on ``as_of`` (default today), with their open problems and the configured tiles."""
        return services.build_map(services.parse_map_request(current_user(), request.args))
