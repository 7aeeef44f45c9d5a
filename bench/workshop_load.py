"""Load test of a live workshop (issue 13 §7): 300 phones dot-voting at once against a real server.

    .venv/bin/python bench/workshop_load.py [--participants 300] [--seconds 60] [--workers 2]

Sets up a PostgreSQL database with a live session whose current phase is a dot vote (budget 5, ten candidates,
results shown live), and a second phase to switch to; starts ``standortkompass serve`` (uvicorn, DEBUG off) with
the Redis channel layer (``REDIS_URL``; the benchmark empties that Redis database first, by default database 14),
and measures in one run:

1. **votes** – PARTICIPANTS simulated phones, each connected over WebSocket (``ws/mitmachen/<code>/``, the
   ``websockets`` client) with its own participant cookie, spend their 5 points one by one within SECONDS, each
   point a POST to the participant's points endpoint (``/mitmachen/<code>/punkte/``) as the page's "+" button
   sends it. Afterwards the database is counted: every point acknowledged to a phone (the redirect after its
   POST) must be stored (``lost``), and nobody may hold more than the budget (``over_budget``).
2. **vote → projector** – a projector connected with its key (``ws/werkstatt/<id>/?key=…``) receives the results
   fragment, coalesced by its consumer. For each point: from the moment its POST was sent to the first results
   message whose sequence number is at least the point's. The point's number is read from the database right
   after the POST's answer, so it may be a later one (never an earlier): the figure errs on the slow side.
3. **bare broadcast** – during the votes, every two seconds a Channels ``group_send`` from another process
   straight to the session's group (no database, no view), passed on by the phones' consumers: from the send to
   its arrival at each phone. This is the floor of the machine and this stack under the same load.
4. **phase switch** – after the votes, the next phase is opened (``services.phases.phase_open``, as the
   console's button does); from the call to the "phase" message at every phone (all must get it).

Targets: no point lost, no budget exceeded, p95 vote → projector under 200 ms and at most 2× the bare
broadcast's p95, the phase switch at every phone within 1 s. Ends with one line::

    workshop-load participants=300 votes=1500 lost=0 over_budget=0 vote_to_projector_p95_ms=…
    phase_switch_max_ms=… bare_broadcast_p95_ms=…     (one line)

and exits 1 when a target is missed. The machine's other load counts: run it on a quiet machine or say it was
shared.
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import json
import os
import random
import re
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from survey_load import Browser, Server, _create_database, _free_port, percentile

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = "postgresql://postgres@127.0.0.1:5432/standortkompass_bench_workshop"
DEFAULT_REDIS = "redis://127.0.0.1:6379/14"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
BUDGET = 5
ITEMS = 10
BROADCAST_EVERY = 2.0  # seconds between two bare broadcasts


def _environment(database_url: str, redis_url: str, settings: str) -> dict[str, str]:
    var_dir = tempfile.mkdtemp(prefix="standortkompass-workshop-load-")
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "STANDORTKOMPASS_VAR_DIR": var_dir,
        "SECRET_KEY": "load-test-secret-key-that-is-long-enough-for-django",
        "DEBUG": "false",
        "USE_HTTPS": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "STATIC_MANIFEST": "false",
        "TASKS_WORKER": "false",
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": settings,
    }


def _group_cpu(group: int) -> float:
    """CPU seconds used so far by the processes of a process group (the server: serve and its workers); Linux."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group:  # after the name: state, ppid, pgrp, …, utime (14th), stime (15th)
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def _flush_redis(redis_url: str) -> None:
    import redis

    redis.Redis.from_url(redis_url).flushdb()


