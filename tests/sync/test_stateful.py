"""Sync v1 as a state machine: phones that crash, a network that loses and doubles messages.

Hypothesis drives five simulated phones (a supervisor, two inspectors, a responsible unit, a
deputy) against the real push/pull endpoints. A phone's *storage* survives a crash: its client id,
its outbox (mutation ids 1, 2, 3 …), its cookie, its copy of the records, the photo bytes the
server may not have yet, and what it created. Its *memory* does not: the login, the last
``last_mutation_id`` it heard, a pull whose pages have not all arrived. Mutations only ever go into
the outbox; a push sends any slice of it through ``tests/sync/faults.py`` (request lost, answer
lost, request doubled); a pull commits its pages to storage once the last one arrives; an upload
hands bytes to ``blob_arrived``. The office also answers deputies and the admin moves an inspector
between townships (a scope change), both on the server.

Invariants:
1. replaying an acknowledged batch answers ``duplicate`` throughout and changes nothing (a
   fingerprint of the database is unchanged); a push answers exactly the ids the protocol says;
2. the ``last_mutation_id`` a phone hears never goes down (and never passes what it queued);
3. every mutation up to the server's ``last_mutation_id`` was applied (its effect is in the
   database) or has a ``MutationRecord`` (rejected, or a conflict with its conflict event),
   deliberately invalid ones always rejected; nothing beyond it took effect; no ``server_error``;
4. after a final drain over a perfect network, each phone's copy equals a fresh full copy for the
   same user and holds exactly what the user may see now (``server.audience.can_see`` over
   ``scope_of`` of every current record, serialised as pull would); every rejection reached its
   phone;
5. once every blob is uploaded no photo is pending, and every copy shows its photos ready.

Profiles: ``dev`` (default) and ``ci`` (``CI=true``). A failure prints the steps and a
``@reproduce_failure`` blob.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import delete, func, select

from server.audience import can_see
from server.auth.models import User
from server.auth.services import create_user
from server.db import Base, db
from server.inspections.models import INSPECTION_KINDS, Answer, Inspection
from server.inspections.templates import ensure_default_templates
from server.issues.machine import allowed_targets
from server.issues.models import SEVERITIES, Issue, IssueEvent
from server.media.models import Blob, Photo
from server.media.photos import blob_arrived
from server.projects.models import Project
from server.regions.models import Region, Unit
from server.regions.services import create_region
from server.reports.models import REPORT_RATINGS, DeputyReport
from sync.changes import log_change, scope_of
from sync.models import ChangeLog, MutationRecord, SyncClient
from sync.registry import RECORD_TYPES, REGISTRY
from tests.conftest import PASSWORD
from tests.sync.conftest import NOW, Phone
from tests.sync.faults import Fault, FaultyTransport, deliver, rebatch

_COMMON: dict[str, Any] = {
    "deadline": None,
    "derandomize": False,
    "print_blob": True,
    "report_multiple_bugs": False,
    "suppress_health_check": [
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        HealthCheck.data_too_large,
    ],
}
settings.register_profile("dev", max_examples=15, stateful_step_count=25, **_COMMON)
settings.register_profile("ci", max_examples=60, stateful_step_count=40, **_COMMON)
PROFILE = "ci" if os.environ.get("CI") == "true" else "dev"

PUSH, PULL = "/api/v1/sync/push", "/api/v1/sync/pull"
PHONES = {
    "office": "supervisor",
    "east": "inspector",
    "west": "inspector",
    "unit": "unit",
    "deputy": "deputy",
}
INSPECTING = ["office", "east", "west"]
ACTING_ON_ISSUES = ["office", "east", "west", "unit"]
FORWARD = {"assigned", "rectifying", "rectified", "verified", "closed"}
FAULTS = st.sampled_from(
    [Fault.NONE] * 3 + [Fault.DROP_REQUEST, Fault.DROP_RESPONSE, Fault.DUPLICATE]
)
THEN = st.none() | FAULTS  # after a capture: stay offline, or push through this fault
TEXT = st.text(max_size=12)
LOCATION = st.none() | st.fixed_dictionaries(
    {
        "lat": st.floats(27.9, 28.3),
        "lon": st.floats(119.9, 120.3),
        "accuracy_m": st.floats(0, 100),
        "at": st.just(NOW),
    }
)
SOME_ID = "00000000-0000-4000-8000-000000000bad"

# Mutations the server must refuse (and record) whatever the state: unknown names, arguments
# the schemas refuse, and ids that cannot name anything.
_BAD_ARGS: list[tuple[str, dict[str, Any]]] = [
    ("inspection.create", {"id": "nope", "project_id": 1, "kind": "revisit", "started_at": NOW}),
    ("inspection.create", {"id": SOME_ID, "project_id": "abc", "kind": "revisit"}),
    ("inspection.create", {"id": SOME_ID, "project_id": 1, "kind": "picnic", "started_at": NOW}),
    ("inspection.create", {"id": SOME_ID, "project_id": 1, "kind": "random", "started_at": "x"}),
    (
        "inspection.create",
        {
            "id": SOME_ID,
            "project_id": 1,
            "kind": "random",
            "started_at": NOW,
            "location": {"lat": 91, "lon": 0},
        },
    ),
    ("inspection.submit", {"inspection_id": 42}),
    ("answer.set", {"inspection_id": SOME_ID, "item_id": "i"}),
    ("issue.create", {"id": SOME_ID, "title": "", "description": "d", "severity": "low"}),
    ("issue.create", {"id": SOME_ID, "title": "t", "description": "d", "severity": "urgent"}),
    ("issue.transition", {"issue_id": SOME_ID, "to": "teleported", "expected_from": "found"}),
    ("issue.transition", {"issue_id": SOME_ID, "to": "closed", "expected_from": "found"}),
    ("issue.comment", {"issue_id": SOME_ID, "body": ""}),
    ("report.create", {"id": SOME_ID, "title": "t"}),
    ("report.rate", {"report_id": SOME_ID, "rating": "meh"}),
    *(
        (
            "photo.attach",
            {
                "id": SOME_ID,
                "sha256": "a" * 64,
                "size": 10,
                "content_type": "image/jpeg",
                "owner_type": "inspection",
                "owner_id": SOME_ID,
                **bad,
            },
        )
        for bad in (
            {"sha256": "ABC"},
            {"size": 0},
            {"content_type": "text/html"},
            {"owner_type": "project"},
            {},  # well-formed, but the inspection does not exist
        )
    ),
]
_JSON_SCALARS = st.none() | st.booleans() | st.integers() | TEXT
INVALID_MUTATIONS = st.one_of(
    st.tuples(
        st.text(min_size=1, max_size=64).filter(lambda name: name not in REGISTRY),
        st.dictionaries(st.text(max_size=8), _JSON_SCALARS, max_size=3),
    ),
    st.tuples(st.sampled_from(sorted(REGISTRY)), st.just({})),
    st.sampled_from(_BAD_ARGS),
    st.builds(
        lambda project_id: (
            "inspection.create",
            {"id": SOME_ID, "project_id": project_id, "kind": "routine", "started_at": NOW},
        ),
        st.integers().filter(lambda n: not 1 <= n < 2**31),
    ),
)


# --- the world ---------------------------------------------------------------------------------


@dataclass
class World:
    townships: dict[str, int]  # east / west -> region id
    units: dict[str, int]  # water / roads -> unit id
    users: dict[str, int]  # phone name -> user id


def empty_database() -> None:
    db.session.rollback()
    for table in reversed(Base.metadata.sorted_tables):
        db.session.execute(delete(table))
    db.session.commit()
    db.session.expunge_all()


def build_world() -> World:
    """A county, two townships, two units, three projects, the default checklists, five users."""
    county = create_region("测试县", "county")
    east = create_region("东镇", "township", county)
    west = create_region("西乡", "township", county)
    water = Unit(name="水利局", code="SL", region_id=county.id)
    roads = Unit(name="交通局", code="JT", region_id=county.id)
    db.session.add_all([water, roads])
    db.session.flush()
    for code, township, unit, lat, lon in (
        ("E1", east, water, 28.10, 120.10),
        ("E2", east, roads, 28.12, 120.05),
        ("W1", west, water, 28.02, 119.98),
    ):
        project = Project(
            code=code,
            name=f"项目{code}",
            level="township",
            county=county,
            township=township,
            region_path=township.path,
            unit=unit,
            contact_phone="13900000000",
            start_date=date(2023, 1, 1),
            planned_completion_date=date(2023, 12, 31),
            lat=lat,
            lon=lon,
        )
        db.session.add(project)
        log_change(db.session, "project", project)
    ensure_default_templates(db.session)
    users = {
        "office": create_user("office", PASSWORD, "supervisor"),
        "east": create_user("east", PASSWORD, "inspector", townships=[east]),
        "west": create_user("west", PASSWORD, "inspector", townships=[west]),
        "unit": create_user("unit", PASSWORD, "unit", unit=water),
        "deputy": create_user("deputy", PASSWORD, "deputy", region=county),
    }
    db.session.commit()
    return World(
        townships={"east": east.id, "west": west.id},
        units={"water": water.id, "roads": roads.id},
        users={name: user.id for name, user in users.items()},
    )


def fingerprint() -> dict[str, Any]:
    """What a replayed push must not change: records with their versions, events, mutation
    records, the change log's end and every client's last_mutation_id."""

    def rows(*columns: Any) -> list[tuple[str, ...]]:
        return sorted(tuple(map(str, row)) for row in db.session.execute(select(*columns)))

    def count_and_max(column: Any) -> tuple[str, ...]:
        return tuple(map(str, db.session.execute(select(func.count(), func.max(column))).one()))

    return {
        "inspections": rows(Inspection.id, Inspection.version, Inspection.status),
        "answers": rows(Answer.inspection_id, Answer.item_id, Answer.value, Answer.answered_at),
        "issues": rows(Issue.id, Issue.version, Issue.state),
        "issue_events": count_and_max(IssueEvent.id),
        "reports": rows(DeputyReport.id, DeputyReport.version, DeputyReport.status),
        "photos": rows(Photo.id, Photo.version, Photo.status),
        "mutation_records": count_and_max(MutationRecord.id),
        "change_log": count_and_max(ChangeLog.seq),
        "clients": rows(SyncClient.id, SyncClient.last_mutation_id),
    }


def store_blob(sha256: str, data: bytes, holder_id: int) -> None:
    """The end of a finished upload by ``holder_id``: the blob row (unless another user sent
    these bytes before), then ``blob_arrived``, one commit."""
    blob = db.session.get(Blob, sha256)
    if blob is None:
        blob = Blob(sha256=sha256, size=len(data), content_type="image/jpeg")
        db.session.add(blob)
        db.session.flush()
    blob_arrived(db.session, blob, holder_id)
    db.session.commit()


# --- a phone -------------------------------------------------------------------------------------

Key = tuple[str, str]


@dataclass
class Storage:
    """IndexedDB: survives a crash."""

    client_id: str
    next_id: int = 1
    outbox: list[dict[str, Any]] = field(default_factory=list)
    cookie: str | None = None
    local: dict[Key, dict[str, Any]] = field(default_factory=dict)
    pictures: dict[str, bytes] = field(default_factory=dict)  # every photo taken, by SHA-256
    unsent_blobs: set[str] = field(default_factory=set)  # bytes the server may not have yet
    mine: dict[Key, dict[str, Any]] = field(default_factory=dict)  # what it created: the args
    answered: dict[str, set[str]] = field(default_factory=dict)  # inspection -> item ids
    rejections: dict[int, dict[str, Any]] = field(default_factory=dict)  # told by pull


@dataclass
class PagedPull:
    cookie: str | None
    reset: bool = False
    changes: list[dict[str, Any]] = field(default_factory=list)
    rejections: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Memory:
    """RAM: gone after a crash."""

    client: FlaskClient
    transport: FaultyTransport
    last_mutation_id: int = 0
    pull: PagedPull | None = None


@dataclass
class Ledger:
    """The test's notes about a phone (the phone never reads them)."""

    queued: dict[int, dict[str, Any]] = field(default_factory=dict)
    invalid: set[int] = field(default_factory=set)
    heard: int = 0  # the highest last_mutation_id any answer gave the phone
    accounted: int = 0  # mutations up to here were checked against the database
    batches: list[list[dict[str, Any]]] = field(default_factory=list)  # as the server got them


