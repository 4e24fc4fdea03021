"""Marshmallow schemas for accounts."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from server.auth.models import ROLES
from server.fields import RowId
from server.i18n import role_label
from server.regions.schemas import RegionRefSchema, UnitRefSchema
from server.text import Secret, Text


class LoginSchema(Schema):
    username = Text(required=True, validate=validate.Length(min=1, max=64))
    password = Secret(required=True, load_only=True, validate=validate.Length(min=1, max=256))


class UserSchema(Schema):
    id = fields.Integer()
    username = fields.String()
    display_name = fields.String()
    role = fields.String()
    role_label = fields.Function(lambda user: role_label(user.role))
    unit = fields.Nested(UnitRefSchema, allow_none=True)
    region = fields.Nested(RegionRefSchema, allow_none=True)
    townships = fields.List(fields.Nested(RegionRefSchema))
    active = fields.Boolean()
    locale = fields.String()
    # true after an administrator's reset: the app sends the user to change it first
    must_change_password = fields.Boolean()
    last_login_at = fields.DateTime(allow_none=True)
    last_login_ip = fields.String(allow_none=True)


class SessionSchema(Schema):
    user = fields.Nested(UserSchema)
    csrf_token = fields.String()
    # the thresholds the phone repeats (server.config.PHONE_RULES)
    rules = fields.Dict(keys=fields.String(), values=fields.Integer())


class UserListSchema(Schema):
    items = fields.List(fields.Nested(UserSchema))


class UserCreateSchema(Schema):
    username = fields.String(
        required=True,
        validate=validate.Regexp(
            r"^[A-Za-z0-9_.-]{2,64}$", error="用户名只能包含字母、数字和 _ . -,2–64 位"
        ),
    )
    display_name = Text(validate=validate.Length(min=1, max=100))
    # none: a one-time password, answered once, that the user must change at first login
    password = Secret(
        load_only=True,
        validate=validate.Length(min=8, max=256, error="密码至少 8 位"),
    )
    role = fields.String(required=True, validate=validate.OneOf(ROLES))
    unit_id = RowId(allow_none=True)
    region_id = RowId(allow_none=True)
    township_ids = fields.List(RowId(), load_default=list)
    locale = fields.String(validate=validate.OneOf(("zh-CN", "en")))


class CreatedUserSchema(UserSchema):
    """A new account; with the one-time password when none was given (answered this once)."""

    one_time_password = fields.String(allow_none=True)


class UserUpdateSchema(Schema):
    display_name = Text(validate=validate.Length(min=1, max=100))
    role = fields.String(validate=validate.OneOf(ROLES))
    password = Secret(
        load_only=True, validate=validate.Length(min=8, max=256, error="密码至少 8 位")
    )
    active = fields.Boolean()
    unit_id = RowId(allow_none=True)
    region_id = RowId(allow_none=True)
    township_ids = fields.List(RowId())
    locale = fields.String(validate=validate.OneOf(("zh-CN", "en")))


def _new_password(**kwargs: Any) -> Secret:
    return Secret(
        load_only=True,
        validate=validate.Length(min=8, max=256, error="密码至少 8 位"),
        **kwargs,
    )


class PasswordChangeSchema(Schema):
    """The user's own change: the current password, and the new one."""

    current_password = Secret(
        required=True, load_only=True, validate=validate.Length(min=1, max=256)
    )
    new_password = _new_password(required=True)


class OneTimePasswordSchema(Schema):
    """A password set by an administrator, shown once to be handed over."""

    username = fields.String()
    password = fields.String()


class DeviceSchema(Schema):
    """One install of the app that synced as the user (a ``sync_clients`` row)."""

    id = fields.String()
    created_at = fields.DateTime()
    last_push_at = fields.DateTime(allow_none=True)
    last_pull_at = fields.DateTime(allow_none=True)
    last_seen_at = fields.DateTime(allow_none=True)
    # the last change of the phone's queue the server applied (the phone numbers them 1, 2, …)
    last_mutation_id = fields.Integer()
    rejected = fields.Integer()


class DeviceListSchema(Schema):
    items = fields.List(fields.Nested(DeviceSchema))


class AccountImportQuerySchema(Schema):
    dry_run = fields.Boolean(load_default=False)


class AccountImportFileSchema(Schema):
    file = fields.Raw(metadata={"type": "string", "format": "binary"})


class ImportedAccountSchema(Schema):
    row = fields.Integer()
    username = fields.String()
    display_name = fields.String()
    role = fields.String()
    role_label = fields.Function(lambda account: role_label(account["role"]))
    # the one-time password (null in a dry run): answered this once, never stored in clear
    password = fields.String(allow_none=True)


class AccountRowErrorSchema(Schema):
    row = fields.Integer()
    column = fields.String(allow_none=True)
    message = fields.String()


class AccountImportSchema(Schema):
    dry_run = fields.Boolean()
    created = fields.List(fields.Nested(ImportedAccountSchema))
    errors = fields.List(fields.Nested(AccountRowErrorSchema))
