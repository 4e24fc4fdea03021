"""``audit verify``: green on an untouched log; an edited, deleted, swapped or inserted row is
named (id, table, time) with exit 1."""

from __future__ import annotations

import pytest

from tests.audit.conftest import log_rows, sql
from tests.issues.conftest import in_days, move


@pytest.fixture
def ledger(cast, make_issue, as_user):  # type: ignore[no-untyped-def]
    """Two problems found and one assigned by the office: a few rows in the county's chain."""
    office = as_user(cast["office"])
    first, second = make_issue(), make_issue(title="路灯不亮")
    response = move(
        office,
        first.id,
        "found",
        "assigned",
        unit_id=cast["water"].id,
        deadline=in_days(10).isoformat(),
    )
    assert response.status_code == 200, response.get_json()
    assert move(office, second.id, "found", "rejected", reason="不属实").status_code == 200
    return log_rows()


def test_an_untouched_log_is_whole(ledger, verify, county) -> None:  # type: ignore[no-untyped-def]
    assert len(ledger) >= 6  # two projects created, two found, an assignment, a rejection
    assert {r["chain"] for r in ledger} == {county.id}
    assert [r["seq"] for r in ledger] == list(range(1, len(ledger) + 1))
    code, out = verify()
    assert (code, out.strip()) == (0, f"审计链完整：{len(ledger)} 条")
    code, out = verify("--county", county.name)
    assert (code, out.strip()) == (0, f"审计链完整：{len(ledger)} 条")


def _named(out: str, row) -> None:  # type: ignore[no-untyped-def]
    assert "审计链断裂" in out
    assert f"id {row['id']}" in out and f"表 {row['table_name']}" in out
    assert "时间 " in out


def test_an_edited_row_is_named(ledger, verify) -> None:  # type: ignore[no-untyped-def]
    target = next(r for r in ledger if '"reason":"不属实"' in r["data"])
    sql(
        "UPDATE audit_log SET data = :data WHERE id = :id",
        data=target["data"].replace("不属实", "已整改"),
        id=target["id"],
    )
    code, out = verify()
    assert code == 1
    _named(out, target)
    assert "被改动" in out


def test_a_deleted_row_is_named_by_the_row_after_it(ledger, verify) -> None:  # type: ignore[no-untyped-def]
    gone, after = ledger[2], ledger[3]
    sql("DELETE FROM audit_log WHERE id = :id", id=gone["id"])
    code, out = verify()
    assert code == 1
    _named(out, after)
    assert f"缺少第 {gone['seq']} 条" in out


def test_the_last_row_deleted_is_seen_at_the_head(ledger, verify) -> None:  # type: ignore[no-untyped-def]
    sql("DELETE FROM audit_log WHERE id = :id", id=ledger[-1]["id"])
    code, out = verify()
    assert code == 1
    _named(out, ledger[-2])
    assert f"缺少第 {ledger[-1]['seq']}" in out


def test_two_swapped_rows_are_named(ledger, verify) -> None:  # type: ignore[no-untyped-def]
    a, b = ledger[1], ledger[2]
    sql("UPDATE audit_log SET seq = -1 WHERE id = :id", id=a["id"])
    sql("UPDATE audit_log SET seq = :seq WHERE id = :id", seq=a["seq"], id=b["id"])
    sql("UPDATE audit_log SET seq = :seq WHERE id = :id", seq=b["seq"], id=a["id"])
    code, out = verify()
    assert code == 1
    _named(out, b)  # now the first of the two in the chain's order


