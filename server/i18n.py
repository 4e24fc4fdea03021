"""The request's language and the few labels the server itself speaks."""

from __future__ import annotations

from flask import g, has_request_context, request

DEFAULT_LOCALE = "zh-CN"
SUPPORTED = ("zh-CN", "en")

LEVEL_LABELS = {
    "zh-CN": {"province": "省级", "city": "市级", "county": "县（区）级", "township": "乡镇级"},
    "en": {"province": "Provincial", "city": "City", "county": "County", "township": "Township"},
}
ROLE_LABELS = {
    "zh-CN": {
        "admin": "系统管理员",
        "supervisor": "督查室",
        "inspector": "督查员",
        "unit": "责任单位",
        "deputy": "人大代表",
    },
    "en": {
        "admin": "Administrator",
        "supervisor": "Supervision office",
        "inspector": "Inspector",
        "unit": "Responsible unit",
        "deputy": "People's Congress deputy",
    },
}


def current_locale() -> str:
    """zh-CN unless the user or the request asks for English."""
    if not has_request_context():
        return DEFAULT_LOCALE
    user = g.get("user")
    header = request.headers.get("Accept-Language", "")
    if header:
        first = header.split(",")[0].strip().lower()
        if first.startswith("en"):
            return "en"
        if first.startswith("zh"):
            return "zh-CN"
    if user is not None and user.locale in SUPPORTED:
        return user.locale
    return DEFAULT_LOCALE


def pick(zh: str, en: str) -> str:
    """The Chinese or the English text, by the request's language."""
    return en if current_locale() == "en" else zh


def level_label(code: str | None) -> str | None:
    return None if code is None else LEVEL_LABELS[current_locale()].get(code, code)


def role_label(code: str) -> str:
    return ROLE_LABELS[current_locale()].get(code, code)
