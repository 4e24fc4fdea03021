"""Many phones at once against the server as deploy/gunicorn.conf.py runs it, on PostgreSQL.

Each scenario gets a fresh database (migrated and seeded here: a county of ten townships, three
projects each, the default checklists, one inspector account per phone), a gunicorn started as
the systemd unit starts it, and simulated phones (one asyncio task and HTTP connection each):

- steady: every phone logs in at once and takes its full copy (the warm-up, printed on its own
  line); once all have, each loops for the given seconds from a random moment of its first 4 s:
  capture an inspection (``inspection.create`` and six ``answer.set``), push it, pull, think
  2-4 s. Its push and pull figures are the loop's (the steady state).
- rush (the morning after a night offline): every phone logs in and takes its full copy, then
  all push 100 queued mutations at the same moment (batches of 100, as the PWA does).
- storm (``--storm N``, a new app version or a wiped cache on every phone): N phones log in,
  then all take a full copy at the same moment, in pages of 500 as the PWA does. The county is
  bigger for it (``--county P,I``: P projects per township, I inspections with six answers and
  a photo each per project, a problem for every second one; bench/load_world.py fill_county).
  Printed: full copy p50/p99 (first page to last), total seconds, bytes and records per copy,
  records/s over all phones.

Printed: req/s, push and pull p50/p99, login p50, errors (refused requests, timeouts), lost
(acknowledged but missing from the database, or never pulled back by the phone that pushed it),
and how long a phone's own acknowledged capture took to come back in its pulls.

Usage: .venv/bin/python bench/load.py --database-url postgresql://postgres@127.0.0.1:5432/xc_load
       [--phones 50,200] [--seconds 60] [--rush 200] [--port 8765]
       .venv/bin/python bench/load.py --database-url … --phones "" --rush 0 --storm 200
       [--county 10,10] [--reuse] [--server-root DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.load_world import (
    PASSWORD,
    SECRET,
    WaitSampler,
    fresh_database,
    missing,
    seed,
)

ROOT = Path(__file__).resolve().parents[1]
ANSWERS = 6  # answer.set per capture (the run: 173,425 answers for 30,735 inspections)


def start_server(url: str, port: int, root: Path = ROOT) -> subprocess.Popen[bytes]:
    """gunicorn as deploy/xianchang.service runs it, on ``url``, from the checkout at ``root``
    (another one to measure an older version); returns once it answers."""
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "SECRET_KEY": SECRET,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_ACCESSLOG": "/dev/null",
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [str(gunicorn), "-c", "deploy/gunicorn.conf.py", "server:create_app()"]
    server = subprocess.Popen(command, cwd=root, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/v1/auth/me", timeout=2)
            return server
        except httpx.HTTPError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("gunicorn did not answer within 60 s")


class Stats:
    def __init__(self) -> None:
        self.seconds: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []
        self.retries = 0
        self.resets = 0  # connections closed under a request, sent again
        self.lag: list[float] = []  # own capture: acknowledged → back in a pull

    def requests(self, kinds: tuple[str, ...] | None = None) -> int:
        return sum(len(v) for k, v in self.seconds.items() if kinds is None or k in kinds)


class Phone:
    def __init__(self, index: int, base: str, stats: Stats, seed: int) -> None:
        self.index, self.stats = index, stats
        self.http = httpx.AsyncClient(
            base_url=base, timeout=180, limits=httpx.Limits(max_connections=1)
        )
        self.client_id = str(uuid.uuid4())
        self.next_id, self.acked = 1, 0
        self.cookie: str | None = None
        self.csrf = ""
        self.local: dict[tuple[str, str], Any] = {}
        self.outbox: list[dict[str, Any]] = []
        self.waiting: dict[str, float] = {}  # own inspections acknowledged, not pulled back yet
        self.acked_inspections: list[str] = []
        self.acked_answers = 0
        self.random = random.Random(seed)
        self.copy_bytes = self.copy_records = 0

    async def _post(self, kind: str, path: str, body: dict[str, Any]) -> dict[str, Any] | None:
        """POST; a 503 (busy, retry) is retried as the phone does; None after an error."""
        resets = 0
        while True:
            start = time.perf_counter()
            try:
                response = await self.http.post(
                    path, json=body, headers={"X-CSRF-Token": self.csrf}
                )
            except httpx.HTTPError as error:
                # a kept-alive connection the server closed as the request went out: the
                # phone sends it again (push is idempotent); a timeout is an error
                if isinstance(error, httpx.TimeoutException) or resets == 3:
                    self.stats.errors.append(f"{kind}: {type(error).__name__}")
                    return None
                resets += 1
                self.stats.resets += 1
                continue
            self.stats.seconds[kind].append(time.perf_counter() - start)
            if response.status_code == 503:
                self.stats.retries += 1
                await asyncio.sleep(float(response.headers.get("Retry-After", 1)))
                continue
            if response.status_code != 200:
                self.stats.errors.append(f"{kind}: HTTP {response.status_code}")
                return None
            self.copy_bytes += len(response.content)
            result: dict[str, Any] = response.json()
            return result

    async def login(self) -> bool:
        body = {"username": f"phone-{self.index}", "password": PASSWORD}
        answer = await self._post("login", "/api/v1/auth/login", body)
        self.csrf = answer["csrf_token"] if answer else ""
        return answer is not None

    async def pull_all(self, kind: str = "pull") -> None:
        while True:
            body = {"client_id": self.client_id, "cookie": self.cookie}
            answer = await self._post(kind, "/api/v1/sync/pull", body)
            if answer is None:
                return
            if answer["reset"]:
                self.local.clear()
            now = time.perf_counter()
            for change in answer["changes"]:
                key = (change["type"], str(change["id"]))
                if change["op"] == "put":
                    self.local[key] = change["data"]
                else:
                    self.local.pop(key, None)
                acked_at = self.waiting.pop(key[1], None)
                if acked_at is not None:
                    self.stats.lag.append(now - acked_at)
            self.copy_records += len(answer["changes"])
            self.cookie = answer["cookie"]
            if not answer["has_more"]:
                return

    def capture(self) -> list[dict[str, Any]]:
        """One inspection and its answers, as the outbox holds them."""
        templates = [data for (kind, _), data in self.local.items() if kind == "template"]
        projects = [int(i) for (kind, i) in self.local if kind == "project"]
        template = self.random.choice(templates)
        items = [i for i in template["items"] if i["kind"] == "yes_no_na"][:ANSWERS]
        inspection_id = str(uuid.uuid4())
        at = datetime.now(UTC).isoformat()
        create = {
            "id": inspection_id,
            "project_id": self.random.choice(projects),
            "kind": "routine",
            "template_id": template["id"],
            "started_at": at,
        }
        mutations = [("inspection.create", create)] + [
            ("answer.set", {"inspection_id": inspection_id, "item_id": i["id"], "value": "yes"})
            for i in items
        ]
        out = []
        for name, args in mutations:
            out.append({"id": self.next_id, "name": name, "args": args, "client_time": at})
            self.next_id += 1
        return out

    async def push(self, queue: list[dict[str, Any]]) -> None:
        """Queue the mutations and push the outbox in batches of 100 until the server has
        acknowledged all of it; after a failed request what is left stays queued for the
        next push, as on the phone (so no later mutation ever skips over it)."""
        self.outbox += queue
        while self.outbox:
            batch = self.outbox[:100]
            body = {"client_id": self.client_id, "schema_version": 1, "mutations": batch}
            answer = await self._post("push", "/api/v1/sync/push", body)
            if answer is None:
                return
            refused = [r for r in answer["results"] if r["status"] not in ("applied", "duplicate")]
            self.stats.errors.extend(f"push: {r['status']} {r.get('code')}" for r in refused)
            if answer["last_mutation_id"] < batch[0]["id"]:
                self.stats.errors.append("push: no progress")
                return
            self.acked = answer["last_mutation_id"]
            now = time.perf_counter()
            for mutation in self.outbox:
                if mutation["id"] > self.acked:
                    break
                if mutation["name"] == "inspection.create":
                    self.acked_inspections.append(mutation["args"]["id"])
                    self.waiting[mutation["args"]["id"]] = now
                else:
                    self.acked_answers += 1
            self.outbox = [m for m in self.outbox if m["id"] > self.acked]

    async def close(self) -> None:
        await self.http.aclose()


async def steady(fleet: list[Phone], seconds: float, warmed: Callable[[], None]) -> float:
    """The warm-up: all log in at once and take their full copy (its pages count as "copy",
    shown on a line of their own, and ``--storm`` measures it alone). Then, once every phone
    has its copy, the steady state: each phone, starting at a random moment of its first 4 s
    (phones are not in step), loops for ``seconds``: capture, push, pull, think 2-4 s. Push and
    pull figures are the steady state's; returns the warm-up's seconds."""
    start = time.perf_counter()

    async def warm_up(phone: Phone) -> bool:
        if not await phone.login():
            return False
        await phone.pull_all("copy")
        return True

    ready = await asyncio.gather(*(warm_up(phone) for phone in fleet))
    warm_up_seconds = time.perf_counter() - start
    warmed()

    async def run(phone: Phone) -> None:
        await asyncio.sleep(phone.random.uniform(0, 4))
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            await phone.push(phone.capture())
            await phone.pull_all()
            await asyncio.sleep(phone.random.uniform(2, 4))

    await asyncio.gather(*(run(phone) for phone, ok in zip(fleet, ready, strict=True) if ok))
    return warm_up_seconds


async def rush(fleet: list[Phone], queued: int) -> float:
    """Seconds from the moment every phone pushes its queue to the last acknowledgement."""
    await asyncio.gather(*(phone.login() for phone in fleet))
    await asyncio.gather(*(phone.pull_all() for phone in fleet))
    queues = []
    for phone in fleet:
        queue: list[dict[str, Any]] = []
        while len(queue) < queued:
            queue += phone.capture()
        queues.append(queue[:queued])
    start = time.perf_counter()
    await asyncio.gather(*(p.push(q) for p, q in zip(fleet, queues, strict=True)))
    return time.perf_counter() - start


async def storm(fleet: list[Phone], stats: Stats, logged_in: Callable[[], None]) -> float:
    """All log in, then all take a full copy at the same moment; seconds to the last copy.
    ``logged_in`` is called between the two (the wait sampler starts over: a login wave
    waits on other things than a copy)."""
    await asyncio.gather(*(phone.login() for phone in fleet))
    logged_in()
    for phone in fleet:
        phone.copy_bytes = phone.copy_records = 0

    async def copy(phone: Phone) -> None:
        start = time.perf_counter()
        await phone.pull_all()
        stats.seconds["full copy"].append(time.perf_counter() - start)

    start = time.perf_counter()
    await asyncio.gather(*(copy(phone) for phone in fleet))
    return time.perf_counter() - start


async def scenario(
    kind: str,
    base: str,
    phones: int,
    seconds: float,
    queued: int,
    logged_in: Callable[[], None] = lambda: None,
) -> tuple[Stats, list[Phone], float, float, int]:
    """Stats, phones, wall seconds, seconds to the last acknowledgement (rush), and how many
    acknowledged inspections never came back to the phone that pushed them."""
    stats = Stats()
    fleet = [Phone(i, base, stats, i) for i in range(phones)]
    start = time.perf_counter()
    try:
        if kind == "steady":
            acked_after = await steady(fleet, seconds, logged_in)  # here: the warm-up's seconds
            start += acked_after
        elif kind == "storm":
            acked_after = await storm(fleet, stats, logged_in)
        else:
            acked_after = await rush(fleet, queued)
        elapsed = time.perf_counter() - start
        unreturned = await drain(fleet)
    finally:
        await asyncio.gather(*(phone.close() for phone in fleet))
    return stats, fleet, elapsed, acked_after, unreturned


async def drain(fleet: list[Phone], seconds: float = 60) -> int:
    """Pull until each phone has its own acknowledged inspections back; how many never came."""
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        await asyncio.gather(*(phone.pull_all() for phone in fleet if phone.waiting))
        if not any(phone.waiting for phone in fleet):
            return 0
        await asyncio.sleep(0.5)
    return sum(len(phone.waiting) for phone in fleet)


def _p(values: list[float], q: float) -> str:
    if not values:
        return "—"
    ordered = sorted(values)
    return f"{ordered[min(len(ordered) - 1, int(q * len(ordered)))]:.2f} s"


def warm_up_line(stats: Stats, seconds: float) -> str:
    s = stats.seconds
    return (
        f"  warm-up (not in the row): every phone logged in and took its full copy in"
        f" {seconds:.1f} s; copy page p50 / p99 {_p(s['copy'], 0.5)} / {_p(s['copy'], 0.99)}"
    )


def row(label: str, stats: Stats, elapsed: float, lost: int) -> str:
    s = stats.seconds
    login = f"{statistics.median(s['login']):.2f} s" if s["login"] else "—"
    requests = stats.requests(("push", "pull"))
    return (
        f"| {label} | {requests / elapsed:.1f} | {_p(s['push'], 0.5)} / {_p(s['push'], 0.99)}"
        f" | {_p(s['pull'], 0.5)} / {_p(s['pull'], 0.99)} | {login}"
        f" | {len(stats.errors)} / {lost} | {_p(stats.lag, 0.5)} / {_p(stats.lag, 0.99)} |"
    )


def storm_line(phones: int, stats: Stats, fleet: list[Phone], seconds: float) -> str:
    copies = stats.seconds["full copy"]
    records = sum(phone.copy_records for phone in fleet)
    return (
        f"{phones} phones' full copy at once: p50 {_p(copies, 0.5)} / p99 {_p(copies, 0.99)},"
        f" all done in {seconds:.1f} s; {statistics.mean(p.copy_bytes for p in fleet) / 1e6:.2f} MB"
        f" and {records / phones:.0f} records per copy; {records / seconds:.0f} records/s;"
        f" page p50 / p99 {_p(stats.seconds['pull'], 0.5)} / {_p(stats.seconds['pull'], 0.99)};"
        f" errors {len(stats.errors)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", required=True, help="PostgreSQL; dropped and rebuilt")
    parser.add_argument("--phones", default="50,200", help="steady scenarios, comma-separated")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--rush", type=int, default=200, help="phones in the rush (0: none)")
    parser.add_argument("--queued", type=int, default=100, help="mutations each phone queued")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--storm", type=int, default=0, help="phones in the full-copy storm")
    parser.add_argument(
        "--county", default="10,10", help="storm: projects per township, inspections per project"
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="storm: the database a run seeded, as it is (flask db upgrade it first)",
    )
    parser.add_argument("--server-root", type=Path, default=ROOT, help="checkout gunicorn runs")
    parser.add_argument("--seed-only", action="store_true", help="storm: seed, then stop")
    args = parser.parse_args()
    base = f"http://127.0.0.1:{args.port}"
    print(
        "| load | req/s | push p50 / p99 | pull p50 / p99 | login p50 | errors / lost "
        "| own capture back p50 / p99 |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- |")
    runs = [("steady", int(n)) for n in args.phones.split(",") if n] + (
        [("rush", args.rush)] if args.rush else []
    )
    runs += [("storm", args.storm)] if args.storm else []
    for kind, phones in runs:
        county = tuple(int(n) for n in args.county.split(",")) if kind == "storm" else None
        if kind != "storm" or not args.reuse:
            fresh_database(args.database_url)
            seed(args.database_url, phones, filled=county)
        if args.seed_only:
            continue
        server = start_server(args.database_url, args.port, args.server_root)
        sampler = WaitSampler(args.database_url)
        sampling = threading.Thread(target=sampler.run, daemon=True)
        sampling.start()
        try:
            stats, fleet, elapsed, acked_after, unreturned = asyncio.run(
                scenario(kind, base, phones, args.seconds, args.queued, sampler.waits.clear)
            )
        finally:
            sampler.running = False
            server.terminate()
            server.wait(30)
        inspections = [i for phone in fleet for i in phone.acked_inspections]
        answers = sum(phone.acked_answers for phone in fleet)
        lost = missing(args.database_url, inspections, answers) + unreturned
        if kind == "steady":
            print(row(f"{phones} phones, steady {args.seconds:.0f} s", stats, elapsed, lost))
            print(warm_up_line(stats, acked_after))
        elif kind == "storm":
            print(storm_line(phones, stats, fleet, acked_after))
        else:
            total = sum(phone.acked for phone in fleet)
            label = f"{phones} phones × {args.queued} queued, all at once"
            print(
                row(label, stats, elapsed, lost)
                + f" last acknowledged after {acked_after:.1f} s ({total / acked_after:.0f} mutations/s)"
            )
        print(
            f"  {len(inspections)} inspections, {answers} answers; database connections at work:"
            f" {sampler.summary()}"
        )
        if stats.errors or stats.retries or stats.resets:
            print(
                "  errors:",
                sorted(set(stats.errors))[:5],
                f"busy retries: {stats.retries}, connections reset and sent again: {stats.resets}",
            )
        sys.stdout.flush()


if __name__ == "__main__":
    main()
