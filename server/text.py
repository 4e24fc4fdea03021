"""Text a person typed: refused at input when it holds what no one can see or store.

A control character (``\\x01`` from a phone keyboard, ``\\x0b`` pasted from Word) is invisible,
breaks the XLSX lists and cannot be edited away; a NUL cannot be stored by PostgreSQL and a lone
surrogate (``\\ud800``) cannot be encoded at all. ``Text`` is the marshmallow field for every
such input; ``text_problem`` is the same rule for callers without marshmallow (the ledger import).
"""

from __future__ import annotations

import re
from typing import Any

from marshmallow import ValidationError, fields

from core.problems import Both, render

_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LINE_BREAK = re.compile("[\n\r]")

CONTROL_MESSAGE = render("invalid_text.control", {})
SURROGATE_MESSAGE = render("invalid_text", {})  # as the whole body's 400
LINE_BREAK_MESSAGE = render("invalid_text.line_break", {})


def text_problem(text: str, multiline: bool = False) -> Both | None:
    """(Chinese, English) of what is wrong with ``text``, or None when it may be stored.

    Line breaks are allowed only in ``multiline`` text; a tab (typed or pasted) is whitespace
    anywhere, so a phone's title taken from a pasted description is never refused for one.
    """
    if _SURROGATE.search(text):
        return SURROGATE_MESSAGE
    if _CONTROL.search(text):
        return CONTROL_MESSAGE
    if not multiline and _LINE_BREAK.search(text):
        return LINE_BREAK_MESSAGE
    return None


def has_surrogate(value: Any) -> bool:
    """Whether any string in ``value`` (nested in dicts and lists, keys too) is unencodable."""
    if isinstance(value, str):
        return _SURROGATE.search(value) is not None
    if isinstance(value, dict):
        return any(has_surrogate(k) or has_surrogate(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(has_surrogate(v) for v in value)
    return False


def refusal(problem: Both) -> ValidationError:
    """The field error for ``problem``, in the request's language."""
    from server.i18n import pick  # imported late: sync/ loads this module without Flask

    return ValidationError(pick(*problem))


class Text(fields.String):
    """A string a person typed: no control characters, NUL or lone surrogates (tabs are fine);
    one line unless ``multiline``."""

    def __init__(self, *, multiline: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.multiline = multiline

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        text = super()._deserialize(value, attr, data, **kwargs)
        problem = text_problem(text, self.multiline)
        if problem is not None:
            raise refusal(problem)
        return text


class Secret(fields.String):
    """A password: anything goes but what cannot be encoded (a lone surrogate)."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        text = super()._deserialize(value, attr, data, **kwargs)
        if has_surrogate(text):
            raise refusal(SURROGATE_MESSAGE)
        return text
