"""HTTP: the office's review queue of submitted inspections; approve, or return with a reason."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from server.db import db
from server.review import services
from server.review.schemas import (
    ApproveSchema,
    ReturnSchema,
    ReviewItemSchema,
    ReviewListSchema,
    ReviewQuerySchema,
)
from server.security import current_user, roles_required

blp = Blueprint("review", __name__, url_prefix="/api/v1", description="审核 Review")
office_only = roles_required("admin", "supervisor")


@blp.route("/review/inspections")
class ReviewQueue(MethodView):
    decorators = [office_only]

    @blp.arguments(ReviewQuerySchema, location="query")
    @blp.response(200, ReviewListSchema)
    def get(self, args: dict):  # type: ignore[no-untyped-def]
        """Submitted inspections awaiting review: urgent first, then newest."""
        items = services.review_queue(current_user(), args)
        return {"items": items, "total": len(items)}


@blp.route("/review/inspections/<inspection_id>")
class ReviewItem(MethodView):
    decorators = [office_only]

    @blp.response(200, ReviewItemSchema)
    def get(self, inspection_id: str):  # type: ignore[no-untyped-def]
        """One inspection of the user's area with photos, flags, answers and problems."""
        return services.get_entry(current_user(), inspection_id)


@blp.route("/review/inspections/<inspection_id>/approve")
class Approve(MethodView):
    decorators = [office_only]

    @blp.arguments(ApproveSchema)
    @blp.response(200, ReviewItemSchema)
    def post(self, args: dict, inspection_id: str):  # type: ignore[no-untyped-def]
        """Approve a submitted inspection (409 when it is not, or no longer, submitted)."""
        entry = services.decide(current_user(), inspection_id, "approve", args.get("review_note"))
        db.session.commit()
        return entry


@blp.route("/review/inspections/<inspection_id>/return")
class Return(MethodView):
    decorators = [office_only]

    @blp.arguments(ReturnSchema)
    @blp.response(200, ReviewItemSchema)
    def post(self, args: dict, inspection_id: str):  # type: ignore[no-untyped-def]
        """Return a submitted inspection to its inspector with a reason, to be corrected."""
        note = args["review_note"].strip()
        entry = services.decide(current_user(), inspection_id, "return", note)
        db.session.commit()
        return entry
