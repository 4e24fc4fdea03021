"""HTTP: the lists a clerk prints (XLSX) and each project's inspection log (JSON or XLSX)."""

from __future__ import annotations

import io

from flask import send_file
from flask.views import MethodView
from flask_smorest import Blueprint

from server.db import db
from server.lists import log as project_logs
from server.lists import services, sheets
from server.lists.schemas import LogQuery, ProjectLogSchema, RectificationQuery
from server.projects.services import today
from server.regions.models import Unit
from server.security import current_user, roles_required
from server.spreadsheets import XLSX_MIMETYPE

blp = Blueprint("lists", __name__, url_prefix="/api/v1", description="清单 Lists and logs")
XLSX_DOC = {"responses": {"200": {"content": {XLSX_MIMETYPE: {}}}}}


def _xlsx(data: bytes, filename: str):  # type: ignore[no-untyped-def]
    return send_file(
        io.BytesIO(data), mimetype=XLSX_MIMETYPE, as_attachment=True, download_name=filename
    )


@blp.route("/lists/responsibility")
class ResponsibilityList(MethodView):
    decorators = [roles_required("admin", "supervisor")]

    @blp.doc(**XLSX_DOC)
    def get(self):  # type: ignore[no-untyped-def]
        """责任清单 (XLSX): each unit, its contact, and the problems it answers for."""
        day = today()
        data = sheets.responsibility_xlsx(services.duties(current_user()), day)
        return _xlsx(data, f"责任清单-{day.isoformat()}.xlsx")


@blp.route("/lists/rectification")
class RectificationList(MethodView):
    decorators = [roles_required("admin", "supervisor", "unit")]

    @blp.arguments(RectificationQuery, location="query")
    @blp.doc(**XLSX_DOC)
    def get(self, args: dict):  # type: ignore[no-untyped-def]
        """整改清单 (XLSX): problem → requirement → deadline → status; a unit gets its own."""
        user = current_user()
        issues = services.to_rectify(user, args.get("unit_id"))
        unit_id = user.unit_id if user.role == "unit" else args.get("unit_id")
        unit = db.session.get(Unit, unit_id) if unit_id else None
        day = today()
        data = sheets.rectification_xlsx(issues, day, unit.name if unit else None)
        name = f"整改清单-{unit.name + '-' if unit else ''}{day.isoformat()}.xlsx"
        return _xlsx(data, name)


@blp.route("/projects/<int:project_id>/log")
class ProjectLog(MethodView):
    decorators = [roles_required("admin", "supervisor")]

    @blp.arguments(LogQuery, location="query")
    @blp.response(200, ProjectLogSchema)
    @blp.doc(**XLSX_DOC)
    def get(self, args: dict, project_id: int):  # type: ignore[no-untyped-def]
        """The project's timeline: inspections, problems and their events, progress reports.
        ``?format=xlsx`` for the sheet."""
        log = project_logs.project_log(current_user(), project_id)
        if args["format"] == "xlsx":
            data = project_logs.log_xlsx(log, today())
            return _xlsx(data, f"督查日志-{log.project.code}.xlsx")
        return log
