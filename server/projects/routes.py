"""HTTP: the project ledger."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from server.db import db
from server.projects import services
from server.projects.schemas import (
    AsOfQuerySchema,
    FacetsSchema,
    ProgressReportCreateSchema,
    ProgressReportSchema,
    ProjectDetailSchema,
    ProjectListQuerySchema,
    ProjectPageSchema,
)
from server.security import current_user

blp = Blueprint("projects", __name__, url_prefix="/api/v1/projects", description="项目台账 Ledger")


@blp.route("")
class Projects(MethodView):
    @blp.arguments(ProjectListQuerySchema, location="query")
    @blp.response(200, ProjectPageSchema)
    def get(self, args: dict):  # type: ignore[no-untyped-def]
        """Projects in the user's scope with their schedule status as of a day (default today)."""
        return services.list_projects(current_user(), services.ProjectFilters(**args))


@blp.route("/facets")
class Facets(MethodView):
    @blp.response(200, FacetsSchema)
    def get(self):  # type: ignore[no-untyped-def]
        """Values for the list's filters."""
        return services.facets(current_user())


@blp.route("/<int:project_id>")
class ProjectItem(MethodView):
    @blp.arguments(AsOfQuerySchema, location="query")
    @blp.response(200, ProjectDetailSchema)
    def get(self, args: dict, project_id: int):  # type: ignore[no-untyped-def]
        """One project with its progress history."""
        user = current_user()
        project = services.get_visible_project(user, project_id)
        return services.project_view(user, project, args.get("as_of"))


@blp.route("/<int:project_id>/progress-reports")
class ProgressReports(MethodView):
    @blp.arguments(ProgressReportCreateSchema)
    @blp.response(201, ProgressReportSchema)
    def post(self, args: dict, project_id: int):  # type: ignore[no-untyped-def]
        """Record a progress report (月报)."""
        user = current_user()
        project = services.get_visible_project(user, project_id)
        report = services.add_progress_report(user, project, args)
        db.session.commit()
        return report
