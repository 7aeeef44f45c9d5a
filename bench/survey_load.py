"""Load test of the company survey (issue 4 §7, issue 10 §7): many respondents at once against a real server.

    .venv/bin/python bench/survey_load.py [--respondents 500] [--think 2] [--no-fault]

Sets up a PostgreSQL database with the default questionnaire in an open anonymous survey, starts
``standortkompass serve`` (uvicorn, 2 workers, DEBUG off) on a free port, and measures in one run:

1. **bare view** – the floor of this server setup: a Django view that inserts one row per POST
   (``bench/bare/``, a URL configuration and settings module of the benchmark only, served by the
   same ``serve`` with the same middleware and database), CLIENTS clients posting as fast as they
   can for BARE_SECONDS. Reported: POST/s and p95.
2. **survey** – RESPONDENTS simulated companies answer at the same time: start page, consent, every
   page with answers that follow the questionnaire's logic (generated like the demo answers), a think
   time between pages, submit. Reported: page saves per second, latency of page saves (POST) and page
   views (GET), and the ratio of saves/s to the bare POST/s.
3. **fault** (unless ``--no-fault``) – during the survey load the server's whole process group (serve
   and its uvicorn workers) is killed with SIGKILL and started again; respondents whose request failed
   retry it as a person would (the page again, then the save again). Afterwards the database is
   counted: every answer acknowledged to a respondent (a redirect after its save) must be stored —
   completed respondents' answers exactly once, the pages acknowledged to respondents who did not
   finish in their response in progress.

Targets: page saves ≥ 25 % of the bare view's rate (both at saturation with this think time), p95 of
page saves under 150 ms, 0 answers lost, 0 duplicated. The machine's other load counts: run it on a
quiet machine or say it was shared.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
DEFAULT_DATABASE = "postgresql://postgres@127.0.0.1:5432/standortkompass_bench"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _environment(database_url: str) -> dict[str, str]:
    var_dir = tempfile.mkdtemp(prefix="standortkompass-load-")
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "STANDORTKOMPASS_VAR_DIR": var_dir,
        "SECRET_KEY": "load-test-secret-key-that-is-long-enough-for-django",
        "DEBUG": "false",
        "USE_HTTPS": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "STATIC_MANIFEST": "false",
        "TASKS_WORKER": "false",
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "bare.settings",  # the project's settings plus /bare/ (bench/bare/)
        "PYTHONPATH": os.pathsep.join(filter(None, [str(BENCH), os.environ.get("PYTHONPATH", "")])),
    }


def _create_database(database_url: str) -> None:
    if not database_url.startswith("postgres"):
        return
    import psycopg

    parts = urllib.parse.urlparse(database_url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


SETUP = """
import django, json, random
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from standortkompass.regiondata.models import Region, RegionLevel
from standortkompass.processes.models import StrategyProcess
from standortkompass.surveys.demo import DEFAULT_QUESTIONNAIRE, generate_answers
from standortkompass.surveys.models import Anonymity
from standortkompass.surveys.runtime import Runtime
from standortkompass.surveys.selectors.surveys import personal_question_names
from standortkompass.surveys.services.questionnaires import questionnaire_import, questionnaire_publish
from standortkompass.surveys.services.surveys import survey_create, survey_open
district = Region.objects.create(code="08118", name="Ludwigsburg", level=RegionLevel.DISTRICT, kind="Landkreis")
process = StrategyProcess.objects.create(slug="last", title="Lasttest", region=district, agency_name="Lasttest")
version = questionnaire_import(process=process, data=DEFAULT_QUESTIONNAIRE.read_bytes(), filename="q.xlsx")
questionnaire_publish(version=version, actor=None)
survey = survey_create(process=process, questionnaire=version.questionnaire, actor=None, slug="last",
                       anonymity=Anonymity.ANONYMOUS)
survey_open(survey=survey, actor=None)
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE bench_bare_row (id bigserial PRIMARY KEY, payload text NOT NULL)")
runtime = Runtime(version.schema)
rng = random.Random(7)
plans = []
for _ in range(COUNT):
    answers = generate_answers(runtime, rng, personal=personal_question_names(version))
    pages = []
    for page in runtime.visible_pages(answers):
        fields = []
        for name in runtime.answerable_names(page):
            value = answers.get(name)
            question = runtime.questions.get(name)
            if value is None or question is None:
                continue
            if question["kind"] == "rank":
                fields += [(f"{name}__rank{i}", choice) for i, choice in enumerate(value, 1)]
            elif isinstance(value, list):
                fields += [(name, choice) for choice in value]
            else:
                fields.append((name, str(value)))
        pages.append([page["name"], fields])
    plans.append({"answers": answers, "pages": pages})
