"""Load test of the company survey (issue 4, §7): many respondents at once against a real server.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/standortkompass_bench .venv/bin/python bench/survey_load.py

Sets up a database with the default questionnaire in an open anonymous survey, starts
``standortkompass serve`` (uvicorn) on a free port, then lets RESPONDENTS simulated companies answer at
the same time: start page, consent, every page with answers that follow the questionnaire's logic
(generated like the demo answers), a think time between pages, submit. It reports page saves per second
and the latency of page saves (POST) and page views (GET), and afterwards counts in the database that
every answer arrived exactly once (the multiset of stored answers equals the multiset sent).
Target: p95 of page saves under 150 ms, no lost or duplicated answers.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
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
        "DJANGO_SETTINGS_MODULE": "standortkompass.config.settings",
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
print(json.dumps([[r.status, r.answers] for r in Response.objects.all()]))
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


@dataclass
class Timings:
    saves: list[float] = field(default_factory=list)
    views: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
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
            self.connection.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Host": "127.0.0.1"}
        body = None
        if fields is not None:
            body = urllib.parse.urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1{path}"
        self.connection.request(method, path, body=body, headers=headers)
        answer = self.connection.getresponse()
        text = answer.read().decode()
        self.last_used = time.monotonic()
        for header, value in answer.getheaders():
            if header.lower() == "set-cookie":
                name, rest = value.split("=", 1)
                self.cookies[name] = rest.split(";", 1)[0]
        return answer.status, answer.getheader("Location") or "", text


def respondent(port: int, plan: dict, think: float, timings: Timings, seed: int) -> None:
    rng = random.Random(seed)
    browser = Browser(port)
    try:
        time.sleep(rng.uniform(0, think))  # arrive spread over the first think time
        _status, _location, page = browser.request("GET", "/befragung/last/")
        token = CSRF.search(page).group(1)  # type: ignore[union-attr]
        browser.request("POST", "/befragung/last/", [("csrfmiddlewaretoken", token), ("consent", "yes")])
        for number, (page_name, fields) in enumerate(plan["pages"]):
            address = f"/befragung/last/seite/{page_name}/"
            # A follow-up question on the same page shows after the first save: the page comes again.
            for _shown in range(3):
                started = time.perf_counter()
                status, _loc, page = browser.request("GET", address)
                with timings.lock:
                    timings.views.append(time.perf_counter() - started)
                if status != 200:
                    raise RuntimeError(f"GET {page_name}: {status}")
                token = CSRF.search(page).group(1)  # type: ignore[union-attr]
                time.sleep(rng.uniform(0.5, 1.5) * think)
                action = "submit" if number == len(plan["pages"]) - 1 else "next"
                started = time.perf_counter()
                status, location, _ = browser.request(
                    "POST", address, [("csrfmiddlewaretoken", token), ("action", action), *fields]
                )
                with timings.lock:
                    timings.saves.append(time.perf_counter() - started)
                if status != 302:
                    raise RuntimeError(f"POST {page_name}: {status}")
                if not location.endswith(address):
                    break
    except Exception as error:
        with timings.lock:
            timings.errors.append(repr(error))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000 if ordered else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=500)
    parser.add_argument("--think", type=float, default=20.0, help="mean seconds between two pages of one respondent")
    parser.add_argument("--workers", type=int, default=2, help="app processes of the server")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", DEFAULT_DATABASE))
    options = parser.parse_args()
    env = _environment(options.database_url)
    _create_database(options.database_url)
    print(f"Setting up {options.respondents} respondents' answers on {options.database_url.split('@')[-1]} …")
    plans = json.loads(_python(SETUP.replace("COUNT", str(options.respondents)), env).strip().splitlines()[-1])
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "standortkompass", "serve", "--port", str(port), "--workers", str(options.workers)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=open(os.path.join(env["STANDORTKOMPASS_VAR_DIR"], "server.log"), "w"),  # noqa: SIM115
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        timings = Timings()
        threads = [
            threading.Thread(target=respondent, args=(port, plan, options.think, timings, number), daemon=True)
            for number, plan in enumerate(plans)
        ]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"server log: {os.path.join(env['STANDORTKOMPASS_VAR_DIR'], 'server.log')}")
    stored = json.loads(_python(COUNT_ANSWERS, env).strip().splitlines()[-1])
    sent = Counter(json.dumps(plan["answers"], sort_keys=True) for plan in plans)
    kept = Counter(json.dumps(answers, sort_keys=True) for status, answers in stored if status == "completed")
    lost = sum((sent - kept).values())
    if lost:
        example = json.loads(next(iter(sent - kept)))
        closest = min(
            (json.loads(text) for text in kept - sent),
            key=lambda other: len(
                set(other.items() ^ example.items())
                if False
                else set(map(str, other.items())) ^ set(map(str, example.items()))
            ),
            default={},
        )
        print("example of a difference:", sorted(set(map(str, example.items())) ^ set(map(str, closest.items())))[:6])
    duplicated = sum((kept - sent).values()) + max(0, len(stored) - len(plans))
    if not timings.saves:
        print(f"no page was saved; errors: {Counter(timings.errors).most_common(3)}")
        return 1
    p95 = percentile(timings.saves, 0.95)
    print(
        f"respondents at once     {options.respondents} (think time ~{options.think:.1f} s, {options.workers} workers)"
    )
    print(f"page saves              {len(timings.saves)} in {elapsed:.1f} s = {len(timings.saves) / elapsed:.1f}/s")
    print(
        f"page save latency       median {statistics.median(timings.saves) * 1000:.1f} ms, "
        f"p95 {p95:.1f} ms, max {max(timings.saves) * 1000:.1f} ms (target p95 < 150 ms)"
    )
    print(
        f"page view latency       median {statistics.median(timings.views) * 1000:.1f} ms, "
        f"p95 {percentile(timings.views, 0.95):.1f} ms"
    )
    print(f"errors                  {len(timings.errors)} {Counter(timings.errors).most_common(3)}")
    print(f"responses completed     {sum(1 for status, _ in stored if status == 'completed')} of {len(plans)}")
    print(f"answers lost            {lost}")
    print(f"answers duplicated      {duplicated}")
    ok = p95 < 150 and lost == 0 and duplicated == 0 and not timings.errors
    print("OK" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
