"""What the server syncs: every domain's record types and mutations, plugged into the engine.

Importing this module registers them (``sync.registry``) and sets the audience rule; the app
factory imports it, so push and pull know every domain before the first request.
"""

from __future__ import annotations

from server import audience
from server.inspections import mutations as inspection_mutations
from server.inspections import records as inspection_records
from server.issues import mutations as issue_mutations
from server.issues import records as issue_records
from server.media import mutations as photo_mutations
from server.media import records as photo_records
from server.planning import records as task_records
from server.projects import records as project_records
from server.reports import mutations as report_mutations
from server.reports import records as report_records
from sync.registry import set_audience

set_audience(audience)

PLUGGED_IN = (
    inspection_mutations,
    inspection_records,
    issue_mutations,
    issue_records,
    photo_mutations,
    photo_records,
    task_records,
    project_records,
    report_mutations,
    report_records,
)
