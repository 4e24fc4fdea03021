"""Each table's row count and a checksum of its rows, so a restore can prove it is whole."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, MetaData, select


def _plain(value: Any) -> Any:
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


# columns that belong to the database cluster rather than to the record: a change row's
# transaction id is reset to 0 after a restore (sync.changes.forget_transaction_ids)
CLUSTER_COLUMNS = {("change_log", "xid")}


def table_checksums(connection: Connection) -> dict[str, dict[str, Any]]:
    """``{table: {"rows": n, "sha256": hex}}`` for every table, rows read in primary-key order."""
    metadata = MetaData()
    metadata.reflect(bind=connection)
    result: dict[str, dict[str, Any]] = {}
    for name in sorted(metadata.tables):
        table = metadata.tables[name]
        order = list(table.primary_key.columns) or list(table.columns)
        columns = [c for c in table.columns if (name, c.name) not in CLUSTER_COLUMNS]
        digest = hashlib.sha256()
        rows = 0
        for row in connection.execute(select(*columns).order_by(*order)):
            line = json.dumps(
                [_plain(v) for v in row], ensure_ascii=False, sort_keys=True, default=str
            )
            digest.update(line.encode())
            digest.update(b"\n")
            rows += 1
        result[name] = {"rows": rows, "sha256": digest.hexdigest()}
    return result


def compare_tables(
    expected: dict[str, dict[str, Any]], actual: dict[str, dict[str, Any]]
) -> list[str]:
    """What differs, one line per table (empty when equal)."""
    problems = []
    for name in sorted(set(expected) | set(actual)):
        want, have = expected.get(name), actual.get(name)
        if have is None:
            problems.append(f"表 {name} 缺失（table missing）")
        elif want is None:
            problems.append(f"表 {name} 不在备份中（table not in the backup）")
        elif want != have:
            problems.append(
                f"表 {name}：备份 {want['rows']} 行，现有 {have['rows']} 行，内容校验不一致"
                f"（rows {want['rows']} vs {have['rows']}, checksum differs）"
            )
    return problems
