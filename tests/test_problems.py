"""The error catalogue (core/problems.py): complete in both languages, and the only place error
texts are written (the messages of codes that are not raised too: a ledger row's error, a photo's
evidence flag); every key a raise site names is in it."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.problems import (
    EVIDENCE_FLAGS,
    LEDGER_PLACES,
    LEDGER_ROWS,
    NOUNS,
    PERIOD_DETAILS,
    PROBLEMS,
    UNITS,
    Both,
    UnknownProblem,
    code_of,
    placeholders,
    render,
    say,
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
TABLES: dict[str, dict[str, Both]] = {
    "LEDGER_ROWS": LEDGER_ROWS,
    "LEDGER_PLACES": LEDGER_PLACES,
    "EVIDENCE_FLAGS": EVIDENCE_FLAGS,
    "UNITS": UNITS,
}
# what says a key of a table: name → (table, the key's argument, its prefix, the placeholders
# it fills itself); and ``say(TABLE, key)``
SAYERS = {
    "cell_problem": (LEDGER_ROWS, 0, "", set()),
    "file_error": (LEDGER_ROWS, 0, "", {"column"}),
    "_row_error": (LEDGER_ROWS, 2, "", set()),
    "_unreadable": (LEDGER_ROWS, 1, "unreadable_file.", {"filename"}),
    "_flag": (EVIDENCE_FLAGS, 0, "", set()),
}
# what only the Chinese says: a ledger column's other names (Chinese words)
CHINESE_ONLY = {"also"}
# an English sentence: two words of ASCII letters in a row (a code or a single word is not one)
SENTENCE = re.compile(r"[A-Za-z]+\s+[A-Za-z]+")
# modules whose strings are all the catalogue's (their docstrings may speak Chinese)
NO_CHINESE = [
    "server/text.py",
    "server/media/access.py",
    "server/media/evidence.py",
    "server/media/photos.py",
    "server/media/mutations.py",
    "server/projects/ledger/parse.py",
    "server/projects/ledger/reading.py",
]


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


@pytest.mark.parametrize(
    "table", [NOUNS, PERIOD_DETAILS, LEDGER_ROWS, LEDGER_PLACES, EVIDENCE_FLAGS, UNITS]
)
def test_the_words_messages_are_built_from_speak_both_languages(table: dict[str, Both]) -> None:
    for key, text in table.items():
        assert CJK.search(text.zh) and text.en.strip() and not CJK.search(text.en)
        assert placeholders(text.en) <= placeholders(text.zh)
        assert placeholders(text.zh) - placeholders(text.en) <= CHINESE_ONLY
        assert KEY.match(key)


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
    assert refusal.message == "找不到该检查记录，可能已被删除或您无权查看"
    assert refusal.message_en == "Inspection not found"
    assert render("not_found", {}).zh == "找不到该内容，可能已被删除或您无权查看"


def test_values_are_inserted_as_given() -> None:
    """A name with braces is not read as a placeholder (nor does it break the message)."""
    error = AppError("bad_format", kind="{x}")
    assert error.message_zh == "不支持的格式「{x}」，可选 json、xlsx、pdf"


def test_a_sync_error_carries_the_catalogue_s_status() -> None:
    error = SyncError("busy_retry.sync", retry_after=3)
    assert (error.code, error.http_status, error.retry_after) == ("busy_retry", 503, 3)
    answer = AppError.of(error)
    assert (answer.status, answer.extra) == (503, {"retry_after": 3})


def test_codes_are_few_and_plain() -> None:
    assert all(KEY.match(code_of(key)) and "." not in code_of(key) for key in PROBLEMS)


def _said() -> Iterator[tuple[str, dict[str, Both], str, set[str] | None]]:
    """Where a key of a table is said: (where, table, key, the placeholders filled there)."""
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            where, name = f"{path.relative_to(ROOT)}:{node.lineno}", _name(node)
            given = {k.arg for k in node.keywords if k.arg}
            if any(k.arg is None for k in node.keywords):
                given = None  # type: ignore[assignment]
            if name == "say" and len(node.args) > 1 and isinstance(node.args[0], ast.Name):
                if node.args[0].id in TABLES:
                    for key in _keys(node.args[1]):
                        yield where, TABLES[node.args[0].id], key, given
            elif name in SAYERS:
                table, index, prefix, itself = SAYERS[name]
                for key in _keys(node.args[index]) if len(node.args) > index else []:
                    yield where, table, prefix + key, None if given is None else given | itself


def test_every_key_said_is_in_its_table_with_its_placeholders_filled() -> None:
    said = list(_said())
    assert len(said) > 30  # the scan sees the ledger's and the flags' texts
    assert [(where, key) for where, table, key, _ in said if key not in table] == []
    unfilled = [
        (where, key)
        for where, table, key, given in said
        if key in table and given is not None and not placeholders(table[key].zh) <= given
    ]
    assert unfilled == []


def test_every_entry_of_the_tables_is_said() -> None:
    """An entry no code says is a leftover (a key said through a variable is named literally)."""
    said = {key for _, _, key, _ in _said()}
    literals = {text for path in SOURCES for text in _strings(ast.parse(path.read_text("utf-8")))}
    unused = [
        key
        for table in TABLES.values()
        for key in table
        if key not in said and key not in literals and key.partition(".")[2] not in literals
    ]
    assert unused == []


def _texts(node: ast.AST) -> Iterator[str]:
    """A literal's text, an f-string's without its values."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.JoinedStr):
        yield "".join(v.value for v in node.values if isinstance(v, ast.Constant))


