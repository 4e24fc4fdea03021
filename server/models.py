"""Every model, imported once so SQLAlchemy and Alembic see the whole schema."""

from server.auth.models import AuthSession, LoginAttempt, User, user_townships
from server.projects.models import ProgressReport, Project
from server.regions.models import Region, Series, Unit

__all__ = [
    "AuthSession",
    "LoginAttempt",
    "ProgressReport",
    "Project",
    "Region",
    "Series",
    "Unit",
    "User",
    "user_townships",
]
