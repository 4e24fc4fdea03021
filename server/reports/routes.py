"""HTTP: the office's handling of deputies' reports (代表反映) — list, read, 受理, decline, 答复."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from core.orm import utcnow
from server.db import db
from server.reports import lifecycle, services
from server.reports.schemas import (
    AcceptSchema,
    DeclineSchema,
    ReplySchema,
    ReportDetailSchema,
    ReportListQuery,
    ReportListSchema,
)
from server.security import current_user, roles_required

blp = Blueprint("reports", __name__, url_prefix="/api/v1/reports", description="代表反映 Reports")
office_only = roles_required("admin", "supervisor")


@blp.route("")
class Reports(MethodView):
    decorators = [office_only]

    @blp.arguments(ReportListQuery, location="query")
    @blp.response(200, ReportListSchema)
    def get(self, args: dict):  # type: ignore[no-untyped-def]
        """The deputies' reports of the user's area, newest first (``?status=`` to filter),
        with their photos."""
        reports = services.list_reports(current_user(), args.get("status"))
        return {"items": reports, "photos": services.photos_by_report(reports)}


@blp.route("/<report_id>")
class ReportItem(MethodView):
    decorators = [office_only]

    @blp.response(200, ReportDetailSchema)
    def get(self, report_id: str):  # type: ignore[no-untyped-def]
        """One report with its photos and the problem made of it."""
        return services.get_report(current_user(), report_id)


@blp.route("/<report_id>/accept")
class ReportAccept(MethodView):
    decorators = [office_only]

    @blp.arguments(AcceptSchema)
    @blp.response(200, ReportDetailSchema)
    def post(self, args: dict, report_id: str):  # type: ignore[no-untyped-def]
        """受理: make a problem (发现) of the report, to be assigned (交办) like any other."""
        report = services.get_report(current_user(), report_id)
        with services.refusals_as_http():
            lifecycle.accept(db.session, current_user(), report, args, utcnow())
        db.session.commit()
        return report


@blp.route("/<report_id>/decline")
class ReportDecline(MethodView):
    decorators = [office_only]

    @blp.arguments(DeclineSchema)
    @blp.response(200, ReportDetailSchema)
    def post(self, args: dict, report_id: str):  # type: ignore[no-untyped-def]
        """不予受理, with the reason the deputy reads."""
        report = services.get_report(current_user(), report_id)
        with services.refusals_as_http():
            lifecycle.decline(db.session, current_user(), report, args["reason"])
        db.session.commit()
        return report


@blp.route("/<report_id>/reply")
class ReportReply(MethodView):
    decorators = [office_only]

    @blp.arguments(ReplySchema)
    @blp.response(200, ReportDetailSchema)
    def post(self, args: dict, report_id: str):  # type: ignore[no-untyped-def]
        """答复: tell the deputy what was done; they rate it on their phone."""
        report = services.get_report(current_user(), report_id)
        with services.refusals_as_http():
            lifecycle.reply(db.session, current_user(), report, args["text"])
        db.session.commit()
        return report