def test_an_inserted_row_is_named(ledger, verify) -> None:  # type: ignore[no-untyped-def]
    # a forged row in the middle: the rows after it shifted up by one, its hashes well formed
    middle = ledger[2]
    for row in reversed(ledger[2:]):
        sql("UPDATE audit_log SET seq = seq + 1 WHERE id = :id", id=row["id"])
    forged = sql(
        "INSERT INTO audit_log (chain, seq, table_name, record_id, action, actor_id, at, data,"
        " prev_hash, hash) VALUES (:chain, :seq, 'issue_events', '999', 'transition', NULL,"
        " :at, '{}', :prev, :hash) RETURNING id AS id",
        chain=middle["chain"],
        seq=middle["seq"],
        at=middle["at"],
        prev=ledger[1]["hash"],
        hash="f" * 64,
    )[0]["id"]
    code, out = verify()
    assert code == 1
    assert f"id {forged}" in out and "表 issue_events" in out


def test_a_row_added_past_the_head_is_seen(ledger, verify) -> None:  # type: ignore[no-untyped-def]
    last = ledger[-1]
    sql(
        "INSERT INTO audit_log (chain, seq, table_name, record_id, action, actor_id, at, data,"
        " prev_hash, hash) VALUES (:chain, :seq, 'issue_events', '999', 'comment', NULL,"
        " :at, '{}', :prev, :hash)",
        chain=last["chain"],
        seq=last["seq"] + 1,
        at=last["at"],
        prev=last["hash"],
        hash="e" * 64,
    )
    code, out = verify()
    assert code == 1 and "审计链断裂" in out


def test_an_unknown_county_is_exit_2(verify) -> None:  # type: ignore[no-untyped-def]
    code, out = verify("--county", "没有这个县")
    assert code == 2 and "没有名为" in out


# --- the ledger's own rows: problem events held against their audit rows -----------------


def _events() -> list:  # type: ignore[type-arg]
    return sql("SELECT id, reason, at FROM issue_events ORDER BY id")


def _audit_of(event_id: int):  # type: ignore[no-untyped-def]
    rows = [r for r in log_rows() if r["table_name"] == "issue_events"]
    return next(r for r in rows if r["record_id"] == str(event_id))


def test_an_events_reason_changed_by_sql_is_named(ledger, verify) -> None:  # type: ignore[no-untyped-def]
    rejected = next(e for e in _events() if e["reason"] == "不属实")
    sql("UPDATE issue_events SET reason = '已核实' WHERE id = :id", id=rejected["id"])
    code, out = verify()
    assert code == 1
    _named(out, _audit_of(rejected["id"]))
    assert f"问题事件 {rejected['id']} 与审计记录不符" in out


def test_a_deleted_event_is_named(ledger, verify) -> None:  # type: ignore[no-untyped-def]
    gone = _events()[1]
    row = _audit_of(gone["id"])
    sql("DELETE FROM issue_events WHERE id = :id", id=gone["id"])
    code, out = verify()
    assert code == 1
    _named(out, row)
    assert f"问题事件 {gone['id']} 已被删除" in out


def test_two_events_swapped_in_time_are_named(ledger, verify) -> None:  # type: ignore[no-untyped-def]
    first, second = _events()[:2]
    sql("UPDATE issue_events SET at = :at WHERE id = :id", at=second["at"], id=first["id"])
    sql("UPDATE issue_events SET at = :at WHERE id = :id", at=first["at"], id=second["id"])
    code, out = verify()
    assert code == 1
    _named(out, _audit_of(first["id"]))


def test_an_event_inserted_by_sql_is_named(ledger, verify, cast) -> None:  # type: ignore[no-untyped-def]
    issue_id = sql("SELECT issue_id FROM issue_events ORDER BY id LIMIT 1")[0]["issue_id"]
    forged = sql(
        "INSERT INTO issue_events (issue_id, kind, actor_id, at, reason, received_at)"
        " VALUES (:issue, 'comment', :actor, :at, '补记', :at) RETURNING id AS id",
        issue=issue_id,
        actor=cast["office"].id,
        at=_events()[-1]["at"],
    )[0]["id"]
    code, out = verify()
    assert code == 1
    assert f"id {forged}" in out and "表 issue_events" in out and "不在审计链中" in out
