"""What a mutation's arguments must be before any effect runs, and what is kept of refused ones.

Checked before the database sees anything, so that a bad mutation is refused alone and the rest
of its batch applies: no NUL (PostgreSQL text cannot hold it) and no lone surrogate (no encoding
can), a bounded size, and dates a phone can have meant.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from typing import Any

from sync.errors import Rejected

MAX_ARGS_BYTES = 64 * 1024  # default of the SYNC_MAX_ARGS_BYTES setting
EXCERPT_BYTES = 2 * 1024  # what a refused mutation's record keeps of large args
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)  # a phone whose clock was reset says 1970
LATEST = datetime(2100, 1, 1, tzinfo=UTC)
_ID_SHAPE = re.compile(r"[0-9a-fA-F-]{8,36}")
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# the args that name the record a refusal is about (the phone marks that record refused)
_TARGET_KEYS = ("id", "inspection_id", "issue_id", "report_id", "owner_id", "project_id")


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def encoded_size(value: Any) -> int:
    """Bytes of ``value`` as compact UTF-8 JSON."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return len(text.encode("utf-8", "surrogatepass"))


def refuse_unstorable(name: Any, args: Any, max_bytes: int = MAX_ARGS_BYTES) -> None:
    """``Rejected`` for a mutation that could not even be stored: a NUL or a lone surrogate in
    its name or any string of its args (keys too), or args larger than ``max_bytes``."""
    try:
        strings = _strings(name) + _strings(args)
        size = encoded_size(args)
    except RecursionError as error:
        raise Rejected("invalid_args.too_deep") from error
    if any(_UNSTORABLE.search(s) for s in strings):
        raise Rejected("invalid_args.unstorable")
    if size > max_bytes:
        raise Rejected("args_too_large", size_kb=size // 1024, limit_kb=max_bytes // 1024)


def _date_problems(value: Any, path: str) -> list[str]:
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _date_problems(v, f"{path}{k}.")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _date_problems(v, f"{path}{i}.")]
    if isinstance(value, datetime):
        try:
            fine = EARLIEST <= value.astimezone(UTC) < LATEST
        except (OverflowError, ValueError):
            fine = False
        return [] if fine else [path.rstrip(".")]
    if isinstance(value, date):
        return [] if EARLIEST.date() <= value < LATEST.date() else [path.rstrip(".")]
    return []


def check_dates(args: Any) -> None:
    """``Rejected`` when a date or time in the validated args is outside 1970–2099."""
    problems = _date_problems(args, "")
    if problems:
        raise Rejected("invalid_args.dates", fields=", ".join(problems))


def is_record_id(value: Any) -> bool:
    """Whether ``value`` looks like a record id a create mutation proposes (a UUID)."""
    return isinstance(value, str) and _ID_SHAPE.fullmatch(value) is not None


def storable(value: Any) -> Any:
    """The same JSON with NUL and lone surrogates replaced by U+FFFD."""
    if isinstance(value, str):
        return _UNSTORABLE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {storable(k): storable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [storable(v) for v in value]
    return value


def excerpt(args: Any) -> Any:
    """What a refused mutation's record keeps of its args: all of them when small; else the
    ids naming its record and the first ``EXCERPT_BYTES`` of their JSON text."""
    try:
        kept = storable(args)
        size = encoded_size(kept)
    except RecursionError:
        return {"_excerpt": "", "_bytes": None}
    if size <= EXCERPT_BYTES:
        return kept
    text = json.dumps(kept, ensure_ascii=False, separators=(",", ":"))
    head = text.encode("utf-8")[:EXCERPT_BYTES].decode("utf-8", "ignore")
    targets = {
        key: kept[key]
        for key in _TARGET_KEYS
        if isinstance(kept, dict)
        and isinstance(kept.get(key), str | int)
        and len(str(kept[key])) <= 64
    }
    return {**targets, "_excerpt": head, "_bytes": size}