SETUP = """
import django, json
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from standortkompass.regiondata.models import Region, RegionLevel
from standortkompass.processes.models import StrategyProcess
from standortkompass.workshops.models import Item, ItemOrigin, LiveSession, StakeholderGroup, Workshop, WorkshopKind
from standortkompass.workshops.services.participation import participant_join
from standortkompass.workshops.services.phases import phase_add, phase_open
from standortkompass.workshops.services.workshops import session_start
district = Region.objects.create(code="08118", name="Ludwigsburg", level=RegionLevel.DISTRICT, kind="Landkreis")
process = StrategyProcess.objects.create(slug="last", title="Lasttest", region=district, agency_name="Lasttest")
workshop = Workshop.objects.create(process=process, title="Strategiewerkstatt (Last)", kind=WorkshopKind.STRATEGY)
session = LiveSession.objects.create(workshop=workshop, title="Lasttest", join_code="LAST34", projector_key="k" * 43)
session_start(session=session, actor=None)
vote = phase_add(session=session, actor=None, data={"kind": "dot_vote", "title": "Punkte kleben",
                 "settings": {"budget": BUDGET, "reveal": "live"}})
items = [Item.objects.create(phase=vote, text=f"Handlungsfeld {n}", position=n, origin=ItemOrigin.FACILITATOR).pk
         for n in range(1, ITEMS + 1)]
following = phase_add(session=session, actor=None, data={"kind": "collect", "title": "Was fehlt noch?"})
phase_open(phase=vote, actor=None)
groups = list(StakeholderGroup.values)
tokens = [participant_join(session=session, group=groups[n % len(groups)])[1] for n in range(COUNT)]
print(json.dumps({"session": session.pk, "code": session.join_code, "key": session.projector_key, "phase": vote.pk,
                  "next_phase": following.pk, "items": items, "tokens": tokens}))
"""

PHASE_SWITCH = """
import django, json, time
django.setup()
from standortkompass.workshops.models import SessionPhase
from standortkompass.workshops.services.phases import phase_open
phase = SessionPhase.objects.get(pk=PHASE)
started = time.time()
phase_open(phase=phase, actor=None)
print(json.dumps({"started": started, "done": time.time()}))
"""

BROADCAST = """
import django, json, time
django.setup()
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from standortkompass.workshops.services.live import group_all
layer = get_channel_layer()
start = time.time() + 1
sent = []
for number in range(COUNT):
    time.sleep(max(0.0, start + number * EVERY - time.time()))
    moment = time.time()
    async_to_sync(layer.group_send)(group_all(SESSION), {"type": "session.changed", "event": "bench-broadcast",
                                                          "seq": 0, "table": None, "number": number, "sent": moment})
    sent.append(moment)
print(json.dumps(sent))
"""

COUNT_VOTES = """
import django, json
django.setup()
from django.db.models import Sum
from standortkompass.workshops.models import Contribution
rows = Contribution.objects.filter(phase_id=PHASE).values("participant__token_hash").annotate(points=Sum("value"))
print(json.dumps({row["participant__token_hash"]: row["points"] for row in rows}))
"""


def _python(code: str, env: dict[str, str]) -> str:
    import subprocess

    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, check=True, capture_output=True, text=True, timeout=1800
    )
    return done.stdout.strip().splitlines()[-1]


async def _python_async(code: str, env: dict[str, str]) -> str:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", code, env=env, cwd=ROOT, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    out, err = await process.communicate()
    if process.returncode:
        raise RuntimeError(err.decode()[-2000:])
    return out.decode().strip().splitlines()[-1]


@dataclass
class Results:
    acknowledged: dict[str, int] = field(default_factory=dict)  # token → points acknowledged
    votes: list[tuple[float, int]] = field(default_factory=list)  # (POST sent, the point's sequence number)
    post_latencies: list[float] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    broadcast_arrivals: list[float] = field(default_factory=list)  # seconds from send to arrival, per phone
    server_cpu: float = 0.0  # CPU seconds of the server's processes while the phones voted
    phase_arrivals: dict[int, float] = field(default_factory=dict)  # phone → arrival of the new phase
    projector: list[tuple[float, int]] = field(default_factory=list)  # (arrival, seq) of results messages
    lock: threading.Lock = field(default_factory=threading.Lock)