def _pairs(node: ast.AST, where: str) -> Iterator[str]:
    """Tuples, lists, a call's arguments and a dict's values that put a Chinese text beside an
    English sentence. Not looked into: labels (``*_LABELS = ...``: a state's or a kind's name in
    both languages) and a form's field errors (``ValidationError(...)``)."""
    if isinstance(node, ast.Assign | ast.AnnAssign):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        if any(isinstance(t, ast.Name) and t.id.endswith("LABELS") for t in targets):
            return
    if isinstance(node, ast.Call) and _name(node) == "ValidationError":
        return
    siblings: list[ast.AST] = []
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        siblings = list(node.elts)
    elif isinstance(node, ast.Call):
        siblings = [*node.args, *(k.value for k in node.keywords)]
    elif isinstance(node, ast.Dict):
        siblings = [v for v in node.values if v is not None]
    texts = [text for sibling in siblings for text in _texts(sibling)]
    chinese = any(CJK.search(text) for text in texts)
    if chinese and any(SENTENCE.search(t) and not CJK.search(t) for t in texts):
        yield f"{where}:{getattr(node, 'lineno', 0)}"
    for child in ast.iter_child_nodes(node):
        yield from _pairs(child, where)


def test_no_message_pairs_chinese_with_english_outside_the_catalogue() -> None:
    """A code's message written as a (Chinese, English) pair belongs in core/problems.py."""
    found = []
    for path in SOURCES:
        where = str(path.relative_to(ROOT))
        if "demo" not in path.parts:
            found += _pairs(ast.parse(path.read_text(encoding="utf-8")), where)
    assert found == []


def test_the_check_sees_a_pair_but_not_a_label() -> None:
    pair = ast.parse('CellProblem("required", "不能为空", "must not be empty")')
    label = ast.parse(
        'STATE_LABELS = {"found": ("发现", "Found"), "closed": ("已销号", "Was closed")}'
    )
    field = ast.parse('raise ValidationError(pick("最多 5 字", "At most 5 characters"))')
    assert list(_pairs(pair, "x")) == ["x:1"]
    assert list(_pairs(label, "x")) == list(_pairs(field, "x")) == []


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the docstrings (a module's, a class's, a function's, an attribute's)."""
    found = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", [])
        for statement in body if isinstance(body, list) else []:
            if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
                found.add(id(statement.value))
    return found


@pytest.mark.parametrize("module", NO_CHINESE)
def test_a_module_whose_texts_are_the_catalogue_s_writes_no_chinese(module: str) -> None:
    tree = ast.parse((ROOT / module).read_text(encoding="utf-8"))
    docstrings = _docstrings(tree)
    chinese = [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and CJK.search(node.value)
    ]
    assert chinese == []


def test_a_table_s_unknown_key_fails_and_values_say_each_language_s_word() -> None:
    with pytest.raises(UnknownProblem):
        say(EVIDENCE_FLAGS, "no_such_flag")
    distance = say(UNITS, "km", n="12.3")
    assert say(EVIDENCE_FLAGS, "far_from_project", distance=distance) == (
        "拍摄地点距项目 12.3 公里",
        "Taken 12.3 km from the project",
    )