class SimPhone:
    def __init__(self, name: str, role: str, user_id: int, client_id: str) -> None:
        self.name, self.role, self.user_id = name, role, user_id
        self.storage = Storage(client_id)
        self.memory: Memory | None = None
        self.ledger = Ledger()

    def __repr__(self) -> str:
        return f"<phone {self.name}>"

    def queue(self, name: str, args: dict[str, Any], invalid: bool = False) -> int:
        mutation = {
            "id": self.storage.next_id,
            "name": name,
            "args": args,
            "client_time": NOW,
        }
        self.storage.next_id += 1
        self.storage.outbox.append(mutation)
        self.ledger.queued[mutation["id"]] = mutation
        if invalid:
            self.ledger.invalid.add(mutation["id"])
        return mutation["id"]

    # what the phone believes, from its copy and what it created itself

    def records(self, entity_type: str) -> dict[str, dict[str, Any]]:
        return {i: data for (t, i), data in self.storage.local.items() if t == entity_type}

    def projects(self) -> list[int]:
        return [p["id"] for p in sorted(self.records("project").values(), key=lambda p: p["code"])]

    def templates(self) -> dict[str, dict[str, Any]]:
        return self.records("template")

    def inspections(self) -> dict[str, str | None]:
        """Its inspections it has not seen submitted: id -> template id."""
        seen = self.records("inspection")
        found = {
            i: data["template_id"]
            for i, data in seen.items()
            if data["inspector"]["id"] == self.user_id and data["status"] == "draft"
        }
        for (entity_type, i), args in self.storage.mine.items():
            if entity_type == "inspection" and i not in seen:
                found[i] = args.get("template_id")
        return dict(sorted(found.items()))

    def issue_ids(self) -> list[str]:
        mine = {i for (t, i) in self.storage.mine if t == "issue"}
        return sorted(set(self.records("issue")) | mine)

    def report_ids(self) -> list[str]:
        mine = {i for (t, i) in self.storage.mine if t == "report"}
        return sorted(set(self.records("report")) | mine)


