"""HTTP: login, logout, the current user, and user administration (admin only)."""

from __future__ import annotations

import io

from flask import after_this_request, current_app, g, request, send_file, session
from flask.views import MethodView
from flask_smorest import Blueprint

from server.auth import bulk, devices, services, users
from server.auth.schemas import (
    AccountImportFileSchema,
    AccountImportQuerySchema,
    AccountImportSchema,
    CreatedUserSchema,
    DeviceListSchema,
    LoginSchema,
    OneTimePasswordSchema,
    PasswordChangeSchema,
    SessionSchema,
    UserCreateSchema,
    UserListSchema,
    UserSchema,
    UserUpdateSchema,
)
from server.config import phone_rules
from server.db import db
from server.errors import AppError
from server.security import SESSION_TOKEN_KEY, current_user, roles_required
from server.spreadsheets import XLSX_MIMETYPE

blp = Blueprint("auth", __name__, url_prefix="/api/v1", description="登录与账号 Accounts")


def _client_ip() -> str:
    """The client's address (real behind ``TRUSTED_PROXIES`` hops of proxy), as stored."""
    return (request.remote_addr or "unknown")[:64]


@blp.route("/auth/login")
class Login(MethodView):
    @blp.arguments(LoginSchema)
    @blp.response(200, SessionSchema)
    def post(self, args: dict) -> dict:
        """Log in with a username and password; sets the session cookie."""
        device = devices.known_device(args["username"])
        user = services.authenticate(args["username"], args["password"], _client_ip(), device)
        token, row = services.start_session(user, _client_ip(), request.user_agent.string)
        db.session.commit()
        after_this_request(lambda response: devices.remember_device(response, user.username))
        session.clear()
        session.permanent = True
        session[SESSION_TOKEN_KEY] = token
        g.user = user
        return {
            "user": user,
            "csrf_token": row.csrf_token,
            "rules": phone_rules(current_app.config),
        }


@blp.route("/auth/logout")
class Logout(MethodView):
    @blp.response(204)
    def post(self) -> None:
        """End this session."""
        token = session.pop(SESSION_TOKEN_KEY, None)
        if token:
            services.end_session(token)
            db.session.commit()
        session.clear()


@blp.route("/auth/me")
class Me(MethodView):
    @blp.response(200, SessionSchema)
    def get(self) -> dict:
        """The logged-in user and the CSRF token for unsafe requests."""
        return {
            "user": current_user(),
            "csrf_token": g.auth_session.csrf_token,
            "rules": phone_rules(current_app.config),
        }


@blp.route("/auth/password")
class Password(MethodView):
    @blp.arguments(PasswordChangeSchema)
    @blp.response(204)
    def post(self, args: dict) -> None:
        """Change one's own password (required after an administrator's reset); the other
        sessions end, this one goes on."""
        services.change_own_password(
            current_user(),
            args["current_password"],
            args["new_password"],
            session[SESSION_TOKEN_KEY],
        )
        db.session.commit()


@blp.route("/users")
class Users(MethodView):
    decorators = [roles_required("admin")]

    @blp.response(200, UserListSchema)
    def get(self) -> dict:
        """The accounts of the administrator's area (all for one without a region)."""
        return {"items": users.list_users(current_user())}

    @blp.arguments(UserCreateSchema)
    @blp.response(201, CreatedUserSchema)
    def post(self, args: dict):  # type: ignore[no-untyped-def]
        """Add an account; without ``password``, the answer's ``one_time_password`` (this once)
        is the user's until they choose their own at first login."""
        account = users.create_from_form(args, current_user())
        db.session.commit()
        return account


@blp.route("/users/import")
class AccountImport(MethodView):
    decorators = [roles_required("admin")]

    @blp.arguments(AccountImportQuerySchema, location="query")
    @blp.arguments(AccountImportFileSchema, location="files")
    @blp.response(200, AccountImportSchema)
    @blp.alt_response(422, schema=AccountImportSchema, description="有错误，未创建任何账号")
    def post(self, query: dict, files: dict):  # type: ignore[no-untyped-def]
        """Create accounts from an XLSX (the template's columns), each with a one-time password
        answered this once to print; ``?dry_run=1`` checks only; any row's error creates none."""
        upload = files.get("file")
        if upload is None or not upload.filename:
            raise AppError("validation_error", errors={"file": ["请选择要导入的文件（.xlsx）"]})
        outcome = bulk.import_accounts(upload.read(), current_user(), query["dry_run"])
        if not outcome.errors and not query["dry_run"]:
            db.session.commit()
        body = {"dry_run": query["dry_run"], "created": outcome.created, "errors": outcome.errors}
        return body, (422 if outcome.errors else 200)


@blp.route("/users/import-template")
class AccountImportTemplate(MethodView):
    decorators = [roles_required("admin")]

    @blp.response(200, description="XLSX template with Chinese headers")
    def get(self):  # type: ignore[no-untyped-def]
        """Download the accounts template (批量导入账号)."""
        return send_file(
            io.BytesIO(bulk.template()),
            mimetype=XLSX_MIMETYPE,
            as_attachment=True,
            download_name="账号导入模板.xlsx",
        )


@blp.route("/users/<int:user_id>")
class UserItem(MethodView):
    decorators = [roles_required("admin")]

    @blp.response(200, UserSchema)
    def get(self, user_id: int):  # type: ignore[no-untyped-def]
        """One account, with its last login (time and address)."""
        return users.get_user(user_id, current_user())

    @blp.arguments(UserUpdateSchema)
    @blp.response(200, UserSchema)
    def patch(self, args: dict, user_id: int):  # type: ignore[no-untyped-def]
        """Change an account: name, role, region, townships, unit, password, active."""
        acting = current_user()
        user = users.update_from_form(users.get_user(user_id, acting), args, acting=acting)
        db.session.commit()
        return user


@blp.route("/users/<int:user_id>/password-reset")
class PasswordReset(MethodView):
    decorators = [roles_required("admin")]

    @blp.response(200, OneTimePasswordSchema)
    def post(self, user_id: int) -> dict:
        """Give the account a one-time password (answered once, never stored in clear); the
        user is logged out and must choose a new password at next login."""
        acting = current_user()
        user = users.get_user(user_id, acting)
        password = users.reset(user, acting)
        db.session.commit()
        return {"username": user.username, "password": password}


@blp.route("/users/<int:user_id>/devices")
class Devices(MethodView):
    decorators = [roles_required("admin")]

    @blp.response(200, DeviceListSchema)
    def get(self, user_id: int) -> dict:
        """The app installs that synced as the account, and when each was last heard from."""
        return {"items": users.devices(users.get_user(user_id, current_user()))}
