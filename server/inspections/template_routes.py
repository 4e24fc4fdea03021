"""HTTP: the checklists the office designs (issue 13). The office (admin, supervisor) of a county
designs, publishes new versions, retires, imports and exports XLSForms; inspectors read. Another
county's templates are 404 (server/inspections/designer.py)."""

from __future__ import annotations

import io

from flask import jsonify, request, send_file
from flask.views import MethodView
from flask_smorest import Blueprint

from server.db import db
from server.errors import AppError
from server.inspections import designer
from server.inspections.template_schemas import (
    TemplateInSchema,
    TemplateListSchema,
    TemplateQuerySchema,
    TemplateSchema,
    XlsFormFileSchema,
    XlsFormFormSchema,
    XlsFormPreviewSchema,
    XlsFormQuerySchema,
)
from server.inspections.template_xlsform import MAX_XLSFORM_BYTES, import_xlsform, preview
from server.inspections.xlsform import export_xlsform
from server.security import current_user, roles_required
from server.spreadsheets import XLSX_MIMETYPE

blp = Blueprint(
    "templates", __name__, url_prefix="/api/v1", description="检查表 Checklist templates"
)

office_only = roles_required("admin", "supervisor")
_PREVIEW = XlsFormPreviewSchema()
readers = roles_required("admin", "supervisor", "inspector")


@blp.route("/templates")
class Templates(MethodView):
    @readers
    @blp.arguments(TemplateQuerySchema, location="query")
    @blp.response(200, TemplateListSchema)
    def get(self, args: dict) -> dict:
        """The checklists the user sees (the shipped ones and its county's); only those offered
        for new captures unless ``include_inactive=1``."""
        templates = designer.templates_for(
            db.session, current_user(), args.get("county_id"), args["include_inactive"]
        )
        return {"items": templates}

    @office_only
    @blp.arguments(TemplateInSchema)
    @blp.response(201, TemplateSchema)
    def post(self, args: dict):  # type: ignore[no-untyped-def]
        """Version 1 of a new checklist of the county, published at once."""
        template = designer.create(db.session, current_user(), args)
        db.session.commit()
        return template


@blp.route("/templates/<template_id>")
class TemplateItem(MethodView):
    @readers
    @blp.response(200, TemplateSchema)
    def get(self, template_id: str):  # type: ignore[no-untyped-def]
        """One version with its items (any version: old inspections show against theirs)."""
        return designer.template_of(db.session, current_user(), template_id)


@blp.route("/templates/<template_id>/versions")
class TemplateVersions(MethodView):
    @office_only
    @blp.arguments(TemplateInSchema)
    @blp.response(201, TemplateSchema)
    def post(self, args: dict, template_id: str):  # type: ignore[no-untyped-def]
        """Publish the next version (from the newest only, 409 otherwise): new items, new ids;
        the version before is no longer offered."""
        user = current_user()
        template = designer.template_of(db.session, user, template_id)
        new = designer.publish_version(db.session, user, template, args)
        db.session.commit()
        return new


@blp.route("/templates/<template_id>/retire")
class TemplateRetire(MethodView):
    @office_only
    @blp.response(200, TemplateSchema)
    def post(self, template_id: str):  # type: ignore[no-untyped-def]
        """No version of the checklist is offered any more; inspections made with it stay."""
        user = current_user()
        template = designer.template_of(db.session, user, template_id)
        designer.retire(db.session, user, template)
        db.session.commit()
        return template


@blp.route("/templates/import-xlsform")
class TemplateImport(MethodView):
    @office_only
    @blp.arguments(XlsFormQuerySchema, location="query")
    @blp.arguments(XlsFormFormSchema, location="form")
    @blp.arguments(XlsFormFileSchema, location="files")
    @blp.response(201, TemplateSchema)
    @blp.alt_response(200, schema=XlsFormPreviewSchema, description="dry_run: the mapped items")
    def post(self, query: dict, form: dict, files: dict):  # type: ignore[no-untyped-def]
        """A new checklist from an XLSForm (ODK / KoboToolbox), all or nothing: 422
        ``xlsform_refused`` lists every row that cannot be mapped. ``?dry_run=1`` previews."""
        if (request.content_length or 0) > MAX_XLSFORM_BYTES + 64 * 1024:
            raise AppError("upload_too_large.xlsform", mb=MAX_XLSFORM_BYTES // (1024 * 1024))
        upload = files.get("file")
        if upload is None or not upload.filename:
            raise AppError("validation_error", errors={"file": ["请选择 XLSForm 文件（.xlsx）"]})
        data = upload.read(MAX_XLSFORM_BYTES + 1)
        if len(data) > MAX_XLSFORM_BYTES:
            raise AppError("upload_too_large.xlsform", mb=MAX_XLSFORM_BYTES // (1024 * 1024))
        user = current_user()
        if query["dry_run"]:
            # a Response passes the 201 schema by (the preview is not a template)
            return jsonify(_PREVIEW.dump(preview(data, upload.filename)))
        template = import_xlsform(db.session, user, data, upload.filename, form)
        db.session.commit()
        return template, 201


@blp.route("/templates/<template_id>/xlsform")
class TemplateExport(MethodView):
    @readers
    @blp.response(200, description="The checklist as an XLSForm (.xlsx)")
    def get(self, template_id: str):  # type: ignore[no-untyped-def]
        """The version as an XLSForm, to take to ODK or KoboToolbox (and back)."""
        template = designer.template_of(db.session, current_user(), template_id)
        return send_file(
            io.BytesIO(export_xlsform(template)),
            mimetype=XLSX_MIMETYPE,
            as_attachment=True,
            download_name=f"{template.name}-v{template.version}.xlsx",
        )
