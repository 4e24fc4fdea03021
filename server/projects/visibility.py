"""Which fields of a project record a role does not see: one rule for REST and sync.

Deputies (人大代表) see a project's public facts only: not who leads it or whom to phone, and not
who wrote its progress reports.
"""

from __future__ import annotations

from typing import Any

HIDDEN_FIELDS: dict[str, dict[str, frozenset[str]]] = {
    "project": {"deputy": frozenset({"lead_official", "contact_name", "contact_phone"})},
    "progress_report": {"deputy": frozenset({"author"})},
}


def hidden_fields(record: str, role: str | None) -> frozenset[str]:
    """The fields of ``record`` ("project", "progress_report") that ``role`` does not see."""
    return HIDDEN_FIELDS.get(record, {}).get(role or "", frozenset())


def without_hidden(record: str, role: str | None, data: dict[str, Any]) -> dict[str, Any]:
    """``data`` (a dumped record) without the fields ``role`` does not see."""
    for field in hidden_fields(record, role):
        data.pop(field, None)
    return data


def viewer_role() -> str | None:
    """The role of the user this request answers (None outside a logged-in request)."""
    from flask import g  # here, not at the top: sync/ reads the rule and must not load Flask

    user = g.get("user")
    return user.role if user is not None else None
