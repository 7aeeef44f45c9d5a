"""Benchmarks of Standortkompass (``make bench``).

Each benchmark builds its own reproducible data in a temporary SQLite database (or the
database in DATABASE_URL), runs the operation repeatedly and prints median, p95 and max
in milliseconds plus the peak memory of the process. Targets are checked here, never in
timed tests; a missed target makes the run exit with status 1.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass

os.environ.setdefault("STANDORTKOMPASS_VAR_DIR", tempfile.mkdtemp(prefix="standortkompass-bench-"))
os.makedirs(os.path.join(os.environ["STANDORTKOMPASS_VAR_DIR"], "static"), exist_ok=True)
os.environ.setdefault("SECRET_KEY", "bench-secret-key-that-is-long-enough-for-django")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("USE_HTTPS", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("STATIC_MANIFEST", "false")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "standortkompass.config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from pages import page_benchmarks  # noqa: E402  (bench/pages.py)

from analysis import analysis_benchmarks  # noqa: E402  (bench/analysis.py, next to this script)


@dataclass(frozen=True)
class Result:
    name: str
    runs: int
    median_ms: float
    p95_ms: float
    max_ms: float
    target_ms: float

    @property
    def ok(self) -> bool:
        return self.p95_ms <= self.target_ms

    @property
    def target(self) -> str:
        """The target p95, or "–" for rows shown for information (target infinite)."""
        return f"{self.target_ms:9.0f}ms" if math.isfinite(self.target_ms) else f"{'–':>11}"


def measure(name: str, operation: Callable[[], object], *, runs: int, target_ms: float) -> Result:
    operation()  # warm caches and templates
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        operation()
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return Result(
        name=name,
        runs=runs,
        median_ms=statistics.median(timings),
        p95_ms=timings[max(0, int(len(timings) * 0.95) - 1)],
        max_ms=timings[-1],
        target_ms=target_ms,
    )


def get(client: Client, path: str) -> Callable[[], object]:
    def operation() -> object:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        return response

    return operation


def build_data() -> None:
    from standortkompass.processes.models import Event, EventKind, StrategyProcess

    call_command("migrate", verbosity=0)
    call_command("load_official_data", verbosity=0)
    call_command("demo", "--force", verbosity=0)  # DEBUG is off here, as in production
    process = StrategyProcess.objects.get(slug="zukunftsstrategie-landkreis-ludwigsburg")
    start = timezone.make_aware(dt.datetime(2024, 1, 8, 10, 0))
    Event.objects.bulk_create(
        Event(
            process=process,
            title=f"Benchmark-Termin {number}",
            kind=EventKind.OTHER,
            start=start + dt.timedelta(days=number),
            end=start + dt.timedelta(days=number, hours=2),
            location="Ludwigsburg",
        )
        for number in range(1000)
    )


def main() -> int:
    build_data()
    client = Client()
    results = [
        measure("public home page", get(client, "/"), runs=200, target_ms=100),
        measure("dates list (1,000+ events)", get(client, "/termine/"), runs=100, target_ms=250),
        measure("iCalendar feed (1,000+ events)", get(client, "/termine.ics"), runs=30, target_ms=1000),
        measure("news feed", get(client, "/aktuelles/feed/"), runs=200, target_ms=100),
        measure("health check", get(client, "/healthz"), runs=200, target_ms=50),
    ]
    # Server time of the Standortanalyse pages: warm, cold after an import, and warmed after it (bench/pages.py).
    results += [Result(**figures) for figures in page_benchmarks()]
    # The Standortanalyse benchmarks run in one-core child processes (bench/analysis.py).
    results += [Result(**figures) for figures in analysis_benchmarks()]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'benchmark':40} {'runs':>5} {'median':>9} {'p95':>9} {'max':>9} {'target p95':>11}")
    for result in results:
        flag = ("ok" if result.ok else "MISSED") if math.isfinite(result.target_ms) else "info"
        print(
            f"{result.name:40} {result.runs:5d} {result.median_ms:8.1f}ms {result.p95_ms:8.1f}ms "
            f"{result.max_ms:8.1f}ms {result.target} {flag}"
        )
    print(f"peak memory of the process: {peak_mb:.0f} MB")
    return 0 if all(result.ok for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