def answer_values(item: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Values that fit a checklist item of this kind."""
    kind = item["kind"]
    if kind == "yes_no_na":
        return st.sampled_from(["yes", "no", "na"])
    if kind == "number":
        return st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    if kind == "text":
        return TEXT
    if kind == "choice":
        return st.sampled_from(item["options"])
    if kind == "photo":
        return st.lists(st.uuids().map(str), min_size=1, max_size=2)
    assert kind == "gps", kind
    return st.fixed_dictionaries({"lat": st.floats(-90, 90), "lon": st.floats(-180, 180)})


def _diff(label: str, got: dict[Key, Any], want: dict[Key, Any]) -> str:
    """'' when equal, else what differs (briefly: pytest's own diff of these is pages long)."""
    missing = sorted(set(want) - set(got))
    extra = sorted(set(got) - set(want))
    changed = sorted(k for k in set(got) & set(want) if got[k] != want[k])
    if not (missing or extra or changed):
        return ""
    lines = [f"{label}: missing {missing}, unexpected {extra}, different {changed}"]
    for key in changed[:3]:
        lines.append(f"  {key}:\n    phone: {got[key]!r}\n    want:  {want[key]!r}")
    return "\n".join(lines)


# --- the machine ---------------------------------------------------------------------------------


class SyncMachine(RuleBasedStateMachine):
    def __init__(self, app: Flask) -> None:
        super().__init__()
        self.app = app
        self.ids = 0
        # (type, id, deputy? - or the reader for a photo) -> data
        self.serialised: dict[tuple[str, str, bool | int], Any] = {}
        empty_database()
        self.world = build_world()
        self.phones = {
            name: SimPhone(name, role, self.world.users[name], self.new_id())
            for name, role in PHONES.items()
        }

    def new_id(self) -> str:
        """Deterministic UUIDs, so a failing example replays the same."""
        self.ids += 1
        return str(uuid.UUID(int=(0x5EED << 64) + self.ids))

    @initialize(not_synced=st.sets(st.sampled_from(list(PHONES))))
    def install(self, not_synced: set[str]) -> None:
        """Phones start with a full copy taken at the office, but for ``not_synced``: their
        first full copy comes through the faulty network."""
        for name, phone in self.phones.items():
            if name not in not_synced:
                while not self.pull_page(phone, 500, Fault.NONE):
                    pass

    def captured(self, phone: SimPhone, then: Fault | None) -> None:
        """After each capture the app tries to drain the outbox (``None``: it is offline)."""
        if then is not None:
            self.push_batch(phone, list(phone.storage.outbox), then)

    # --- the network -----------------------------------------------------------------------

    def online(self, phone: SimPhone) -> Memory:
        """The phone's memory; after a crash it logs in again (new client, new session)."""
        if phone.memory is None:
            client = self.app.test_client()
            response = client.post(
                "/api/v1/auth/login", json={"username": phone.name, "password": PASSWORD}
            )
            assert response.status_code == 200, response.get_json()
            csrf = response.get_json()["csrf_token"]
            phone.memory = Memory(client, FaultyTransport(client, csrf))
        return phone.memory

    def server_lmid(self, phone: SimPhone) -> int:
        return (
            db.session.scalar(
                select(SyncClient.last_mutation_id).where(SyncClient.id == phone.storage.client_id)
            )
            or 0
        )

    def hear(self, phone: SimPhone, last_mutation_id: int, what: str) -> None:
        """An answer reached the phone: invariant 2, then drop what the server has."""
        ledger = phone.ledger
        assert last_mutation_id >= ledger.heard, (
            f"{phone.name}: {what} answered last_mutation_id {last_mutation_id} "
            f"after {ledger.heard} (invariant 2)"
        )
        assert last_mutation_id < phone.storage.next_id, (
            f"{phone.name}: {what} acknowledged {last_mutation_id}, "
            f"only {phone.storage.next_id - 1} were queued"
        )
        ledger.heard = last_mutation_id
        memory = self.online(phone)
        memory.last_mutation_id = max(memory.last_mutation_id, last_mutation_id)
        phone.storage.outbox = [m for m in phone.storage.outbox if m["id"] > last_mutation_id]

    def push_body(self, phone: SimPhone, batch: list[dict[str, Any]]) -> dict[str, Any]:
        return {"client_id": phone.storage.client_id, "schema_version": 1, "mutations": batch}

    def check_push_answer(
        self, phone: SimPhone, batch: list[dict[str, Any]], before: int, answer: dict[str, Any]
    ) -> None:
        """The results are exactly: duplicates for ids the server had, then the run of ids that
        continues its last_mutation_id, stopping at a gap."""
        ids = sorted(m["id"] for m in batch)
        run, expected = [], before
        for i in ids:
            if i == expected + 1:
                run.append(i)
                expected = i
        duplicates = [i for i in ids if i <= before]
        results = answer["results"]
        where = f"{phone.name} pushed {ids} (server had {before}): {results}"
        assert [r["id"] for r in results] == duplicates + run, where
        assert answer["last_mutation_id"] == expected, where
        for result in results:
            assert result.get("code") != "server_error", f"server_error: {where}"
            if result["id"] <= before:
                assert result["status"] == "duplicate", where
            else:
                assert result["status"] in ("applied", "rejected", "conflict"), where
                if result["id"] in phone.ledger.invalid:
                    assert result["status"] == "rejected", f"invalid mutation accepted: {where}"

    # --- invariant 3 -----------------------------------------------------------------------

    def _event(self, phone: SimPhone, mutation_id: int, kind: str | None = None) -> bool:
        query = select(IssueEvent.id).where(
            IssueEvent.client_id == phone.storage.client_id,
            IssueEvent.mutation_id == mutation_id,
        )
        if kind is not None:
            query = query.where(IssueEvent.kind == kind)
        return db.session.scalar(query.limit(1)) is not None

    def _exists(self, model: Any, record_id: Any, **where: Any) -> bool:
        query = select(model.id).where(model.id == record_id)
        for column, value in where.items():
            query = query.where(getattr(model, column) == value)
        return db.session.scalar(query) is not None

    def own_trace(self, phone: SimPhone, mutation: dict[str, Any]) -> bool:
        """Evidence only this very mutation can leave: the record it created, its event."""
        name, args, mid = mutation["name"], mutation["args"], mutation["id"]
        creates = {
            "inspection.create": Inspection,
            "issue.create": Issue,
            "report.create": DeputyReport,
            "photo.attach": Photo,
        }
        if name in creates:
            record_id = args.get("id")
            return isinstance(record_id, str) and self._exists(creates[name], record_id)
        if name == "issue.transition":
            return self._event(phone, mid, "transition")
        return False

    def applied(self, phone: SimPhone, mutation: dict[str, Any]) -> bool:
        name, args, mid, me = (
            mutation["name"],
            mutation["args"],
            mutation["id"],
            phone.user_id,
        )
        if name == "inspection.create":
            return self._exists(Inspection, args["id"], inspector_id=me)
        if name == "answer.set":
            return (
                db.session.scalar(
                    select(Answer.id).where(
                        Answer.inspection_id == args["inspection_id"],
                        Answer.item_id == args["item_id"],
                    )
                )
                is not None
            )
        if name == "inspection.submit":
            return self._exists(Inspection, args["inspection_id"], status="submitted")
        if name == "issue.create":
            return self._exists(Issue, args["id"], created_by_id=me) and self._event(
                phone, mid, "created"
            )
        if name == "issue.transition":  # applied, or waiting for its photos' bytes (待照片)
            return self._event(phone, mid, "transition") or self._event(
                phone, mid, "evidence_waiting"
            )
        if name == "issue.comment":
            query = select(IssueEvent.id).where(
                IssueEvent.issue_id == args["issue_id"],
                IssueEvent.kind == "comment",
                IssueEvent.actor_id == me,
                IssueEvent.reason == args["body"],
            )
            return db.session.scalar(query.limit(1)) is not None
        if name == "report.create":
            return self._exists(DeputyReport, args["id"], deputy_id=me)
        if name == "report.rate":
            # a rated report may be rated again (the later rating wins; nothing clears one), and
            # 不满意 sends it back to accepted: an applied rating leaves the report rated at all
            report = db.session.get(DeputyReport, args["report_id"])
            return report is not None and report.rating is not None and report.rated_at is not None
        if name == "photo.attach":
            return self._exists(Photo, args["id"], sha256=args["sha256"], uploaded_by_id=me)
        raise AssertionError(f"no check for {name}")

    def account(self, phone: SimPhone, everything: bool = False) -> None:
        """Invariant 3 for the ids the server newly acknowledged (or all of them)."""
        server = self.server_lmid(phone)
        start = 1 if everything else phone.ledger.accounted + 1
        records = {
            r.mutation_id: r
            for r in db.session.scalars(
                select(MutationRecord).where(MutationRecord.client_id == phone.storage.client_id)
            )
        }
        for mid in range(start, server + 1):
            mutation = phone.ledger.queued[mid]
            where = f"{phone.name} #{mid} {mutation['name']} {mutation['args']!r}"
            record = records.get(mid)
            if record is not None:
                assert record.code != "server_error", f"server_error for {where}"
                assert record.status in ("rejected", "conflict"), where
                if mid in phone.ledger.invalid:
                    assert record.status == "rejected", f"invalid, yet {record.status}: {where}"
                if record.status == "conflict":
                    assert mutation["name"] == "issue.transition", where
                    assert self._event(phone, mid, "conflict"), f"conflict without event: {where}"
                else:
                    assert not self.own_trace(phone, mutation), f"rejected yet applied: {where}"
                continue
            assert mid not in phone.ledger.invalid, f"invalid mutation not rejected: {where}"
            assert self.applied(phone, mutation), f"neither applied nor recorded: {where}"
        phone.ledger.accounted = server
        for mid in sorted(phone.ledger.queued):
            if mid <= server:
                continue
            mutation = phone.ledger.queued[mid]
            where = f"{phone.name} #{mid} {mutation['name']} (server at {server})"
            assert mid not in records, f"recorded beyond last_mutation_id: {where}"
            assert not self._event(phone, mid), f"event beyond last_mutation_id: {where}"
            assert not self.own_trace(phone, mutation), f"applied beyond last_mutation_id: {where}"

    # --- mutations: only ever into the outbox ----------------------------------------------

    def _pick(self, data: st.DataObject, names: list[str], can: Any) -> SimPhone | None:
        """One of ``names`` whose phone ``can`` do the thing (None when none can)."""
        eligible = [n for n in names if can(self.phones[n])]
        if not eligible:
            return None
        return self.phones[data.draw(st.sampled_from(eligible), label="phone")]

    def _answers(
        self, phone: SimPhone, data: st.DataObject, inspection_id: str, template: dict[str, Any]
    ) -> None:
        """A few answers to items of the inspection's checklist."""
        items = data.draw(
            st.lists(st.sampled_from(template["items"]), max_size=4, unique_by=lambda i: i["id"]),
            label="items",
        )
        for item in items:
            args = {
                "inspection_id": inspection_id,
                "item_id": item["id"],
                "value": data.draw(answer_values(item), label=f"value {item['position']}"),
            }
            if data.draw(st.booleans(), label="with note"):
                args["note"] = data.draw(TEXT, label="note")
            phone.queue("answer.set", args)
            phone.storage.answered.setdefault(inspection_id, set()).add(item["id"])

    def _submit(
        self,
        phone: SimPhone,
        data: st.DataObject,
        inspection_id: str,
        template: dict[str, Any] | None,
    ) -> None:
        """Submit, often after answering every required item left (else: ``incomplete``)."""
        if template is not None and data.draw(st.booleans(), label="answer the rest first"):
            answered = phone.storage.answered.setdefault(inspection_id, set())
            for item in template["items"]:
                if item["required"] and item["id"] not in answered:
                    value = data.draw(answer_values(item), label=f"value {item['position']}")
                    phone.queue(
                        "answer.set",
                        {"inspection_id": inspection_id, "item_id": item["id"], "value": value},
                    )
                    answered.add(item["id"])
        phone.queue("inspection.submit", {"inspection_id": inspection_id})

    def _photo(self, phone: SimPhone, data: st.DataObject, owner_type: str, owner_id: str) -> None:
        """Take a picture (or reuse one) and attach it; the bytes wait for an upload."""
        taken = sorted(phone.storage.pictures)
        if taken and data.draw(st.booleans(), label="same picture again"):
            sha256 = data.draw(st.sampled_from(taken), label="picture")
        else:
            picture = data.draw(st.binary(min_size=1, max_size=32), label="bytes")
            sha256 = hashlib.sha256(picture).hexdigest()
            if sha256 not in phone.storage.pictures:
                phone.storage.pictures[sha256] = picture
                phone.storage.unsent_blobs.add(sha256)
        args = {
            "id": self.new_id(),
            "sha256": sha256,
            "size": len(phone.storage.pictures[sha256]),
            "content_type": "image/jpeg",
            "owner_type": owner_type,
            "owner_id": owner_id,
            "taken_at": NOW,
            "location": data.draw(LOCATION, label="location"),
        }
        phone.queue("photo.attach", args)
        phone.storage.mine[("photo", args["id"])] = args

    def _issue(self, phone: SimPhone, data: st.DataObject, inspection_id: str | None = None) -> str:
        args: dict[str, Any] = {
            "id": self.new_id(),
            "project_id": data.draw(st.sampled_from([None, *phone.projects()]), label="project"),
            "title": data.draw(st.text(min_size=1, max_size=12), label="title"),
            "description": data.draw(TEXT, label="description"),
            "severity": data.draw(st.sampled_from(SEVERITIES), label="severity"),
            "location": data.draw(LOCATION, label="location"),
        }
        if inspection_id is not None:
            args["inspection_id"] = inspection_id
        phone.queue("issue.create", args)
        phone.storage.mine[("issue", args["id"])] = args
        return args["id"]

    @rule(data=st.data(), then=THEN)
    def visit_a_project(self, data: st.DataObject, then: Fault | None) -> None:
        """An inspection: created, some answers, maybe photos and a problem, maybe submitted."""
        phone = self._pick(data, INSPECTING, lambda p: p.projects())
        if phone is None:
            return
        templates = phone.templates()
        args = {
            "id": self.new_id(),
            "project_id": data.draw(st.sampled_from(phone.projects()), label="project"),
            "kind": data.draw(st.sampled_from(INSPECTION_KINDS), label="kind"),
            "started_at": NOW,
            "template_id": data.draw(st.sampled_from([None, *sorted(templates)]), label="list"),
            "location": data.draw(LOCATION, label="location"),
        }
        inspection_id, template = args["id"], templates.get(args["template_id"] or "")
        phone.queue("inspection.create", args)
        phone.storage.mine[("inspection", inspection_id)] = args
        if template is not None:
            self._answers(phone, data, inspection_id, template)
        for _ in range(data.draw(st.integers(0, 2), label="photos")):
            self._photo(phone, data, "inspection", inspection_id)
        if data.draw(st.booleans(), label="a problem found"):
            issue_id = self._issue(phone, data, inspection_id)
            if data.draw(st.booleans(), label="with a photo"):
                self._photo(phone, data, "issue", issue_id)
        if data.draw(st.booleans(), label="submit"):
            self._submit(phone, data, inspection_id, template)
        self.captured(phone, then)

    @rule(data=st.data(), then=THEN)
    def continue_an_inspection(self, data: st.DataObject, then: Fault | None) -> None:
        """Back to an inspection it has not seen submitted: answers, a photo, or submit."""
        phone = self._pick(data, INSPECTING, lambda p: p.inspections())
        if phone is None:
            return
        inspections = phone.inspections()
        inspection_id = data.draw(st.sampled_from(sorted(inspections)), label="inspection")
        template = phone.templates().get(inspections[inspection_id] or "")
        what = data.draw(st.sampled_from(["answer", "photo", "submit"]), label="what")
        if what == "answer" and template is not None:
            self._answers(phone, data, inspection_id, template)
        elif what == "photo":
            self._photo(phone, data, "inspection", inspection_id)
        else:
            self._submit(phone, data, inspection_id, template)
        self.captured(phone, then)

    @rule(data=st.data(), then=THEN)
    def record_a_problem(self, data: st.DataObject, then: Fault | None) -> None:
        """A problem on its own (with a project, or the township's), maybe with a photo."""
        phone = self._pick(data, INSPECTING, lambda p: True)
        assert phone is not None
        issue_id = self._issue(phone, data)
        if data.draw(st.booleans(), label="with a photo"):
            self._photo(phone, data, "issue", issue_id)
        self.captured(phone, then)

    def _moves(self, phone: SimPhone) -> list[tuple[str, str]]:
        unit_id = self.world.units["water"] if phone.role == "unit" else None
        return [
            (issue_id, to)
            for issue_id, issue in sorted(phone.records("issue").items())
            if unit_id is None or (issue["unit"] or {}).get("id") == unit_id
            for to in allowed_targets(issue["state"], phone.role)
        ]

    def _queue_moves(self, phone: SimPhone, data: st.DataObject, max_moves: int) -> None:
        """Moves the phone believes valid, each from the state it last saw (races: conflicts)."""
        issues = phone.records("issue")
        # forward moves three times as likely, so problems get through their whole life
        weighted = [m for m in self._moves(phone) for _ in range(3 if m[1] in FORWARD else 1)]
        moves = data.draw(
            st.lists(st.sampled_from(weighted), min_size=1, max_size=max_moves),
            label=f"{phone.name} moves",
        )
        for issue_id, to in moves:
            frm = issues[issue_id]["state"]
            args: dict[str, Any] = {"issue_id": issue_id, "to": to, "expected_from": frm}
            if to == "assigned":
                unit = data.draw(st.sampled_from(["water", "water", "roads"]), label="unit")
                args["unit_id"] = self.world.units[unit]
                args["deadline"] = "2023-09-01"
            if to == "duplicate":
                others = sorted(set(issues) - {issue_id}) or [issue_id]
                args["duplicate_of"] = data.draw(st.sampled_from(others), label="original")
            if to in ("rejected", "returned") or (frm, to) == ("rectified", "rectifying"):
                args["reason"] = data.draw(TEXT, label="reason")
            if to == "rectified" or (frm, to) == ("rectified", "verified"):  # evidence
                if data.draw(st.booleans(), label="photo of the fix"):
                    self._photo(phone, data, "issue", issue_id)
                photos = sorted(
                    i
                    for (t, i), a in phone.storage.mine.items()
                    if t == "photo" and a["owner_id"] == issue_id
                )
                args["photo_ids"] = photos or [self.new_id()]
            if to == "rectifying" and data.draw(st.booleans(), label="comment first"):
                body = data.draw(st.text(min_size=1, max_size=12), label="body")
                phone.queue("issue.comment", {"issue_id": issue_id, "body": body})
            phone.queue("issue.transition", args)

    @precondition(lambda self: any(self._moves(self.phones[n]) for n in ACTING_ON_ISSUES))
    @rule(data=st.data(), then=THEN)
    def move_a_problem(self, data: st.DataObject, then: Fault | None) -> None:
        """One phone moves a few problems on."""
        phone = self._pick(data, ACTING_ON_ISSUES, self._moves)
        assert phone is not None
        self._queue_moves(phone, data, 3)
        self.captured(phone, then)

    @precondition(lambda self: any(p.issue_ids() for p in self.phones.values()))
    @rule(data=st.data(), then=THEN)
    def comment_or_photo_on_a_problem(self, data: st.DataObject, then: Fault | None) -> None:
        phone = self._pick(data, list(PHONES), lambda p: p.issue_ids())
        assert phone is not None
        issue_id = data.draw(st.sampled_from(phone.issue_ids()), label="issue")
        if data.draw(st.booleans(), label="photo"):
            self._photo(phone, data, "issue", issue_id)
        else:
            body = data.draw(st.text(min_size=1, max_size=12), label="body")
            phone.queue("issue.comment", {"issue_id": issue_id, "body": body})
        self.captured(phone, then)

    @rule(rate=st.booleans(), data=st.data(), then=THEN)
    def deputy_reports(self, rate: bool, data: st.DataObject, then: Fault | None) -> None:
        """The deputy files a report (maybe with a photo), or rates one of theirs."""
        phone = self.phones["deputy"]
        reports = phone.report_ids()
        if rate and reports:
            args = {
                "report_id": data.draw(st.sampled_from(reports), label="report"),
                "rating": data.draw(st.sampled_from(REPORT_RATINGS), label="rating"),
                "comment": data.draw(st.none() | TEXT, label="comment"),
            }
            phone.queue("report.rate", args)
        else:
            args = {
                "id": self.new_id(),
                "title": data.draw(st.text(min_size=1, max_size=12), label="title"),
                "description": data.draw(TEXT, label="description"),
                "project_id": data.draw(
                    st.sampled_from([None, *phone.projects()]), label="project"
                ),
                "location": data.draw(LOCATION, label="location"),
            }
            phone.queue("report.create", args)
            phone.storage.mine[("report", args["id"])] = args
            if data.draw(st.booleans(), label="with a photo"):
                self._photo(phone, data, "report", args["id"])
        self.captured(phone, then)

    @rule(name=st.sampled_from(list(PHONES)), bad=INVALID_MUTATIONS, then=THEN)
    def invalid_mutation(
        self, name: str, bad: tuple[str, dict[str, Any]], then: Fault | None
    ) -> None:
        phone = self.phones[name]
        phone.queue(bad[0], bad[1], invalid=True)
        self.captured(phone, then)

    # --- the network -----------------------------------------------------------------------

    @rule(
        name=st.sampled_from(list(PHONES)),
        start=st.integers(0, 31),
        length=st.integers(0, 31),
        fault=FAULTS,
    )
    def push(self, name: str, start: int, length: int, fault: Fault) -> None:
        """Push a slice of the outbox (any start: re-batching) through a faulty network."""
        phone = self.phones[name]
        self.push_batch(phone, rebatch(phone.storage.outbox, start, length), fault)

    @rule(
        name=st.sampled_from(list(PHONES)),
        push_fault=FAULTS,
        limit=st.sampled_from([500, 2, 5]),
        pull_faults=st.lists(FAULTS, min_size=1, max_size=6),
    )
    def sync(self, name: str, push_fault: Fault, limit: int, pull_faults: list[Fault]) -> None:
        """What the app does on ``online`` and on its timer: push the outbox, then pull."""
        phone = self.phones[name]
        self.push_batch(phone, list(phone.storage.outbox), push_fault)
        self.pull(name, limit, pull_faults)

    @rule(
        faults=st.lists(st.tuples(FAULTS, FAULTS), min_size=len(PHONES), max_size=len(PHONES)),
        data=st.data(),
    )
    def time_passes(self, faults: list[tuple[Fault, Fault]], data: st.DataObject) -> None:
        """Every phone pushes its outbox and pulls, each through its own faults; then the office,
        the inspectors and the unit may move on the problems they now see (queued)."""
        for phone, (push_fault, pull_fault) in zip(self.phones.values(), faults, strict=True):
            self.push_batch(phone, list(phone.storage.outbox), push_fault)
            while self.pull_page(phone, 500, pull_fault) is False and pull_fault is Fault.NONE:
                pass
        for name in ACTING_ON_ISSUES:
            phone = self.phones[name]
            if self._moves(phone) and data.draw(st.booleans(), label=f"{name} works"):
                self._queue_moves(phone, data, 2)

    def push_batch(self, phone: SimPhone, batch: list[dict[str, Any]], fault: Fault) -> None:
        memory = self.online(phone)
        before = self.server_lmid(phone)
        delivery = memory.transport.post(
            PUSH,
            self.push_body(phone, batch),
            fault,
            observe=fingerprint if fault is Fault.DUPLICATE else None,
        )
        if delivery.reached_server and batch:
            phone.ledger.batches.append(batch)
        if delivery.served:
            self.check_push_answer(phone, batch, before, delivery.served[0])
        if fault is Fault.DUPLICATE:
            first, second = delivery.served
            self.check_push_answer(phone, batch, first["last_mutation_id"], second)
            assert delivery.observed[0] == delivery.observed[1], (
                f"{phone.name}: the doubled push changed the database (invariant 1)"
            )
        if delivery.received is not None:
            self.hear(phone, delivery.received["last_mutation_id"], "push")
        self.account(phone)

    def pull_page(self, phone: SimPhone, limit: int, fault: Fault) -> bool:
        """Ask for one page; True once the whole pull is in storage."""
        memory = self.online(phone)
        if memory.pull is None:
            memory.pull = PagedPull(phone.storage.cookie)
        paged = memory.pull
        body = {"client_id": phone.storage.client_id, "cookie": paged.cookie, "limit": limit}
        delivery = memory.transport.post(PULL, body, fault)
        page = delivery.received
        if page is None:
            return False
        self.hear(phone, page["last_mutation_id"], "pull")
        if page["reset"]:
            paged.reset, paged.changes = True, []
        paged.changes += page["changes"]
        for rejection in page["rejections"]:
            mid = rejection["mutation_id"]
            assert mid in phone.ledger.queued and mid <= page["last_mutation_id"], rejection
            assert rejection["code"] != "server_error", rejection
            paged.rejections.append(rejection)
        paged.cookie = page["cookie"]
        if page["has_more"]:
            return False
        storage = phone.storage
        if paged.reset:
            storage.local.clear()
        for change in paged.changes:
            key = (change["type"], change["id"])
            if change["op"] == "put":
                storage.local[key] = change["data"]
            else:
                storage.local.pop(key, None)
        storage.cookie = paged.cookie
        for rejection in paged.rejections:
            storage.rejections[rejection["mutation_id"]] = rejection
        memory.pull = None
        return True

    @rule(
        name=st.sampled_from(list(PHONES)),
        limit=st.sampled_from([500, 2, 5]),
        faults=st.lists(FAULTS, min_size=1, max_size=6),
    )
    def pull(self, name: str, limit: int, faults: list[Fault]) -> None:
        """Page through a pull, one request per fault, until it is in storage or the faults run
        out (a pull left half-done continues later, unless the phone crashes meanwhile)."""
        phone = self.phones[name]
        for fault in faults:
            if self.pull_page(phone, limit, fault):
                return

    @precondition(lambda self: any(p.storage.unsent_blobs for p in self.phones.values()))
    @rule(data=st.data(), fault=FAULTS)
    def upload(self, data: st.DataObject, fault: Fault) -> None:
        """Ask whether the server has the bytes (HEAD); if not, upload them."""
        phone = data.draw(
            st.sampled_from([p for p in self.phones.values() if p.storage.unsent_blobs]),
            label="phone",
        )
        sha256 = data.draw(st.sampled_from(sorted(phone.storage.unsent_blobs)), label="blob")
        memory = self.online(phone)
        head = memory.client.head(f"/api/v1/blobs/{sha256}")
        assert head.status_code in (200, 404), head.status_code
        if head.status_code == 200:
            phone.storage.unsent_blobs.discard(sha256)
            return
        delivery = deliver(
            fault, lambda: store_blob(sha256, phone.storage.pictures[sha256], phone.user_id)
        )
        if delivery.reached_server:
            pending = db.session.scalar(
                select(func.count())
                .select_from(Photo)
                .where(
                    Photo.sha256 == sha256,
                    Photo.status == "pending",
                    Photo.uploaded_by_id == phone.user_id,  # others must send the bytes too
                )
            )
            assert pending == 0, f"{pending} photos still pending after {sha256[:8]} arrived"
        if delivery.answered:
            phone.storage.unsent_blobs.discard(sha256)

    @rule(name=st.sampled_from(list(PHONES)))
    def kill_app(self, name: str) -> None:
        """The app is killed: memory is gone, storage stays; it must log in again."""
        self.phones[name].memory = None

    @precondition(lambda self: any(p.ledger.batches for p in self.phones.values()))
    @rule(data=st.data())
    def replay_acknowledged_batch(self, data: st.DataObject) -> None:
        """A stale copy of an acknowledged push arrives late: invariant 1."""
        candidates = [
            (name, n)
            for name, phone in self.phones.items()
            for n, batch in enumerate(phone.ledger.batches)
            if max(m["id"] for m in batch) <= self.server_lmid(phone)
        ]
        if not candidates:
            return
        name, n = data.draw(st.sampled_from(candidates), label="batch")
        phone = self.phones[name]
        batch = phone.ledger.batches[n]
        before, server = fingerprint(), self.server_lmid(phone)
        answer = self.online(phone).transport.send(PUSH, self.push_body(phone, batch))
        assert answer["last_mutation_id"] == server, answer
        assert answer["results"] == [
            {"id": m["id"], "status": "duplicate"} for m in sorted(batch, key=lambda m: m["id"])
        ], answer
        assert fingerprint() == before, f"{name}: replaying batch {n} changed the database"

    # --- the office and the admin, on the server -------------------------------------------

    @rule(data=st.data())
    def office_replies_to_a_report(self, data: st.DataObject) -> None:
        reports = list(
            db.session.scalars(
                select(DeputyReport.id)
                .where(DeputyReport.status.in_(("submitted", "accepted")))
                .order_by(DeputyReport.id)
            )
        )
        if not reports:
            return
        report = db.session.get(DeputyReport, data.draw(st.sampled_from(reports), label="report"))
        assert report is not None
        report.status, report.reply = "replied", "已转交责任单位办理"
        report.version += 1
        log_change(db.session, "report", report)
        db.session.commit()

    @rule(also_east=st.booleans())
    def move_the_west_inspector(self, also_east: bool) -> None:
        """The admin gives the west inspector the east township too, or takes it away (the
        inspector's scope changes: its next pull must be a full copy)."""
        user = db.session.get(User, self.world.users["west"])
        assert user is not None
        names = ["east", "west"] if also_east else ["west"]
        user.townships = [db.session.get(Region, self.world.townships[n]) for n in names]
        db.session.commit()

    # --- invariants --------------------------------------------------------------------------

    @invariant()
    def no_server_errors(self) -> None:
        errors = list(
            db.session.scalars(select(MutationRecord).where(MutationRecord.code == "server_error"))
        )
        assert not errors, [(r.client_id, r.mutation_id, r.name, r.args) for r in errors]

    @invariant()
    def outboxes_are_contiguous(self) -> None:
        for phone in self.phones.values():
            ids = [m["id"] for m in phone.storage.outbox]
            assert ids == list(range(phone.ledger.heard + 1, phone.storage.next_id)), (
                phone.name,
                ids,
                phone.ledger.heard,
            )

    # --- the end: drain over a perfect network, then compare ---------------------------------

    def teardown(self) -> None:
        if sys.exc_info()[0] is not None:
            return  # a step failed: let that be the report, not a consequence of it
        self.drain()
        self.check_the_end()

    def drain(self) -> None:
        for phone in self.phones.values():
            for _ in range(3):
                if not phone.storage.outbox:
                    break
                memory = self.online(phone)
                before = self.server_lmid(phone)
                batch = list(phone.storage.outbox)
                answer = memory.transport.send(PUSH, self.push_body(phone, batch))
                self.check_push_answer(phone, batch, before, answer)
                self.hear(phone, answer["last_mutation_id"], "final push")
            assert not phone.storage.outbox, f"{phone.name}: the outbox does not drain"
            self.account(phone, everything=True)
        for phone in self.phones.values():
            for sha256 in sorted(phone.storage.unsent_blobs):
                store_blob(sha256, phone.storage.pictures[sha256], phone.user_id)
            phone.storage.unsent_blobs.clear()
        pending = list(db.session.scalars(select(Photo.id).where(Photo.status == "pending")))
        assert pending == [], f"photos still pending with every blob uploaded: {pending}"
        for phone in self.phones.values():
            while self.online(phone).pull is not None:
                self.pull_page(phone, 500, Fault.NONE)
            while not self.pull_page(phone, 500, Fault.NONE):
                pass

    def check_the_end(self) -> None:
        db.session.expire_all()
        self.serialised.clear()
        for phone in self.phones.values():
            assert self.server_lmid(phone) == phone.storage.next_id - 1
            records = set(
                db.session.scalars(
                    select(MutationRecord.mutation_id).where(
                        MutationRecord.client_id == phone.storage.client_id
                    )
                )
            )
            assert set(phone.storage.rejections) == records, (
                f"{phone.name}: rejections told {sorted(phone.storage.rejections)}, "
                f"recorded {sorted(records)}"
            )
            user = db.session.get(User, phone.user_id)
            fresh = Phone(self.app, user)  # a new install: new client id, new login
            fresh.sync_all()
            problems = _diff(
                f"{phone.name}'s copy against a fresh full copy", phone.storage.local, fresh.local
            )
            assert not problems, f"invariant 4: {problems}"
            problems = _diff(
                f"{phone.name}'s copy against what {phone.role} {phone.name} may see now",
                phone.storage.local,
                self.visible_now(user),
            )
            assert not problems, f"invariant 4: {problems}"
            not_ready = sorted(
                i
                for (t, i), data in phone.storage.local.items()
                if t == "photo" and data["status"] != "ready"
            )
            assert not_ready == [], f"invariant 5: {phone.name} shows photos not ready: {not_ready}"

    def visible_now(self, user: User) -> dict[Key, dict[str, Any]]:
        """Every current record the user may see (the server's Python rule), as pull sends it."""
        seen: dict[Key, dict[str, Any]] = {}
        for entity_type, kind in RECORD_TYPES.items():
            model = kind.model
            for record in db.session.scalars(select(model)):
                if can_see(user, scope_of(db.session, entity_type, record)):
                    # a photo's evidence names only what its reader may see: per user
                    reader = user.id if entity_type == "photo" else user.role == "deputy"
                    key = (entity_type, str(record.id), reader)
                    if key not in self.serialised:
                        data = kind.serialize(record, user)
                        self.serialised[key] = json.loads(self.app.json.dumps(data))
                    seen[key[:2]] = self.serialised[key]
        return seen


def test_sync_survives_lossy_networks_and_crashes(app: Flask) -> None:
    """Each example empties the database and builds the world again (``app`` gives the migrated
    database and the app context; the factory fixtures' services are used directly)."""
    run_state_machine_as_test(lambda: SyncMachine(app), settings=settings.get_profile(PROFILE))