class Sequence:
    """The session's sequence number, read from the database (one connection, shared by the voting threads)."""

    def __init__(self, database_url: str, session_id: int) -> None:
        import psycopg

        self.connection = psycopg.connect(database_url, autocommit=True)
        self.session_id = session_id
        self.lock = threading.Lock()

    def now(self) -> int:
        with self.lock:
            row = self.connection.execute(
                "SELECT sequence FROM workshops_livesession WHERE id = %s", [self.session_id]
            ).fetchone()
        return int(row[0]) if row else 0


class Phone:
    """One participant: a WebSocket for the live messages and an HTTP connection with cookies for the POSTs."""

    def __init__(self, number: int, port: int, setup: dict[str, Any], results: Results) -> None:
        self.number, self.port, self.setup, self.results = number, port, setup, results
        self.token = setup["tokens"][number]
        self.cookie = f"sk_werkstatt_{setup['code']}"
        self.browser = Browser(port)
        self.browser.cookies[self.cookie] = self.token
        self.csrf = ""
        self.socket: Any = None
        self.listener: asyncio.Task[None] | None = None

    async def connect(self) -> None:
        from websockets.asyncio.client import connect

        self.socket = await connect(
            f"ws://127.0.0.1:{self.port}/ws/mitmachen/{self.setup['code']}/",
            origin=f"http://127.0.0.1:{self.port}",
            additional_headers={"Cookie": f"{self.cookie}={self.token}"},
            open_timeout=60,
            max_queue=None,
        )
        hello = json.loads(await self.socket.recv())
        if hello.get("type") != "hello":
            raise RuntimeError(f"phone {self.number}: no hello but {hello}")
        self.listener = asyncio.get_running_loop().create_task(self.listen())

    async def listen(self) -> None:
        from websockets.exceptions import ConnectionClosed

        try:
            async for raw in self.socket:
                arrived = time.time()
                message = json.loads(raw)
                if message.get("event") == "bench-broadcast":
                    with self.results.lock:
                        self.results.broadcast_arrivals.append(arrived - float(message["sent"]))
                elif message.get("event") == "phase" and message.get("phase") == self.setup["next_phase"]:
                    self.results.phase_arrivals.setdefault(self.number, arrived)
        except ConnectionClosed as closed:
            if closed.rcvd is None or closed.rcvd.code != 1000:
                with self.results.lock:
                    self.results.errors.append(f"phone {self.number}: connection closed ({closed})")

    def open_page(self) -> None:
        """The phone's page (as the browser shows it after joining): the CSRF token of its forms."""
        status, _location, page = self.browser.request("GET", f"/mitmachen/{self.setup['code']}/")
        found = CSRF.search(page)
        if status != 200 or found is None:
            raise RuntimeError(f"phone {self.number}: page answered {status}")
        self.csrf = found.group(1)

    def vote(self, item: int, sequence: Sequence) -> None:
        """One point more for ``item``, as the "+" button sends it; the point's sequence number afterwards."""
        fields = [("csrfmiddlewaretoken", self.csrf), ("item", str(item)), ("delta", "1")]
        sent = time.time()
        status, location, _body = self.browser.request("POST", f"/mitmachen/{self.setup['code']}/punkte/", fields)
        answered = time.time()
        if status != 302 or "#" not in location:
            with self.results.lock:
                self.results.refused.append(f"{status} {location}"[:120])
            return
        seq = sequence.now()
        with self.results.lock:
            self.results.acknowledged[self.token] = self.results.acknowledged.get(self.token, 0) + 1
            self.results.votes.append((sent, seq))
            self.results.post_latencies.append(answered - sent)

    async def close(self) -> None:
        if self.socket is not None:
            await self.socket.close()
        if self.listener is not None:
            await self.listener


async def projector(port: int, setup: dict[str, Any], results: Results, ready: asyncio.Event) -> None:
    from websockets.asyncio.client import connect
    from websockets.exceptions import ConnectionClosed

    query = urllib.parse.urlencode({"key": setup["key"]})
    async with connect(
        f"ws://127.0.0.1:{port}/ws/werkstatt/{setup['session']}/?{query}",
        origin=f"http://127.0.0.1:{port}",
        max_queue=None,
        max_size=None,
    ) as socket:
        ready.set()
        try:
            async for raw in socket:
                arrived = time.time()
                message = json.loads(raw)
                if message.get("type") == "results":
                    results.projector.append((arrived, int(message["seq"])))
        except ConnectionClosed as closed:
            results.errors.append(f"projector: connection closed ({closed})")


