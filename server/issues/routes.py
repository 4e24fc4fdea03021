"""HTTP: the problem ledger (问题台账) for the office, a unit's 整改清单, assignment slips."""

from __future__ import annotations

import io

from flask import current_app, request, send_file
from flask.views import MethodView
from flask_smorest import Blueprint

from server.db import db
from server.errors import AppError
from server.issues import services
from server.issues.schemas import (
    EventPageSchema,
    EventQuerySchema,
    ExtensionDecisionSchema,
    ExtensionRequestSchema,
    IssueDetailSchema,
    IssueListSchema,
    IssueQuerySchema,
    SlipSchema,
    TransitionSchema,
)
from server.security import current_user, roles_required

blp = Blueprint("issues", __name__, url_prefix="/api/v1", description="问题台账 Problems")
office_only = roles_required("admin", "supervisor")
office_or_unit = roles_required("admin", "supervisor", "unit")


@blp.route("/issues")
class Issues(MethodView):
    decorators = [office_only]

    @blp.arguments(IssueQuerySchema, location="query")
    @blp.response(200, IssueListSchema)
    def get(self, args: dict):  # type: ignore[no-untyped-def]
        """The problems of the user's area, soonest deadline first, with counts by state and
        deadline colour (绿 / 黄 / 红)."""
        return services.list_issues(current_user(), args)


@blp.route("/issues/mine")
class MyIssues(MethodView):
    decorators = [roles_required("unit")]

    @blp.arguments(IssueQuerySchema, location="query")
    @blp.response(200, IssueListSchema)
    def get(self, args: dict):  # type: ignore[no-untyped-def]
        """The unit's 整改清单: its problems with deadlines and colours."""
        return services.my_issues(current_user(), args)


@blp.route("/issues/<issue_id>")
class IssueItem(MethodView):
    decorators = [office_or_unit]

    @blp.response(200, IssueDetailSchema)
    def get(self, issue_id: str):  # type: ignore[no-untyped-def]
        """One problem with its events, slips, photos and the moves open to the user."""
        return services.detail(current_user(), issue_id)


@blp.route("/issues/<issue_id>/events")
class IssueEvents(MethodView):
    decorators = [office_or_unit]

    @blp.arguments(EventQuerySchema, location="query")
    @blp.response(200, EventPageSchema)
    def get(self, args: dict, issue_id: str):  # type: ignore[no-untyped-def]
        """Older history of the problem: up to ``limit`` events before event ``before``,
        oldest first; ``has_more`` while older ones remain (the page shows the latest)."""
        return services.events(current_user(), issue_id, args)


@blp.route("/issues/<issue_id>/transitions")
class IssueTransitions(MethodView):
    decorators = [office_or_unit]

    @blp.arguments(TransitionSchema)
    @blp.response(200, IssueDetailSchema)
    def post(self, args: dict, issue_id: str):  # type: ignore[no-untyped-def]
        """Move the problem (交办, 复核, 销号, back to 整改中, 不予处理, 重复, 退回 …) if it is
        still in ``expected_from``; 409 when it moved on, 422 when something is missing."""
        user = current_user()
        services.transition(user, issue_id, args)
        db.session.commit()
        return services.detail(user, issue_id)


@blp.route("/issues/<issue_id>/extensions")
class IssueExtensions(MethodView):
    decorators = [roles_required("unit")]

    @blp.arguments(ExtensionRequestSchema)
    @blp.response(201, IssueDetailSchema)
    def post(self, args: dict, issue_id: str):  # type: ignore[no-untyped-def]
        """The unit asks for a later deadline (延期), with a reason."""
        user = current_user()
        services.request_extension(user, issue_id, args)
        db.session.commit()
        return services.detail(user, issue_id)


@blp.route("/issues/<issue_id>/extensions/decision")
class IssueExtensionDecision(MethodView):
    decorators = [office_only]

    @blp.arguments(ExtensionDecisionSchema)
    @blp.response(200, IssueDetailSchema)
    def post(self, args: dict, issue_id: str):  # type: ignore[no-untyped-def]
        """Approve the waiting request (new deadline, by default the one asked for) or refuse
        it with a reason."""
        user = current_user()
        services.decide_extension(user, issue_id, args)
        db.session.commit()
        return services.detail(user, issue_id)


@blp.route("/slips/<int:slip_id>")
class Slip(MethodView):
    decorators = [office_or_unit]

    @blp.doc(
        parameters=[
            {"in": "query", "name": "format", "schema": {"type": "string", "enum": ["json", "pdf"]}}
        ],
        responses={"200": {"content": {"application/pdf": {}}}},
    )
    @blp.response(200, SlipSchema)
    def get(self, slip_id: int):  # type: ignore[no-untyped-def]
        """One assignment slip (交办单) as JSON, or ``format=pdf``: one A4 page to print."""
        slip = services.get_slip(current_user(), slip_id)
        kind = request.args.get("format", "json")
        if kind not in ("json", "pdf"):
            raise AppError("bad_format.json_or_pdf")
        if kind == "json":
            return slip
        from server.issues.slip_pdf import slip_pdf

        return send_file(
            io.BytesIO(slip_pdf(slip, current_app.config["TIMEZONE"])),
            mimetype="application/pdf",
            download_name=f"交办单-{slip.year}-{slip.number}.pdf",
        )
