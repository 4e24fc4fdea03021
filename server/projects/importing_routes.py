"""HTTP: ledger import, its template, and export."""

from __future__ import annotations

import io

from flask import send_file
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from server.errors import AppError
from server.fields import RowId
from server.projects import exporting, importing
from server.projects.ledger import build_template
from server.projects.schemas import ProjectListQuerySchema
from server.projects.services import ProjectFilters
from server.security import current_user, roles_required

blp = Blueprint(
    "ledger", __name__, url_prefix="/api/v1/projects", description="台账导入导出 Import and export"
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ImportQuerySchema(Schema):
    dry_run = fields.Boolean(load_default=False)


#: a 422 lists the rows in error (ImportOutcome), or the form's fields in error (Error)
_ROWS_OR_FIELDS = {
    "oneOf": [
        {"$ref": "#/components/schemas/ImportOutcome"},
        {"$ref": "#/components/schemas/Error"},
    ]
}


class ImportFormSchema(Schema):
    county_id = RowId()
    report_date = fields.Date()
    # 年度: the batch the file's projects belong to, unless a 年度 column says so row by row
    year = fields.Integer(validate=validate.Range(min=2000, max=2100))


class ImportFileSchema(Schema):
    file = fields.Raw(metadata={"type": "string", "format": "binary"})


class ImportErrorSchema(Schema):
    row = fields.Integer()
    column = fields.String()
    code = fields.String()
    message = fields.String()


class ImportOutcomeSchema(Schema):
    created = fields.Integer()
    updated = fields.Integer()
    unchanged = fields.Integer()
    dry_run = fields.Boolean()
    errors = fields.List(fields.Nested(ImportErrorSchema))
    new_townships = fields.List(fields.String())
    new_villages = fields.List(fields.String())
    new_units = fields.List(fields.String())
    new_series = fields.List(fields.String())


def _xlsx(data: bytes, filename: str):  # type: ignore[no-untyped-def]
    return send_file(io.BytesIO(data), mimetype=XLSX, as_attachment=True, download_name=filename)


@blp.route("/import")
class Import(MethodView):
    decorators = [roles_required("admin", "supervisor")]

    @blp.arguments(ImportQuerySchema, location="query")
    @blp.arguments(ImportFormSchema, location="form")
    @blp.arguments(ImportFileSchema, location="files")
    @blp.response(200, ImportOutcomeSchema)
    @blp.alt_response(422, schema=_ROWS_OR_FIELDS, description="有错误，未导入任何数据")
    def post(self, query: dict, form: dict, files: dict):  # type: ignore[no-untyped-def]
        """Import a ledger (XLSX or CSV). ``?dry_run=1`` previews; any row error imports nothing."""
        upload = files.get("file")
        if upload is None or not upload.filename:
            raise AppError(
                "validation_error", errors={"file": ["请选择要导入的文件（.xlsx 或 .csv）"]}
            )
        user = current_user()
        county = importing.county_for_import(user, form.get("county_id"))
        outcome = importing.import_ledger(
            user,
            county,
            upload.read(),
            upload.filename,
            query["dry_run"],
            form.get("report_date"),
            form.get("year"),
        )
        return outcome, (422 if outcome.errors else 200)


@blp.route("/import-template")
class ImportTemplate(MethodView):
    decorators = [roles_required("admin", "supervisor")]

    @blp.response(200, description="XLSX template with Chinese headers")
    def get(self):  # type: ignore[no-untyped-def]
        """Download the ledger template."""
        return _xlsx(build_template(), "民生实事项目台账模板.xlsx")


@blp.route("/export")
class Export(MethodView):
    decorators = [roles_required("admin", "supervisor")]

    @blp.arguments(ProjectListQuerySchema, location="query")
    @blp.response(200, description="XLSX ledger")
    def get(self, args: dict):  # type: ignore[no-untyped-def]
        """The filtered ledger as XLSX."""
        data = exporting.export_projects(current_user(), ProjectFilters(**args))
        return _xlsx(data, "民生实事项目台账.xlsx")