async def run(
    options: argparse.Namespace, env: dict[str, str], setup: dict[str, Any], port: int, server_group: int
) -> Results:
    results = Results()
    rng = random.Random(13)
    pool = ThreadPoolExecutor(max_workers=min(100, options.participants))
    loop = asyncio.get_running_loop()
    sequence = Sequence(options.database_url, setup["session"])
    ready = asyncio.Event()
    watcher = loop.create_task(projector(port, setup, results, ready))
    await asyncio.wait_for(ready.wait(), 60)
    phones = [Phone(number, port, setup, results) for number in range(options.participants)]
    for start in range(0, len(phones), 25):  # a room filling up, not one burst
        batch = phones[start : start + 25]
        await asyncio.gather(*(phone.connect() for phone in batch))
        await asyncio.gather(*(loop.run_in_executor(pool, phone.open_page) for phone in batch))
    print(f"{len(phones)} phones connected; voting for {options.seconds:.0f} s …", flush=True)

    broadcasts = int(options.seconds // BROADCAST_EVERY)
    code = BROADCAST.replace("COUNT", str(broadcasts)).replace("EVERY", str(BROADCAST_EVERY))
    broadcaster = loop.create_task(_python_async(code.replace("SESSION", str(setup["session"])), env))
    started = time.time()
    cpu_before = _group_cpu(server_group)

    async def voter(phone: Phone) -> None:
        moments = sorted(rng.uniform(0, options.seconds) for _ in range(BUDGET))
        for moment in moments:
            await asyncio.sleep(max(0.0, started + moment - time.time()))
            try:
                await loop.run_in_executor(pool, phone.vote, rng.choice(setup["items"]), sequence)
            except Exception as error:
                with results.lock:
                    results.errors.append(f"phone {phone.number}: {error!r}"[:200])

    await asyncio.gather(*(voter(phone) for phone in phones))
    results.server_cpu = _group_cpu(server_group) - cpu_before
    await broadcaster
    await asyncio.sleep(2)  # the last results reach the projector

    switch = json.loads(await _python_async(PHASE_SWITCH.replace("PHASE", str(setup["next_phase"])), env))
    deadline = time.time() + 10
    while len(results.phase_arrivals) < len(phones) and time.time() < deadline:
        await asyncio.sleep(0.1)
    results.phase_arrivals = {number: at - switch["started"] for number, at in results.phase_arrivals.items()}

    await asyncio.gather(*(phone.close() for phone in phones))
    watcher.cancel()
    pool.shutdown()
    return results


def vote_to_projector(results: Results) -> tuple[list[float], int]:
    """Per acknowledged point: seconds from its POST to the first results message with its number; and how many
    points never reached the projector."""
    arrivals = sorted(results.projector)
    running, highest = [], 0  # the highest number shown so far, per arrival
    for _at, seq in arrivals:
        highest = max(highest, seq)
        running.append(highest)
    latencies, missing = [], 0
    for sent, seq in results.votes:
        index = bisect.bisect_left(running, seq)
        if index == len(running):
            missing += 1
            continue
        latencies.append(arrivals[index][0] - sent)
    return latencies, missing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=60.0, help="the time in which every phone spends its points")
    parser.add_argument("--workers", type=int, default=2, help="app processes of the server")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", DEFAULT_DATABASE))
    parser.add_argument("--redis-url", default=DEFAULT_REDIS, help="a Redis database of the benchmark's own (emptied)")
    parser.add_argument("--settings", default="standortkompass.config.settings", help="the server's settings module")
    options = parser.parse_args()
    if not options.database_url.startswith("postgres"):
        parser.error("the benchmark runs against PostgreSQL (--database-url postgres://…)")
    env = _environment(options.database_url, options.redis_url, options.settings)
    _create_database(options.database_url)
    _flush_redis(options.redis_url)
    print(f"Setting up a session with {options.participants} participants on {options.database_url.split('@')[-1]} …")
    code = SETUP.replace("COUNT", str(options.participants)).replace("BUDGET", str(BUDGET)).replace("ITEMS", str(ITEMS))
    setup = json.loads(_python(code, env))
    server = Server(env, _free_port(), options.workers)
    server.start()
    try:
        assert server.process is not None
        results = asyncio.run(run(options, env, setup, server.port, server.process.pid))
    finally:
        server.stop()
    print(f"server log: {server.log}")
    stored: dict[str, int] = json.loads(_python(COUNT_VOTES.replace("PHASE", str(setup["phase"])), env))
    return report(options, setup, results, stored)


