"""Chinese text uses full-width punctuation: no ASCII , : ; ( ) next to a Han character.

Scans every Simplified Chinese string of the PWA (pwa/src/i18n/zh*.ts) and every string literal
of the server (server/, core/problems.py): messages, notifications, sheet titles and headers,
PDF text; and every cell and JSON string of the demo's generated data (server/demo/data/), whose
project names, reasons and people's names users read. Comments and docstrings are not scanned (they are for programmers), nor are the
inputs the server only matches against (see EXCLUDED): a clerk's spreadsheet may say
"乡镇(街道)" and the importer folds full-width punctuation to ASCII before it compares.
"""

from __future__ import annotations

import csv
import io
import json
import re
import tokenize
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Han, CJK punctuation and full-width forms.
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
ASCII_NEXT_TO_HAN = re.compile(rf"[{_CJK}]\s?[,:;()]|[,:;()]\s?[{_CJK}]")

# Matched input, never shown as our text: header aliases, level and date spellings, row patterns
# of clerks' spreadsheets (folded to ASCII before matching), and the data that imports them.
EXCLUDED = (
    "server/projects/ledger/dates.py",
    "server/projects/ledger/headers.py",
    "server/projects/ledger/model.py",
    "server/projects/ledger/rows.py",
    "server/projects/ledger/values.py",
    "server/migrations/",
)
# The ledger's and the region import's column names: keys the importer matches a clerk's header
# against after folding full-width punctuation to ASCII (server/projects/ledger/text.py).
COLUMN_KEYS = {
    "乡镇(街道)",
    "村(社区)",
    "乡镇(街道)代码",
    "村(社区)代码",
    "计划投资(万元)",
    "下达资金(万元)",
    "完成投资(万元)",
    "形象进度(%)",
}
# String literals that are patterns, not text (a regex keeps its ASCII syntax).
_REGEX = re.compile(r"\(\?|\\[dsw]")


def _python_files() -> list[Path]:
    files = [*sorted((ROOT / "server").rglob("*.py")), ROOT / "core" / "problems.py"]
    return [f for f in files if not str(f.relative_to(ROOT)).startswith(EXCLUDED)]


def _python_strings(path: Path) -> list[tuple[int, str]]:
    """(line, literal) of every string token that is not a docstring."""
    found = []
    previous = tokenize.NEWLINE
    tokens = list(tokenize.generate_tokens(io.StringIO(path.read_text()).readline))
    for index, token in enumerate(tokens):
        if token.type == tokenize.STRING:
            after = next(
                (
                    t.type
                    for t in tokens[index + 1 :]
                    if t.type not in (tokenize.NL, tokenize.COMMENT)
                ),
                tokenize.ENDMARKER,
            )
            statement = previous in (tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT)
            if not (statement and after in (tokenize.NEWLINE, tokenize.ENDMARKER)):
                found.append((token.start[0], token.string))
        if token.type not in (tokenize.NL, tokenize.COMMENT):
            previous = token.type
    return found


_TS_STRING = re.compile(r"'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\]|\\.)*)`")


def _ts_strings(path: Path) -> list[tuple[int, str]]:
    found = []
    for number, line in enumerate(path.read_text().splitlines(), 1):
        code = line.split("//", 1)[0] if line.lstrip().startswith("//") else line
        if code.lstrip().startswith(("*", "/*")):
            continue
        for match in _TS_STRING.finditer(code):
            found.append((number, match.group(0)))
    return found


def offenders(strings: list[tuple[int, str]]) -> list[str]:
    return [
        f"{line}: {text[:120]}"
        for line, text in strings
        if ASCII_NEXT_TO_HAN.search(text)
        and not _REGEX.search(text)
        and text.strip("'\"`") not in COLUMN_KEYS
    ]


def test_the_check_finds_ascii_punctuation_next_to_han():
    assert offenders([(1, "'检查被退回,请更正后重新提交:'")])
    assert offenders([(1, "'县(区)级'")])
    assert offenders([(1, "'必填: '")])
    assert not offenders([(1, "'检查被退回，请更正后重新提交：'")])
    assert not offenders([(1, "'Inspection returned (see notes): fix it'")])


def test_docstrings_and_comments_are_not_scanned(tmp_path):
    source = tmp_path / "m.py"
    source.write_text('"""模块(说明)."""\n# 注释(说明)\nX = "正文(文字)"\n')
    assert [text for _, text in _python_strings(source)] == ['"正文(文字)"']


@pytest.mark.parametrize(
    "path",
    sorted((ROOT / "pwa" / "src" / "i18n").glob("zh*.ts")),
    ids=lambda p: p.name,
)
def test_pwa_chinese_strings_use_full_width_punctuation(path):
    assert offenders(_ts_strings(path)) == []


@pytest.mark.parametrize("path", _python_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_server_messages_use_full_width_punctuation(path):
    assert offenders(_python_strings(path)) == []


def _demo_data_strings(path: Path) -> list[tuple[int, str]]:
    """(row, cell) of a CSV (the ledger headers are COLUMN_KEYS), or (0, string) of a JSON file."""
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix == ".csv":
        return [(n, cell) for n, row in enumerate(csv.reader(io.StringIO(text)), 1) for cell in row]
    found: list[tuple[int, str]] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.append((0, value))
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(json.loads(text))
    return found


def test_demo_data_scan_reads_cells_not_separators(tmp_path):
    ledger = tmp_path / "ledger.csv"
    ledger.write_text("项目名称,乡镇(街道)\n东园镇,洛阳镇\n", encoding="utf-8-sig")
    assert offenders(_demo_data_strings(ledger)) == []
    ledger.write_text("项目名称\n新建老年食堂(助餐点)\n", encoding="utf-8-sig")
    assert offenders(_demo_data_strings(ledger))


@pytest.mark.parametrize(
    "path",
    sorted(
        f for f in (ROOT / "server" / "demo" / "data").rglob("*") if f.suffix in (".csv", ".json")
    ),
    ids=lambda p: str(p.relative_to(ROOT / "server" / "demo" / "data")),
)
def test_demo_data_uses_full_width_punctuation(path):
    assert offenders(_demo_data_strings(path)) == []
