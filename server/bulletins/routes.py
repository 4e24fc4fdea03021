"""HTTP: the bulletin (督查通报) of a period as JSON, XLSX or PDF, for the office."""

from __future__ import annotations

import io

from flask import request, send_file
from flask.views import MethodView
from flask_smorest import Blueprint

from server.bulletins import services
from server.bulletins.schemas import BulletinSchema
from server.security import current_user, roles_required

blp = Blueprint(
    "bulletins", __name__, url_prefix="/api/v1/reports", description="督查通报 Bulletins"
)
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_QUERY = [
    {"in": "query", "name": "from", "schema": {"type": "string", "format": "date"}},
    {"in": "query", "name": "to", "schema": {"type": "string", "format": "date"}},
    {
        "in": "query",
        "name": "format",
        "schema": {"type": "string", "enum": ["json", "xlsx", "pdf"]},
    },
    {"in": "query", "name": "county", "schema": {"type": "integer"}},
    {"in": "query", "name": "number", "schema": {"type": "integer"}},
]
_FILES = {
    "200": {
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/Bulletin"}},
            XLSX_MIMETYPE: {},
            "application/pdf": {},
        }
    },
    "400": {"description": "bad_period / bad_format / bad_request"},
}


@blp.route("/bulletin")
class Bulletin(MethodView):
    decorators = [roles_required("admin", "supervisor")]

    @blp.doc(parameters=_QUERY, responses=_FILES)
    @blp.response(200, BulletinSchema)
    def get(self):  # type: ignore[no-untyped-def]
        """The figures of ``from``–``to`` (default: the year to date) for the user's region or
        ``county`` inside it; ``format=xlsx`` (one sheet per table) or ``format=pdf``."""
        wanted = services.parse_request(current_user(), request.args)
        bulletin = services.build_bulletin(wanted)
        if wanted.format == "json":
            return bulletin
        name = f"{bulletin['title']}-{wanted.period.last.isoformat()}"
        if wanted.format == "xlsx":
            from server.bulletins.xlsx import bulletin_xlsx

            data, mimetype, suffix = bulletin_xlsx(bulletin), XLSX_MIMETYPE, "xlsx"
        else:
            from server.bulletins.pdf import bulletin_pdf

            data, mimetype, suffix = bulletin_pdf(bulletin), "application/pdf", "pdf"
        return send_file(
            io.BytesIO(data),
            mimetype=mimetype,
            as_attachment=True,
            download_name=f"{name}.{suffix}",
        )
