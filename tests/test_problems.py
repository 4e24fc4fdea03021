"""The error catalogue (core/problems.py): complete in both languages, and the only place error
texts are written; every key a raise site names is in it."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.problems import (
    NOUNS,
    PERIOD_DETAILS,
    PROBLEMS,
    Both,
    UnknownProblem,
    code_of,
    placeholders,
    render,
)
from server.errors import AppError
from sync.errors import Conflict, Rejected, SyncError, not_found

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [
    path
    for folder in ("server", "sync")
    for path in sorted((ROOT / folder).rglob("*.py"))
    if "migrations" not in path.parts
]
# what makes an error from a key of the catalogue (first argument)
MAKERS = {"AppError", "Rejected", "Conflict", "SyncError", "IngestError", "SampleError"}
MAKERS_BY_KEY = {"tus_error", "forbidden", "Refusal"}
NOT_PARAMS = {"status", "errors", "extra", "record", "retry_after"}
CJK = re.compile("[\u3400-\u9fff]")
KEY = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)?$")


def _name(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else None


def _calls() -> Iterator[tuple[str, ast.Call]]:
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and _name(node) in MAKERS | MAKERS_BY_KEY:
                yield f"{path.relative_to(ROOT)}:{node.lineno}", node


def _strings(node: ast.AST) -> Iterator[str]:
    for child in ast.walk(node):
        if isinstance(child, ast.Constant) and isinstance(child.value, str):
            yield child.value


def _keys(node: ast.expr) -> list[str]:
    """The catalogue keys a first argument can be (a literal, or either side of an if)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _keys(node.body) + _keys(node.orelse)
    return []


@pytest.mark.parametrize("key", sorted(PROBLEMS))
def test_every_entry_speaks_both_languages_with_the_same_placeholders(key: str) -> None:
    entry = PROBLEMS[key]
    assert entry.zh.strip() and entry.en.strip()
    assert CJK.search(entry.zh) and not CJK.search(entry.en)
    assert placeholders(entry.zh) == placeholders(entry.en)
    assert set(entry.defaults) <= placeholders(entry.zh)
    assert KEY.match(key)
    assert 400 <= entry.status < 600


@pytest.mark.parametrize("table", [NOUNS, PERIOD_DETAILS])
def test_the_words_messages_are_built_from_speak_both_languages(table: dict[str, Both]) -> None:
    for text in table.values():
        assert CJK.search(text.zh) and text.en.strip() and not CJK.search(text.en)
        assert placeholders(text.zh) == placeholders(text.en)


def test_no_error_is_written_inline_outside_the_catalogue() -> None:
    """Field errors (``errors={...}``) stay with their forms; messages come from the catalogue."""
    inline = []
    for where, call in _calls():
        parts: list[ast.AST] = [*call.args, *(k.value for k in call.keywords if k.arg != "errors")]
        if any(CJK.search(text) for part in parts for text in _strings(part)):
            inline.append(where)
    assert inline == []


def test_every_key_named_at_a_raise_site_is_in_the_catalogue() -> None:
    named = {(where, key) for where, call in _calls() if call.args for key in _keys(call.args[0])}
    assert len(named) > 100  # the scan sees the raise sites
    assert [(where, key) for where, key in named if key not in PROBLEMS] == []


def _params(call: ast.Call) -> set[str] | None:
    """The placeholders a raise site fills (None: it passes them on unseen, ``**params``)."""
    if any(k.arg is None for k in call.keywords):
        return None
    given = {k.arg for k in call.keywords if k.arg} - NOT_PARAMS
    for arg in call.args[1:]:
        if isinstance(arg, ast.Dict):  # Refusal(key, {"state": ...})
            given |= {k.value for k in arg.keys if isinstance(k, ast.Constant)}
    return given


def test_every_raise_site_fills_its_placeholders() -> None:
    missing = []
    for where, call in _calls():
        given = _params(call)
        for key in _keys(call.args[0]) if call.args and given is not None else []:
            entry = PROBLEMS[key]
            wanted = placeholders(entry.zh) - set(entry.defaults)
            if not wanted <= given:  # type: ignore[operator]
                missing.append((where, key, sorted(wanted - given)))  # type: ignore[operator]
    assert missing == []


def test_an_unknown_key_fails_when_the_error_is_made() -> None:
    for make in (AppError, Rejected, Conflict, SyncError):
        with pytest.raises(UnknownProblem):
            make("no_such_problem")
    with pytest.raises(KeyError):
        not_found("no_such_noun")


def test_a_missing_placeholder_fails_when_the_error_is_made() -> None:
    with pytest.raises(KeyError):
        Rejected("unknown_mutation")


def test_a_variant_keeps_its_code_and_takes_its_status() -> None:
    error = AppError("forbidden.new_inspection")
    assert (error.code, error.status, error.message_zh) == (
        "forbidden",
        403,
        "只有督查员可以新建检查",
    )


def test_nouns_and_labels_say_each_language_s_word() -> None:
    refusal = not_found("inspection")
    assert refusal.code == "not_found"
    assert refusal.message == "找不到该检查记录,可能已被删除或您无权查看"
    assert refusal.message_en == "Inspection not found"
    assert render("not_found", {}).zh == "找不到该内容,可能已被删除或您无权查看"


def test_values_are_inserted_as_given() -> None:
    """A name with braces is not read as a placeholder (nor does it break the message)."""
    error = AppError("bad_format", kind="{x}")
    assert error.message_zh == "不支持的格式「{x}」,可选 json、xlsx、pdf"


def test_a_sync_error_carries_the_catalogue_s_status() -> None:
    error = SyncError("busy_retry.sync", retry_after=3)
    assert (error.code, error.http_status, error.retry_after) == ("busy_retry", 503, 3)
    answer = AppError.of(error)
    assert (answer.status, answer.extra) == (503, {"retry_after": 3})


def test_codes_are_few_and_plain() -> None:
    assert all(KEY.match(code_of(key)) and "." not in code_of(key) for key in PROBLEMS)
