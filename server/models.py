"""Every model, imported once so SQLAlchemy and Alembic see the whole schema."""

from server.audit.models import AuditChainHead, AuditEntry
from server.auth.models import AuthSession, LoginAttempt, User, user_townships
from server.bulletins.models import Bulletin, BulletinCounter
from server.inspections.models import Answer, ChecklistItem, ChecklistTemplate, Inspection
from server.issues.models import AssignmentSlip, Issue, IssueEvent, SlipCounter
from server.media.models import Blob, Photo, Upload
from server.notifications.models import Notification
from server.planning.models import InspectionPlan, InspectionTask
from server.projects.models import ProgressReport, Project
from server.regions.models import Region, Series, Unit
from server.reports.models import DeputyReport
from sync.models import ChangeLog, MutationRecord, SyncClient

__all__ = [
    "Answer",
    "AssignmentSlip",
    "AuditChainHead",
    "AuditEntry",
    "AuthSession",
    "Blob",
    "Bulletin",
    "BulletinCounter",
    "ChangeLog",
    "ChecklistItem",
    "ChecklistTemplate",
    "DeputyReport",
    "Inspection",
    "InspectionPlan",
    "InspectionTask",
    "Issue",
    "IssueEvent",
    "LoginAttempt",
    "MutationRecord",
    "Notification",
    "Photo",
    "ProgressReport",
    "Project",
    "Region",
    "Series",
    "SlipCounter",
    "SyncClient",
    "Unit",
    "Upload",
    "User",
    "user_townships",
]
