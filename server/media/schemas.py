"""A photo's fields as the office's pages and the phones' copy send them, and the OpenAPI shapes
of the media endpoints: the error body, and the tus request headers.

tus speaks in headers with its own status codes (400, 409, 412, 413, 415, 460), so
``server.media.tus`` parses them; these descriptions only document them.
"""

from __future__ import annotations

from typing import Any

from marshmallow import INCLUDE, Schema, fields

from server.i18n import pick


class PhotoFields(Schema):
    """A photo: whether its bytes arrived (pending, ready), what it shows (its stage:
    server/media/stages.py) and when it was taken."""

    id = fields.String()
    status = fields.String()
    stage = fields.String()
    taken_at = fields.DateTime(allow_none=True)
    received_at = fields.DateTime()  # when the server got it (server/clock.py)
    clock_skew = fields.Boolean()  # taken_at was not trusted and is received_at


class PhotoFlagSchema(Schema):
    """An evidence flag of a photo (server/media/evidence.py) in the reader's language."""

    code = fields.String()
    severity = fields.String()  # warning · info
    message = fields.Function(lambda f: pick(f.get("message") or "", f.get("message_en") or ""))


def photo_flags(photo: Any) -> list[dict[str, Any]]:
    """The photo's evidence flags as ``PhotoFlagSchema`` dumps them (none while pending)."""
    flags = [f for f in (photo.evidence or {}).get("flags") or [] if isinstance(f, dict)]
    return PhotoFlagSchema(many=True).dump(flags)  # type: ignore[no-any-return]


class PhotoLinksSchema(PhotoFields):
    """A photo as an office page shows it, with the links to its sizes."""

    thumb_url = fields.Function(lambda p: f"/api/v1/photos/{p.id}/thumb")
    display_url = fields.Function(lambda p: f"/api/v1/photos/{p.id}/display")


class PhotoRecordFields(PhotoFields):
    """…and what the phones' copy (server/media/records.py) adds: the bytes' hash and size, the
    owner, the evidence checks."""

    sha256 = fields.String()
    size = fields.Integer()
    content_type = fields.String()
    owner_type = fields.String()
    owner_id = fields.String()
    evidence = fields.Raw(allow_none=True)
    version = fields.Integer()


class AppErrorSchema(Schema):
    """Every error: a machine-readable code and a message in the user's language."""

    class Meta:
        unknown = INCLUDE  # an error may say more (max_mb, retry_after)

    code = fields.String(required=True)
    message = fields.String(required=True)


_TUS_HEADERS: dict[str, tuple[str, bool, dict[str, Any]]] = {
    "Tus-Resumable": (
        "Protocol version, always 1.0.0",
        True,
        {"type": "string", "enum": ["1.0.0"]},
    ),
    "Upload-Length": ("Size of the whole file in bytes", True, {"type": "integer", "minimum": 1}),
    "Upload-Metadata": (
        "Comma-separated `key base64(value)`; `sha256` (hex) is required, "
        "`filename` and `filetype` are optional",
        True,
        {"type": "string"},
    ),
    "Upload-Offset": ("Where this chunk starts", True, {"type": "integer", "minimum": 0}),
    "Upload-Checksum": (
        "`sha1|md5|sha256 base64(digest)` of this chunk; a mismatch answers 460",
        False,
        {"type": "string"},
    ),
}


def tus_headers(*names: str) -> list[dict[str, Any]]:
    """OpenAPI header parameters for ``names``."""
    return [
        {
            "in": "header",
            "name": name,
            "description": _TUS_HEADERS[name][0],
            "required": _TUS_HEADERS[name][1],
            "schema": _TUS_HEADERS[name][2],
        }
        for name in names
    ]
