"""HTTP: login, logout, the current user, and user administration (admin only)."""

from __future__ import annotations

from flask import after_this_request, current_app, g, request, session
from flask.views import MethodView
from flask_smorest import Blueprint

from server.auth import devices, services, users
from server.auth.schemas import (
    LoginSchema,
    SessionSchema,
    UserCreateSchema,
    UserListSchema,
    UserSchema,
    UserUpdateSchema,
)
from server.config import phone_rules
from server.db import db
from server.security import SESSION_TOKEN_KEY, current_user, roles_required

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


@blp.route("/users")
class Users(MethodView):
    decorators = [roles_required("admin")]

    @blp.response(200, UserListSchema)
    def get(self) -> dict:
        """All accounts."""
        return {"items": users.list_users()}

    @blp.arguments(UserCreateSchema)
    @blp.response(201, UserSchema)
    def post(self, args: dict):  # type: ignore[no-untyped-def]
        """Add an account."""
        user = users.create_from_form(args)
        db.session.commit()
        return user


@blp.route("/users/<int:user_id>")
class UserItem(MethodView):
    decorators = [roles_required("admin")]

    @blp.response(200, UserSchema)
    def get(self, user_id: int):  # type: ignore[no-untyped-def]
        """One account."""
        return users.get_user(user_id)

    @blp.arguments(UserUpdateSchema)
    @blp.response(200, UserSchema)
    def patch(self, args: dict, user_id: int):  # type: ignore[no-untyped-def]
        """Change an account: name, password, unit, townships, active."""
        user = users.update_from_form(users.get_user(user_id), args, acting=current_user())
        db.session.commit()
        return user
