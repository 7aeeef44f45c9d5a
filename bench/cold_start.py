"""Cold start of the Standortanalyse (issue 10, §7): 20 visitors at once on a server just started.

    .venv/bin/python bench/cold_start.py [--rounds 5] [--clients 20]

Builds a PostgreSQL database like a production install (``migrate``, ``load-official-data`` and the
demo with its published analysis of Landkreis Ludwigsburg), then per round: empties the Redis cache,
starts ``standortkompass serve`` with 2 uvicorn workers and production-like settings (DEBUG off,
PostgreSQL, Redis), and the moment it answers ``/healthz`` lets CLIENTS visitors request the
Standortanalyse pages at the same time (each one page, the six pages and both reference regions in
turn). It reports p50/p95/max of these first requests per round and over all rounds.

Two modes, each its own rounds:

* **as shipped** – each app process of ``serve`` computes the published analysis into the cache and
  draws its pages once before it accepts connections (``core.warmup`` on the ASGI lifespan startup;
  each cache entry is computed once across the processes, ``core.cache.single_flight``), so the
  visitors who arrive the moment ``/healthz`` answers find warm processes. Target: p95 under 1 s.
* **without warming** (``serve --no-warm``) – single-flight alone: the visitors themselves compute,
  each entry once, in cold processes. Shown for information.

The benchmark machine's other load counts: run it on a quiet machine, or say it was shared.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = "postgresql://postgres@127.0.0.1:5432/standortkompass_bench_cold"
DEFAULT_REDIS = "redis://127.0.0.1:6379/9"
TARGET_MS = 1000.0
PAGES = [
    "/standortanalyse/",
    "/standortanalyse/wirtschaftsstruktur/",
    "/standortanalyse/dynamik/",
    "/standortanalyse/arbeitsmarkt/",
    "/standortanalyse/karten/",
    "/standortanalyse/swot/",
]


def environment(database_url: str, redis_url: str) -> dict[str, str]:
    var_dir = tempfile.mkdtemp(prefix="standortkompass-cold-")
    os.makedirs(os.path.join(var_dir, "static"), exist_ok=True)
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "STANDORTKOMPASS_VAR_DIR": var_dir,
        "SECRET_KEY": "cold-start-secret-key-that-is-long-enough-for-django",
        "DEBUG": "false",
        "USE_HTTPS": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "STATIC_MANIFEST": "false",
        "TASKS_WORKER": "false",
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "standortkompass.config.settings",
    }


def create_database(database_url: str) -> None:
    import psycopg

    parts = urllib.parse.urlparse(database_url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def command(env: dict[str, str], *arguments: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "standortkompass", *arguments],
        env=env,
        cwd=ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        timeout=1800,
    )


def empty_cache(env: dict[str, str]) -> None:
    code = "import django; django.setup(); from django.core.cache import cache; cache.clear()"
    subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, check=True, timeout=120)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(env: dict[str, str], port: int, *extra: str, workers: int = 2) -> subprocess.Popen[bytes]:
    """``standortkompass serve`` on ``port``; returns once it answers /healthz (or raises after 60 s)."""
    log = open(os.path.join(env["STANDORTKOMPASS_VAR_DIR"], "server.log"), "a")  # noqa: SIM115
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "standortkompass",
            "serve",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--no-access-log",
            *extra,
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz", headers={"Host": "127.0.0.1"})
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.05)
    server.kill()
    raise RuntimeError(f"the server did not answer on port {port}; see {log.name}")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def fetch(port: int, path: str) -> tuple[int, float]:
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.request("GET", path, headers={"Host": "127.0.0.1"})
    answer = connection.getresponse()
    answer.read()
    connection.close()
    return answer.status, time.perf_counter() - started


def visitors(port: int, clients: int) -> list[float]:
    """CLIENTS first requests at the same moment; the seconds each waited. A status other than 200 raises."""
    paths = [PAGES[number % len(PAGES)] + ("?bezug=bund" if number % 12 >= 6 else "") for number in range(clients)]
    start = threading.Barrier(clients)
    timings: list[float] = []
    failures: list[str] = []

    def visit(path: str) -> None:
        start.wait()
        try:
            status, seconds = fetch(port, path)
        except OSError as error:
            failures.append(f"{path}: {error!r}")
            return
        if status != 200:
            failures.append(f"{path}: HTTP {status}")
        timings.append(seconds)

    threads = [threading.Thread(target=visit, args=(path,)) for path in paths]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise RuntimeError(f"{len(failures)} requests failed: {failures[:3]}")
    return timings


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_COLD_DATABASE_URL", DEFAULT_DATABASE))
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_COLD_REDIS_URL", DEFAULT_REDIS))
    options = parser.parse_args()
    env = environment(options.database_url, options.redis_url)
    print(f"Building the database {options.database_url.split('@')[-1]} (official data, demo) …", flush=True)
    create_database(options.database_url)
    command(env, "migrate", "--no-input")
    command(env, "load_official_data")
    command(env, "demo", "--force")
    print(f"{'mode':26} {'round':>5} {'p50':>9} {'p95':>9} {'max':>9}", flush=True)
    results: dict[str, list[float]] = {}
    for mode, extra in (("as shipped (warming)", ()), ("without warming", ("--no-warm",))):
        every: list[float] = []
        for number in range(1, options.rounds + 1):
            empty_cache(env)
            port = free_port()
            server = start_server(env, port, *extra)
            try:
                timings = visitors(port, options.clients)
            finally:
                stop_server(server)
            every += timings
            print(
                f"{mode:26} {number:5d} {statistics.median(timings) * 1000:7.0f}ms "
                f"{percentile(timings, 0.95):7.0f}ms {max(timings) * 1000:7.0f}ms",
                flush=True,
            )
        results[mode] = every
    print()
    print(
        f"{options.clients} visitors at once on a cold server, {options.rounds} rounds, "
        f"2 workers, {os.cpu_count()} cores"
    )
    for mode, every in results.items():
        target = f"target p95 < {TARGET_MS:.0f} ms" if mode.startswith("as shipped") else "information"
        print(
            f"{mode:26} p50 {statistics.median(every) * 1000:6.0f} ms  p95 {percentile(every, 0.95):6.0f} ms  "
            f"max {max(every) * 1000:6.0f} ms  ({target})"
        )
    ok = percentile(results["as shipped (warming)"], 0.95) < TARGET_MS
    print("OK" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
