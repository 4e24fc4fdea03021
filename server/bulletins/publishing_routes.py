"""HTTP: the office's bulletins — drafts, edits, publication (numbered, figures frozen), the
list, and one as JSON, PDF or XLSX."""

from __future__ import annotations

import io

from flask import send_file
from flask.views import MethodView
from flask_smorest import Blueprint

from server.bulletins import publishing
from server.bulletins.publishing_schemas import (
    BulletinDetailSchema,
    BulletinDraftSchema,
    BulletinEditSchema,
    BulletinFormatSchema,
    BulletinSummarySchema,
)
from server.security import current_user, roles_required
from server.spreadsheets import XLSX_MIMETYPE

blp = Blueprint(
    "published_bulletins",
    __name__,
    url_prefix="/api/v1/bulletins",
    description="督查通报 Published bulletins",
)
OFFICE = ("admin", "supervisor")


@blp.route("")
class Bulletins(MethodView):
    decorators = [roles_required(*OFFICE)]

    @blp.response(200, BulletinSummarySchema(many=True))
    def get(self):  # type: ignore[no-untyped-def]
        """The region's bulletins, newest first."""
        return publishing.list_bulletins(current_user())

    @blp.arguments(BulletinDraftSchema)
    @blp.response(201, BulletinSummarySchema)
    def post(self, data):  # type: ignore[no-untyped-def]
        """A draft for a period with the office's paragraphs."""
        return publishing.create_draft(current_user(), data)


@blp.route("/<int:bulletin_id>")
class OneBulletin(MethodView):
    decorators = [roles_required(*OFFICE)]

    @blp.arguments(BulletinFormatSchema, location="query")
    @blp.response(200, BulletinDetailSchema)
    @blp.alt_response(200, description="format=pdf or format=xlsx: the document")
    def get(self, args, bulletin_id: int):  # type: ignore[no-untyped-def]
        """The bulletin with its figures (frozen once published); ``format=pdf|xlsx``."""
        bulletin = publishing.get_bulletin(current_user(), bulletin_id)
        if args["format"] == "json":
            return bulletin
        document = publishing.document(bulletin)
        name = f"{bulletin.code or '督查通报（草稿）'}-{document['title']}"
        if args["format"] == "xlsx":
            from server.bulletins.xlsx import bulletin_xlsx

            data, mimetype = bulletin_xlsx(document), XLSX_MIMETYPE
        else:
            from server.bulletins.pdf import bulletin_pdf

            data, mimetype = bulletin_pdf(document), "application/pdf"
        return send_file(
            io.BytesIO(data),
            mimetype=mimetype,
            as_attachment=True,
            download_name=f"{name}.{args['format']}",
        )

    @blp.arguments(BulletinEditSchema)
    @blp.response(200, BulletinSummarySchema)
    def put(self, data, bulletin_id: int):  # type: ignore[no-untyped-def]
        """Edit a draft (409 once published)."""
        return publishing.update_draft(current_user(), bulletin_id, data)


@blp.route("/<int:bulletin_id>/publish")
class PublishBulletin(MethodView):
    decorators = [roles_required(*OFFICE)]

    @blp.response(200, BulletinDetailSchema)
    def post(self, bulletin_id: int):  # type: ignore[no-untyped-def]
        """Number the draft (督通〔年〕N号) and freeze its figures."""
        return publishing.publish(current_user(), bulletin_id)