print(json.dumps(plans))
"""

COUNT_ANSWERS = """
import django, json
django.setup()
from standortkompass.surveys.models import Response
print(json.dumps([[r.status, r.answers, bool(r.pages_done)] for r in Response.objects.all()]))
"""


def _python(code: str, env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, check=True, capture_output=True, text=True, timeout=1800
    )
    return done.stdout


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    """``standortkompass serve`` in its own process group, so that a crash can be simulated with SIGKILL to all."""

    def __init__(self, env: dict[str, str], port: int, workers: int) -> None:
        self.env, self.port, self.workers = env, port, workers
        self.log = os.path.join(env["STANDORTKOMPASS_VAR_DIR"], "server.log")
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                *(sys.executable, "-m", "standortkompass", "serve"),
                *("--port", str(self.port), "--workers", str(self.workers), "--no-access-log"),
            ],
            env=self.env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=open(self.log, "a"),  # noqa: SIM115
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                connection.request("GET", "/healthz", headers={"Host": "127.0.0.1"})
                if connection.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"the server did not start; see {self.log}")

    def kill(self) -> None:
        """SIGKILL to serve and its uvicorn workers at once, as a crash or the OOM killer would."""
        assert self.process is not None
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


@dataclass
class Timings:
    saves: list[float] = field(default_factory=list)
    save_times: list[float] = field(default_factory=list)  # when each save was acknowledged
    views: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    retries: int = 0
    finished: int = 0
    # Per respondent who did not finish: the answers of the pages acknowledged to them.
    unfinished: list[dict[str, object]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


class Browser:
    """One respondent's connection with cookies, like a browser without JavaScript.

    Like a browser it opens a new connection when the server has closed an idle one (uvicorn
    closes keep-alive connections after 5 s), instead of writing into a closed socket.
    """

    IDLE_SECONDS = 4.0

    def __init__(self, port: int) -> None:
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookies: dict[str, str] = {}
        self.last_used = time.monotonic()

    def request(self, method: str, path: str, fields: list[tuple[str, str]] | None = None) -> tuple[int, str, str]:
        if time.monotonic() - self.last_used > self.IDLE_SECONDS:
            self.reconnect()
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Host": "127.0.0.1"}
        body = None
        if fields is not None:
            body = urllib.parse.urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1{path}"
        try:
            self.connection.request(method, path, body=body, headers=headers)
            answer = self.connection.getresponse()
            text = answer.read().decode()
        except (OSError, http.client.HTTPException):
            self.reconnect()
            raise
        self.last_used = time.monotonic()
        for header, value in answer.getheaders():
            if header.lower() == "set-cookie":
                name, rest = value.split("=", 1)
                self.cookies[name] = rest.split(";", 1)[0]
        return answer.status, answer.getheader("Location") or "", text

    def reconnect(self) -> None:
        self.connection.close()
        self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)


RETRY_SECONDS = 90.0  # how long a respondent keeps trying while the server is down


def respondent(port: int, plan: dict, think: float, timings: Timings, seed: int) -> None:
    rng = random.Random(seed)
    browser = Browser(port)
    acknowledged: dict[str, object] = {}
    done = False

    def attempt(step):  # type: ignore[no-untyped-def]
        """Run ``step`` again while the server is away (connection refused or reset, 502/503), like a person
        pressing the button again; give up after RETRY_SECONDS."""
        deadline = time.monotonic() + RETRY_SECONDS
        while True:
            try:
                return step()
            except (OSError, http.client.HTTPException, _UnavailableError):
                if time.monotonic() > deadline:
                    raise
                with timings.lock:
                    timings.retries += 1
                time.sleep(rng.uniform(0.2, 1.0))

    try:
        time.sleep(rng.uniform(0, think))  # arrive spread over the first think time

        def begin() -> None:
            status, _location, page = browser.request("GET", "/befragung/last/")
            _available(status)
            token = CSRF.search(page).group(1)  # type: ignore[union-attr]
            status, _location, _ = browser.request(
                "POST", "/befragung/last/", [("csrfmiddlewaretoken", token), ("consent", "yes")]
            )
            _available(status)

        attempt(begin)
        for number, (page_name, fields) in enumerate(plan["pages"]):
            address = f"/befragung/last/seite/{page_name}/"
            action = "submit" if number == len(plan["pages"]) - 1 else "next"
            # A follow-up question on the same page shows after the first save: the page comes again.
            for _shown in range(3):

                def view(address: str = address, page_name: str = page_name) -> str:
                    started = time.perf_counter()
                    status, _loc, page = browser.request("GET", address)
                    _available(status)
                    if status != 200:
                        raise RuntimeError(f"GET {page_name}: {status}")
                    with timings.lock:
                        timings.views.append(time.perf_counter() - started)
                    return CSRF.search(page).group(1)  # type: ignore[union-attr]

                token = attempt(view)
                time.sleep(rng.uniform(0.5, 1.5) * think)

                def save(
                    address: str = address, page_name: str = page_name, action: str = action, fields: list = fields
                ) -> str:
                    nonlocal token
                    started = time.perf_counter()
                    try:
                        status, location, _ = browser.request(
                            "POST", address, [("csrfmiddlewaretoken", token), ("action", action), *fields]
                        )
                        _available(status)
                    except (OSError, http.client.HTTPException, _UnavailableError):
                        token = view()  # not acknowledged: the page again, then the save again
                        raise
                    if status != 302:
                        raise RuntimeError(f"POST {page_name}: {status}")
                    now = time.perf_counter()
                    with timings.lock:
                        timings.saves.append(now - started)
                        timings.save_times.append(now)
                    return location

                location = attempt(save)
                acknowledged.update({name: plan["answers"][name] for name, _value in fields if name in plan["answers"]})
                if not location.endswith(address):
                    break
        done = True
    except Exception as error:
        with timings.lock:
            timings.errors.append(repr(error)[:200])
    with timings.lock:
        if done:
            timings.finished += 1
        else:
            timings.unfinished.append(acknowledged)


class _UnavailableError(Exception):
    pass


def _available(status: int) -> None:
    if status in {502, 503, 504}:
        raise _UnavailableError(status)


def bare_load(port: int, clients: int, seconds: float) -> tuple[list[float], float]:
    """CLIENTS connections posting to /bare/ as fast as the server answers; the latencies and the elapsed time."""
    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client(number: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        body = urllib.parse.urlencode({"client": number, "answer": "x" * 200})
        headers = {"Host": "127.0.0.1", "Content-Type": "application/x-www-form-urlencoded"}
        mine = []
        while time.perf_counter() < stop:
            started = time.perf_counter()
            connection.request("POST", "/bare/", body=body, headers=headers)
            answer = connection.getresponse()
            answer.read()
            if answer.status != 302:
                failures.append(str(answer.status))
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(number,)) for number in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise RuntimeError(f"bare view: {len(failures)} failures, e.g. {failures[:3]}")
    return latencies, time.perf_counter() - started


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000 if ordered else float("nan")


def _steady_rate(times: list[float]) -> float:
    """Saves per second in the middle 80 % of the run (arrivals and departures left out)."""
    ordered = sorted(times)
    if len(ordered) < 10:
        return float("nan")
    low, high = ordered[len(ordered) // 10], ordered[len(ordered) * 9 // 10]
    return (len(ordered) * 8 // 10) / (high - low) if high > low else float("nan")


def count_lost(plans: list[dict], timings: Timings, stored: list[list]) -> tuple[int, int, int]:
    """(answers acknowledged but not stored, answer sets stored twice, abandoned starts).

    An abandoned start is a response without answers: the server began it, but was killed before the
    respondent got the answer, so the respondent began again (as a person would, with a new one). It holds
    nothing that was acknowledged, like a visitor who consented and left."""
    sent = Counter(json.dumps(plan["answers"], sort_keys=True) for plan in plans)
    kept = Counter(json.dumps(answers, sort_keys=True) for status, answers, _saved in stored if status == "completed")
    finished_missing = sent - kept
    # Respondents who did not finish: their plan is in `sent` but not in `kept`; what they were told was saved
    # must be in a response in progress.
    in_progress = [(answers, saved) for status, answers, saved in stored if status != "completed"]
    lost = 0
    for acknowledged in timings.unfinished:
        match = any(all(answers.get(k) == v for k, v in acknowledged.items()) for answers, _saved in in_progress)
        if not match:
            lost += len(acknowledged)
    missing_completed = sum(finished_missing.values()) - len(timings.unfinished)
    if missing_completed > 0:
        lost += missing_completed
        example = json.loads(next(iter(finished_missing)))
        print("example of an answer set not stored:", sorted(map(str, example.items()))[:6])
    duplicated = sum((kept - sent).values())
    # A response holds answers once a page of it was saved; the values a start computes (calculations with
    # no answer yet) are not answers of anyone.
    answered_in_progress = [answers for answers, saved in in_progress if saved]
    # More responses holding answers than respondents: some answers were stored in a second response.
    completed = sum(kept.values())
    duplicated += max(0, completed + len(answered_in_progress) - len(plans))
    abandoned = len(in_progress) - len(answered_in_progress)
    return lost, duplicated, abandoned


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=500)
    parser.add_argument("--think", type=float, default=2.0, help="mean seconds between two pages of one respondent")
    parser.add_argument("--workers", type=int, default=2, help="app processes of the server")
    parser.add_argument("--bare-clients", type=int, default=32)
    parser.add_argument("--bare-seconds", type=float, default=15.0)
    parser.add_argument("--kill-after", type=float, default=15.0, help="seconds into the survey load")
    parser.add_argument("--no-fault", action="store_true", help="do not kill the server during the survey load")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", DEFAULT_DATABASE))
    options = parser.parse_args()
    env = _environment(options.database_url)
    _create_database(options.database_url)
    print(f"Setting up {options.respondents} respondents' answers on {options.database_url.split('@')[-1]} …")
    plans = json.loads(_python(SETUP.replace("COUNT", str(options.respondents)), env).strip().splitlines()[-1])
    server = Server(env, _free_port(), options.workers)
    server.start()
    killed_at = restarted_at = None
    try:
        bare_latencies, bare_elapsed = bare_load(server.port, options.bare_clients, options.bare_seconds)
        timings = Timings()
        threads = [
            threading.Thread(target=respondent, args=(server.port, plan, options.think, timings, number), daemon=True)
            for number, plan in enumerate(plans)
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        if not options.no_fault:
            time.sleep(options.kill_after)
            killed_at = time.perf_counter() - started
            server.kill()
            server.start()
            restarted_at = time.perf_counter() - started
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
    finally:
        server.stop()
    print(f"server log: {server.log}")
    stored = json.loads(_python(COUNT_ANSWERS, env).strip().splitlines()[-1])
    lost, duplicated, abandoned = count_lost(plans, timings, stored)
    if not timings.saves:
        print(f"no page was saved; errors: {Counter(timings.errors).most_common(3)}")
        return 1
    bare_rate = len(bare_latencies) / bare_elapsed
    bare_p95 = percentile(bare_latencies, 0.95)
    rate = len(timings.saves) / elapsed
    steady = _steady_rate(timings.save_times)
    p95 = percentile(timings.saves, 0.95)
    print(f"machine                 {os.cpu_count()} cores; {options.workers} uvicorn workers; PostgreSQL")
    print(
        f"bare view               {len(bare_latencies)} POST in {bare_elapsed:.1f} s = {bare_rate:.0f}/s, "
        f"p95 {bare_p95:.1f} ms ({options.bare_clients} clients without pause)"
    )
    print(f"respondents at once     {options.respondents} (think time ~{options.think:.1f} s)")
    print(
        f"page saves              {len(timings.saves)} in {elapsed:.1f} s = {rate:.1f}/s "
        f"(steady middle of the run {steady:.1f}/s)"
    )
    print(
        f"page save latency       median {statistics.median(timings.saves) * 1000:.1f} ms, "
        f"p95 {p95:.1f} ms, max {max(timings.saves) * 1000:.1f} ms (target p95 < 150 ms)"
    )
    print(
        f"page view latency       median {statistics.median(timings.views) * 1000:.1f} ms, "
        f"p95 {percentile(timings.views, 0.95):.1f} ms"
    )
    ratio = steady / bare_rate if bare_rate else float("nan")
    print(f"saves/s : bare POST/s   {ratio:.1%} (target ≥ 25 % at saturation)")
    if killed_at is not None:
        print(
            f"fault                   serve and its workers killed (SIGKILL) at {killed_at:.1f} s, "
            f"serving again at {restarted_at:.1f} s; {timings.retries} requests retried"
        )
    print(f"errors                  {len(timings.errors)} {Counter(timings.errors).most_common(3)}")
    print(f"respondents finished    {timings.finished} of {len(plans)}")
    print(f"responses completed     {sum(1 for status, *_ in stored if status == 'completed')} of {len(plans)}")
    print(f"answers lost            {lost} (acknowledged to a respondent, not stored)")
    print(f"answers duplicated      {duplicated}")
    print(f"abandoned starts        {abandoned} (begun when the server was killed, begun again by the respondent)")
    ok = p95 < 150 and lost == 0 and duplicated == 0 and not timings.errors and ratio >= 0.25
    print("OK" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
