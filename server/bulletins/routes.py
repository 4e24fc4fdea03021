"""HTTP: the bulletin (督查通报) of a period as JSON, XLSX or PDF, for the office, at
/api/v1/bulletins/figures; the old /api/v1/reports/bulletin redirects there for one release."""

from __future__ import annotations

import io
from urllib.parse import quote

from flask import redirect, request, send_file
from flask.views import MethodView
from flask_smorest import Blueprint

from server.bulletins import services
from server.bulletins.schemas import BulletinSchema
from server.security import current_user, roles_required
from server.spreadsheets import XLSX_MIMETYPE

# /api/v1 so that the figures sit under /bulletins and the old path under /reports
blp = Blueprint("bulletins", __name__, url_prefix="/api/v1", description="督查通报 Bulletins")
FIGURES_PATH = "/api/v1/bulletins/figures"
OFFICE = ("admin", "supervisor")
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
_MOVED = {
    "Location": {"description": "the new path, the query kept", "schema": {"type": "string"}},
    "Deprecation": {"schema": {"type": "string", "enum": ["true"]}},
    "Link": {"description": 'rel="successor-version"', "schema": {"type": "string"}},
}


# "figures" never matches /bulletins/<int:bulletin_id> (server/bulletins/publishing_routes.py)
@blp.route("/bulletins/figures")
class Bulletin(MethodView):
    decorators = [roles_required(*OFFICE)]

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


@blp.route("/reports/bulletin")
class OldBulletin(MethodView):
    decorators = [roles_required(*OFFICE)]  # as before: 401 without login, 403 other roles

    @blp.doc(
        deprecated=True,
        parameters=_QUERY,
        responses={"308": {"description": f"Moved to {FIGURES_PATH}", "headers": _MOVED}},
    )
    def get(self):  # type: ignore[no-untyped-def]
        """Moved: a 308 to /api/v1/bulletins/figures with the same query. Removed after the
        next release."""
        # as sent; only what a URL may not hold (a space, a raw byte) is escaped
        query = quote(request.query_string, safe="%&=+;,/?:@!$'()*")
        response = redirect(f"{FIGURES_PATH}?{query}" if query else FIGURES_PATH, 308)
        response.headers["Deprecation"] = "true"
        response.headers["Link"] = f'<{FIGURES_PATH}>; rel="successor-version"'
        return response
