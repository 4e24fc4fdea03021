"""Photos as pull sends them: visible where their owner (inspection, problem, report) is."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from marshmallow import fields
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from server.media.models import Photo
from server.media.schemas import PhotoRecordFields
from server.media.sharing import shared_scopes
from server.refs import location_of
from sync.changes import latest_scopes, log_changes
from sync.registry import RecordType, record_type, register_record_type
from sync.scope import Scope


class PhotoData(PhotoRecordFields):
    """The photo's fields (server/media/schemas.py) and where it was taken."""

    location = fields.Function(location_of)


_PHOTO = PhotoData()
# owners whose scope reads their project (loaded with them in one query)
_OWNERS_WITH_PROJECT = ("inspection", "issue")


def owner_record_type(photo: Photo) -> str:
    """The record type of the photo's owner (a problem event's photo belongs to the problem)."""
    return "issue" if photo.owner_type == "event" else photo.owner_type


def _scope_from_owner(photo: Photo, owner_scope: Scope | None) -> Scope:
    """A photo is visible where its owner is (its uploader's alone while the owner is unknown)."""
    if owner_scope is None:
        return Scope(owner_id=photo.uploaded_by_id)
    return Scope(
        owner_scope.region_path,
        owner_scope.township_id,
        owner_scope.unit_id,
        owner_scope.owner_id,
    )


def photo_scope(session: Session, photo: Photo) -> Scope:
    return photo_scopes(session, {photo.id: photo})[photo.id]


def photo_scopes(session: Session, photos: dict[str, Photo], lock: bool = True) -> dict[str, Scope]:
    """Each photo's scope, with one query per owner type (and per kind of sharing); ``lock``
    key-share locks the owners (a writer about to log the photos' change rows)."""
    owners = _owner_scopes(session, photos.values(), lock)
    scopes = {
        photo_id: _scope_from_owner(photo, owners.get((owner_record_type(photo), photo.owner_id)))
        for photo_id, photo in photos.items()
    }
    return shared_scopes(session, photos, scopes)


def _read_photo_scopes(session: Session, photos: dict[str, Photo]) -> dict[str, Scope]:
    """Pull's check: it writes no change row, so it locks no owner (a lock per owner per
    page would dirty the owners' rows for every phone taking a full copy)."""
    return photo_scopes(session, photos, lock=False)


def _owner_scopes(
    session: Session, photos: Iterable[Photo], lock: bool = True
) -> dict[tuple[str, str], Scope]:
    wanted: dict[str, set[str]] = {}
    for photo in photos:
        wanted.setdefault(owner_record_type(photo), set()).add(photo.owner_id)
    scopes: dict[tuple[str, str], Scope] = {}
    for owner_type, ids in wanted.items():
        kind = record_type(owner_type)
        model = kind.model
        options = [selectinload(model.project)] if owner_type in _OWNERS_WITH_PROJECT else []
        # lock the owners (PostgreSQL; SQLite has one writer): a transaction moving an owner to
        # another scope waits until this photo's change row is committed, then takes the photo
        # along (photos_follow), so no photo is left logged in its owner's old scope
        owners = select(model).where(model.id.in_(ids)).options(*options)
        if lock:
            owners = owners.with_for_update(key_share=True)
        for owner in session.scalars(owners):
            scopes[(owner_type, owner.id)] = kind.scope_of(session, owner)
    return scopes


def photos_follow(session: Session, owner_type: str, owner_ids: list[str]) -> None:
    """A record that moved scope takes its photos along (they are visible where it is)."""
    if not owner_ids:
        return
    owner_types = ("issue", "event") if owner_type == "issue" else (owner_type,)
    photos = list(
        session.scalars(
            select(Photo).where(Photo.owner_type.in_(owner_types), Photo.owner_id.in_(owner_ids))
        )
    )
    if photos:
        log_changes(session, "photo", photos)


def photos_rescoped(session: Session, photos: list[Photo]) -> None:
    """Tell pull about those of ``photos`` whose scope is no longer the one it last sent
    (a problem made of their report, a new unit): the others are as they were."""
    if not photos:
        return
    by_id = {photo.id: photo for photo in photos}
    now = photo_scopes(session, by_id)
    sent = latest_scopes(session, "photo", by_id)
    changed = [photo for photo_id, photo in by_id.items() if sent.get(photo_id) != now[photo_id]]
    if changed:
        log_changes(session, "photo", changed)


def report_photos(session: Session, report_ids: Iterable[str]) -> list[Photo]:
    """The photos deputies sent with these reports."""
    ids = list(report_ids)
    if not ids:
        return []
    return list(
        session.scalars(select(Photo).where(Photo.owner_type == "report", Photo.owner_id.in_(ids)))
    )


def serialize_photo(photo: Photo, user: Any) -> dict[str, Any]:
    data: dict[str, Any] = _PHOTO.dump(photo)
    if data.get("evidence"):
        from server.media.access import evidence_for  # names only the photos the reader sees

        data["evidence"] = evidence_for(user, data["evidence"])
    return data


PHOTOS = register_record_type(
    RecordType(
        name="photo",
        model=Photo,
        scope_of=photo_scope,
        serialize=serialize_photo,
        scopes_of=photo_scopes,
        read_scopes_of=_read_photo_scopes,
    )
)