def report(options: argparse.Namespace, setup: dict[str, Any], results: Results, stored: dict[str, int]) -> int:
    import hashlib

    hashes = {token: hashlib.sha256(token.encode()).hexdigest() for token in setup["tokens"]}
    votes = sum(results.acknowledged.values())
    lost = sum(max(0, count - stored.get(hashes[token], 0)) for token, count in results.acknowledged.items())
    over_budget = sum(1 for points in stored.values() if points > BUDGET)
    latencies, missing = vote_to_projector(results)
    vote_p95 = percentile(latencies, 0.95)
    bare_p95 = percentile(results.broadcast_arrivals, 0.95)
    switch = list(results.phase_arrivals.values())
    switch_max = max(switch) * 1000 if switch else float("nan")
    without_switch = options.participants - len(switch)
    expected = options.participants * BUDGET
    broadcasts = int(options.seconds // BROADCAST_EVERY)
    print(f"machine                 {os.cpu_count()} cores; {options.workers} uvicorn workers; PostgreSQL; Redis layer")
    print(f"points acknowledged     {votes} of {expected} in {options.seconds:.0f} s; refused {len(results.refused)}")
    print(
        f"server CPU while voting {results.server_cpu:.1f} s of {os.cpu_count()} × {options.seconds:.0f} s "
        f"({results.server_cpu / max(votes, 1) * 1000:.0f} ms per point, all consumers and renders included)"
    )
    print(
        f"POST latency            median {statistics.median(results.post_latencies) * 1000:.1f} ms, "
        f"p95 {percentile(results.post_latencies, 0.95):.1f} ms"
        if results.post_latencies
        else "POST latency            –"
    )
    print(
        f"vote → projector        median {statistics.median(latencies) * 1000:.1f} ms, p95 {vote_p95:.1f} ms, "
        f"max {max(latencies) * 1000:.1f} ms; {len(results.projector)} results messages; {missing} points never shown"
        if latencies
        else f"vote → projector        no point reached the projector ({missing} missing)"
    )
    print(
        f"bare broadcast          {len(results.broadcast_arrivals)} deliveries of {broadcasts} × "
        f"{options.participants}; median {statistics.median(results.broadcast_arrivals or [float('nan')]) * 1000:.1f}"
        f" ms, p95 {bare_p95:.1f} ms"
    )
    print(f"phase switch            {len(switch)} of {options.participants} phones, max {switch_max:.0f} ms")
    print(f"errors                  {len(results.errors)} {results.errors[:3]} refused {results.refused[:3]}")
    ok = (
        votes == expected
        and lost == 0
        and over_budget == 0
        and missing == 0
        and not results.errors
        and vote_p95 < 200
        and vote_p95 <= 2 * bare_p95
        and without_switch == 0
        and switch_max < 1000
        and len(results.broadcast_arrivals) == broadcasts * options.participants
    )
    print("OK" if ok else "TARGET MISSED")
    print(
        f"workshop-load participants={options.participants} votes={votes} lost={lost} over_budget={over_budget} "
        f"vote_to_projector_p95_ms={vote_p95:.0f} phase_switch_max_ms={switch_max:.0f} "
        f"bare_broadcast_p95_ms={bare_p95:.0f}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
