"""Extensions and blueprint registration."""

from __future__ import annotations

from flask import Flask
from flask_migrate import Migrate
from flask_smorest import Api

from server.db import db

migrate = Migrate()
api = Api()


def init_app(app: Flask) -> None:
    from server import MIGRATIONS_DIR, models, sqlite  # noqa: F401  (register every model)

    sqlite.install()

    db.init_app(app)
    from server.notifications import events

    events.register()  # notifications derived from each flush (server/notifications/events.py)
    from server.audit import events as audit_events

    audit_events.register()  # the audit chain appended by each flush (server/audit/events.py)
    migrate.init_app(app, db, directory=MIGRATIONS_DIR, render_as_batch=True, compare_type=True)
    api.init_app(app)


def register_blueprints(app: Flask) -> None:
    from server.auth.routes import blp as auth_blp
    from server.bulletins.publishing_routes import blp as published_bulletins_blp
    from server.bulletins.routes import blp as bulletins_blp
    from server.dashboard.routes import blp as dashboard_blp
    from server.inspections.template_routes import blp as templates_blp
    from server.issues.routes import blp as issues_blp
    from server.lists.routes import blp as lists_blp
    from server.media.routes import blp as media_blp
    from server.media.upload_routes import blp as uploads_blp
    from server.notifications.routes import blp as notifications_blp
    from server.planning.routes import blp as planning_blp
    from server.projects.importing_routes import blp as import_blp
    from server.projects.routes import blp as projects_blp
    from server.regions.routes import blp as regions_blp
    from server.reports.routes import blp as reports_blp
    from server.review.routes import blp as review_blp
    from server.sync_api.routes import blp as sync_blp

    for blueprint in (
        auth_blp,
        regions_blp,
        import_blp,
        projects_blp,
        sync_blp,
        uploads_blp,
        media_blp,
        planning_blp,
        reports_blp,
        bulletins_blp,
        published_bulletins_blp,
        dashboard_blp,
        lists_blp,
        notifications_blp,
        review_blp,
        issues_blp,
        templates_blp,
    ):
        api.register_blueprint(blueprint)
