"""HTTP: one's own notifications (every role; nobody sees another's)."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from server.db import db
from server.notifications import services
from server.notifications.schemas import (
    MarkReadResultSchema,
    MarkReadSchema,
    NotificationPageSchema,
    NotificationQuerySchema,
)
from server.security import current_user

blp = Blueprint(
    "notifications", __name__, url_prefix="/api/v1/notifications", description="通知 Notifications"
)


@blp.route("")
class Notifications(MethodView):
    @blp.arguments(NotificationQuerySchema, location="query")
    @blp.response(200, NotificationPageSchema)
    def get(self, args: dict):  # type: ignore[no-untyped-def]
        """My notifications, unread first, with the unread count (due reminders are written
        first, so they show without cron)."""
        return services.list_notifications(
            current_user(), args["page"], args["per_page"], args["unread"]
        )


@blp.route("/read")
class MarkRead(MethodView):
    @blp.arguments(MarkReadSchema)
    @blp.response(200, MarkReadResultSchema)
    def post(self, args: dict):  # type: ignore[no-untyped-def]
        """Mark some (``ids``) or all (``all: true``) of my notifications read."""
        user = current_user()
        updated = services.mark_read(user, args.get("ids"), bool(args.get("all")))
        db.session.commit()
        return {"updated": updated, "unread": services.unread_count(user)}
