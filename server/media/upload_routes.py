"""HTTP: the tus 1.0.0 upload endpoint ``/api/v1/uploads/`` (core, creation, termination,
checksum, expiration).

Login is required like everywhere (the phone's session cookie), and POST / PATCH / DELETE carry
``X-CSRF-Token`` (tus-js-client: ``headers`` option). OPTIONS is answered for any logged-in user
and needs no ``Tus-Resumable``. Every response, errors included, says ``Tus-Resumable: 1.0.0``.
"""

from __future__ import annotations

from flask import Response, current_app, request, url_for
from flask.views import MethodView
from flask_smorest import Blueprint

from server.db import db
from server.media import tus, uploads
from server.media.models import Upload
from server.media.schemas import AppErrorSchema, tus_headers
from server.media.storage import get_staging, get_storage
from server.security import current_user

blp = Blueprint(
    "uploads",
    __name__,
    url_prefix="/api/v1/uploads",
    description="照片上传 Photo uploads (tus 1.0.0)",
)


@blp.before_request
def _require_tus_version() -> None:
    if request.method != "OPTIONS":
        tus.check_version(request.headers)


@blp.after_request
def _tus_resumable(response: Response) -> Response:
    response.headers["Tus-Resumable"] = tus.TUS_VERSION
    if response.status_code == 412:
        response.headers["Tus-Version"] = tus.TUS_VERSION
    return response


def _settings() -> uploads.UploadSettings:
    return uploads.UploadSettings.from_config(current_app.config)


def _state_headers(upload: Upload) -> dict[str, str]:
    headers = {"Upload-Offset": str(upload.offset), "Upload-Length": str(upload.length)}
    if upload.completed_at is None:
        headers["Upload-Expires"] = tus.http_date(upload.expires_at)
    return headers


@blp.route("/")
class Uploads(MethodView):
    @blp.doc(
        summary="Server capabilities (tus OPTIONS)",
        responses={"204": {"description": "Tus-Version, Tus-Extension, Tus-Max-Size, …"}},
    )
    def options(self) -> Response:
        """What this tus server supports."""
        return Response(status=204, headers=tus.options_headers(_settings().max_size))

    @blp.doc(
        parameters=tus_headers("Tus-Resumable", "Upload-Length", "Upload-Metadata"),
        responses={
            "201": {"description": "Created; Location is the upload's URL"},
            "200": {"description": "The server already has these bytes: Upload-Offset = length"},
        },
    )
    @blp.alt_response(400, schema=AppErrorSchema, description="sha256 missing or malformed")
    @blp.alt_response(413, schema=AppErrorSchema, description="Larger than Tus-Max-Size")
    def post(self) -> Response:
        """Create an upload. ``Upload-Metadata`` must carry ``sha256`` (hex); may carry
        ``filename`` and ``filetype``."""
        length = tus.parse_length(request.headers.get("Upload-Length"))
        metadata = tus.parse_metadata(request.headers.get("Upload-Metadata"))
        upload, deduplicated = uploads.create_upload(
            db.session, current_user(), length, metadata, _settings()
        )
        headers = {"Location": url_for("uploads.UploadItem", upload_id=upload.id)}
        headers.update(_state_headers(upload))
        if not deduplicated:
            del headers["Upload-Offset"], headers["Upload-Length"]
        return Response(status=200 if deduplicated else 201, headers=headers)


@blp.route("/<upload_id>")
class UploadItem(MethodView):
    @blp.doc(
        parameters=tus_headers("Tus-Resumable"),
        responses={"200": {"description": "Upload-Offset and Upload-Length"}},
    )
    @blp.alt_response(404, schema=AppErrorSchema, description="Unknown, or another user's")
    @blp.alt_response(410, schema=AppErrorSchema, description="Expired")
    def head(self, upload_id: str) -> Response:
        """How many bytes the server has (resume from there)."""
        upload = uploads.find_upload(db.session, get_staging(), current_user(), upload_id)
        headers = _state_headers(upload)
        if upload.upload_metadata:
            headers["Upload-Metadata"] = tus.encode_metadata(upload.upload_metadata)
        headers["Cache-Control"] = "no-store"
        return Response(status=200, headers=headers)

    @blp.doc(
        parameters=tus_headers("Tus-Resumable", "Upload-Offset", "Upload-Checksum"),
        responses={"204": {"description": "Accepted; Upload-Offset is the new offset"}},
    )
    @blp.alt_response(409, schema=AppErrorSchema, description="Upload-Offset mismatch")
    @blp.alt_response(413, schema=AppErrorSchema, description="More than Upload-Length")
    @blp.alt_response(422, schema=AppErrorSchema, description="Not a usable photo (ingest)")
    @blp.alt_response(460, schema=AppErrorSchema, description="Chunk checksum or SHA-256 mismatch")
    def patch(self, upload_id: str) -> Response:
        """Append bytes at ``Upload-Offset`` (``application/offset+octet-stream``). The last
        byte checks the whole file's SHA-256 and stores the photo."""
        uploads.find_upload(db.session, get_staging(), current_user(), upload_id)
        if request.mimetype != tus.OFFSET_CONTENT_TYPE:
            raise tus.tus_error("upload_content_type")
        offset = tus.parse_offset(request.headers.get("Upload-Offset"))
        checksum = tus.parse_checksum(request.headers.get("Upload-Checksum"))
        upload = uploads.receive_chunk(
            db.session,
            get_storage(),
            get_staging(),
            current_user(),
            upload_id,
            offset,
            checksum,
            request.stream,
            request.content_length,
            _settings(),
        )
        headers = _state_headers(upload)
        del headers["Upload-Length"]
        return Response(status=204, headers=headers)

    @blp.doc(parameters=tus_headers("Tus-Resumable"), responses={"204": {"description": "Gone"}})
    @blp.alt_response(404, schema=AppErrorSchema, description="Unknown, or another user's")
    def delete(self, upload_id: str) -> Response:
        """Terminate the upload: its staged bytes are removed (a stored photo stays)."""
        uploads.terminate_upload(db.session, get_staging(), current_user(), upload_id)
        return Response(status=204)
