"""HTTP: has this user sent these bytes (``HEAD /blobs/<sha256>``), and photo files."""

from __future__ import annotations

from flask import Response, current_app, redirect, request
from flask.views import MethodView
from flask_smorest import Blueprint
from werkzeug.wsgi import wrap_file

from server.db import db
from server.errors import AppError
from server.media import tus
from server.media.access import can_view_photo
from server.media.models import Blob, Photo
from server.media.photos import holds
from server.media.schemas import AppErrorSchema
from server.media.storage import blob_key, derived_key, get_storage
from server.security import current_user

blp = Blueprint("media", __name__, url_prefix="/api/v1", description="照片 Photos and blobs")

VARIANTS = ("thumb", "display", "original")
IMMUTABLE = "private, max-age=31536000, immutable"


@blp.route("/blobs/<sha256>")
class BlobItem(MethodView):
    @blp.doc(
        summary="Has this user sent these bytes?",
        responses={"200": {"description": "Yes; Content-Length is the original's size"}},
    )
    @blp.alt_response(400, schema=AppErrorSchema, description="Not 64 hex digits")
    @blp.alt_response(404, schema=AppErrorSchema, description="Not sent by this user (upload it)")
    def head(self, sha256: str) -> Response:
        """200 when the blob is stored and this user sent it, 404 otherwise (whether someone else
        did is nobody's business): the phone uploads only what it has not sent yet."""
        if not tus.is_sha256(sha256):
            raise tus.tus_error("sha256_invalid")
        blob = db.session.get(Blob, sha256.lower())
        if blob is None or not holds(db.session, current_user().id, blob.sha256):
            raise AppError("not_found")
        response = Response(status=200, content_type=blob.content_type)
        response.headers["Content-Length"] = str(blob.size)
        response.set_etag(blob.sha256)
        return response


def _visible_photo(photo_id: str) -> tuple[Photo, Blob]:
    photo = db.session.get(Photo, photo_id)
    if photo is None or not can_view_photo(db.session, current_user(), photo):
        raise AppError("not_found")
    blob = db.session.get(Blob, photo.sha256) if photo.status == "ready" else None
    if blob is None:
        raise AppError("photo_pending")
    return photo, blob


@blp.route("/photos/<photo_id>/<variant>")
class PhotoFile(MethodView):
    @blp.doc(
        summary="A photo's bytes: thumb, display (JPEG) or original",
        responses={"200": {"description": "The image"}, "304": {"description": "Not modified"}},
    )
    @blp.alt_response(404, schema=AppErrorSchema, description="Unknown, not visible, or pending")
    def get(self, photo_id: str, variant: str) -> Response:
        """The image, cacheable for ever (its URL's bytes never change); with S3 storage a
        short-lived presigned redirect to the object store."""
        if variant not in VARIANTS:
            raise AppError("not_found")
        _photo, blob = _visible_photo(photo_id)
        etag = f"{blob.sha256}-{variant}"
        storage = get_storage()
        seconds = int(current_app.config.get("MEDIA_REDIRECT_SECONDS", 300))
        presign = getattr(storage, "presigned_get", None)
        if request.if_none_match.contains(etag):
            response = Response(status=304)
        elif presign is not None and seconds > 0:
            # the object store serves the bytes (as ODK Central does); the app only checked access
            key, mimetype = _key_of(blob, variant)
            response = redirect(presign(key, mimetype, seconds), code=302)
            response.headers["Cache-Control"] = f"private, max-age={max(seconds - 60, 0)}"
            return response
        else:
            if variant == "original":
                key, mimetype, size = blob_key(blob.sha256), blob.content_type, blob.size
            else:
                key, mimetype = derived_key(blob.sha256, variant), "image/jpeg"
                size = storage.size(key)
            response = Response(
                wrap_file(request.environ, storage.open(key)),
                mimetype=mimetype,
                direct_passthrough=True,
            )
            response.content_length = size
        response.set_etag(etag)
        response.headers["Cache-Control"] = IMMUTABLE
        return response


def _key_of(blob: Blob, variant: str) -> tuple[str, str]:
    if variant == "original":
        return blob_key(blob.sha256), blob.content_type
    return derived_key(blob.sha256, variant), "image/jpeg"
