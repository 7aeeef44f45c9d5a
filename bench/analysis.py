"""Benchmarks of the Standortanalyse (issue 3, §6), run by ``bench/run.py`` after its own.

* **all districts** – ``all_districts_analysis`` for every district against Germany and
  against its own Land (location quotients for all sectors and years, all four shift-share
  forms, specialisation indices and ranks) on the shipped employment data, after loading it
  from the database. Target: 1 s.
* **employment import** – the shipped file
  ``employment/svb_arbeitsort_wirtschaftsabschnitte_kreise_2015-2020.csv`` (all districts,
  six years, 225,000 values) read and written by the importer into an empty database.
  Each run writes everything and then rolls the transaction back, so the next run starts
  from an empty database again. Target: 10 s.

Each benchmark runs in a child process pinned to one CPU, with the thread pools of
OpenBLAS, MKL and OpenMP limited to one thread before numpy is imported ("one core").
``python bench/analysis.py`` runs both on its own (loading the shipped data first);
``bench/run.py`` calls :func:`analysis_benchmarks` with the database it has built.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ONE_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "NUMEXPR_NUM_THREADS": "1"}
REPOSITORY = Path(__file__).resolve().parent.parent
EMPLOYMENT_FILE = "employment/svb_arbeitsort_wirtschaftsabschnitte_kreise_2015-2020.csv"
START, END = 2015, 2020


def _django_environment() -> None:
    os.environ.setdefault("STANDORTKOMPASS_VAR_DIR", tempfile.mkdtemp(prefix="standortkompass-bench-"))
    os.environ.setdefault("SECRET_KEY", "bench-secret-key-that-is-long-enough-for-django")
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("USE_HTTPS", "false")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("STATIC_MANIFEST", "false")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "standortkompass.config.settings")


def _timings(operation: Callable[[], object], runs: int) -> list[float]:
    operation()  # warm caches
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        operation()
        timings.append((time.perf_counter() - start) * 1000)
    return sorted(timings)


def _summary(name: str, timings: list[float], target_ms: float) -> dict[str, Any]:
    return {
        "name": name,
        "runs": len(timings),
        "median_ms": statistics.median(timings),
        "p95_ms": timings[max(0, int(len(timings) * 0.95) - 1)],
        "max_ms": timings[-1],
        "target_ms": target_ms,
    }


# In the child process ---------------------------------------------------------------------------


def _all_districts() -> dict[str, Any]:
    from standortkompass.standortanalyse.services.analysis.data import employment_observations
    from standortkompass.standortanalyse.services.analysis.districts import all_districts_analysis

    observations = employment_observations(years=range(START, END + 1))  # loading is not timed
    result = all_districts_analysis(start=START, end=END, observations=observations)
    assert len(result.districts) >= 400, len(result.districts)
    timings = _timings(lambda: all_districts_analysis(start=START, end=END, observations=observations), runs=20)
    return _summary(f"all {len(result.districts)} districts vs Bund and Land", timings, 1000)


def _employment_import() -> dict[str, Any]:
    from django.core.management import call_command

    from standortkompass.regiondata.catalogue import OFFICIAL_FILES
    from standortkompass.regiondata.importers.official import read_official_csv
    from standortkompass.regiondata.models import Observation
    from standortkompass.regiondata.services.observations import observations_import

    call_command("migrate", verbosity=0)
    assert not Observation.objects.exists()
    spec = next(spec for spec in OFFICIAL_FILES if spec.path == EMPLOYMENT_FILE)
    path = REPOSITORY / "src" / "standortkompass" / "regiondata" / "official" / EMPLOYMENT_FILE

    def operation() -> None:
        parsed = read_official_csv(path.read_bytes(), spec=spec)
        report = observations_import(parsed=parsed, sha256="0" * 64, dry_run=True)
        assert report.created > 200_000, report.summary()
        assert not report.updated, report.summary()

    timings = _timings(operation, runs=3)
    assert not Observation.objects.exists()
    return _summary("employment file import (225k values)", timings, 10_000)


CHILDREN: dict[str, Callable[[], dict[str, Any]]] = {
    "districts": _all_districts,
    "import": _employment_import,
}


def _child(name: str) -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    _django_environment()
    import django

    django.setup()
    print(json.dumps(CHILDREN[name]()))


# In the parent process --------------------------------------------------------------------------


def run_child(script: str, name: str, environment: dict[str, str]) -> dict[str, Any]:
    """``script --child name`` in a one-core child process; its last line of output, read as JSON.
    Also used by the other benchmark scripts of bench/."""
    completed = subprocess.run(
        [sys.executable, str(Path(script).resolve()), "--child", name],
        env={**environment, **ONE_THREAD},
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"benchmark {name} failed:\n{completed.stderr}")
    result: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


def analysis_benchmarks() -> list[dict[str, Any]]:
    """Both benchmarks, each in a one-core child process. The database of ``STANDORTKOMPASS_VAR_DIR``
    must hold the shipped data (``load_official_data``); the import runs in a fresh, empty one."""
    environment = dict(os.environ)
    empty = {**environment, "STANDORTKOMPASS_VAR_DIR": tempfile.mkdtemp(prefix="standortkompass-bench-import-")}
    empty.pop("DATABASE_URL", None)
    return [run_child(__file__, "districts", environment), run_child(__file__, "import", empty)]


def main() -> int:
    _django_environment()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_official_data", verbosity=0)
    results = analysis_benchmarks()
    print(f"{'benchmark':40} {'runs':>5} {'median':>9} {'p95':>9} {'max':>9} {'target p95':>11}")
    for result in results:
        flag = "ok" if result["p95_ms"] <= result["target_ms"] else "MISSED"
        print(
            f"{result['name']:40} {result['runs']:5d} {result['median_ms']:8.1f}ms {result['p95_ms']:8.1f}ms "
            f"{result['max_ms']:8.1f}ms {result['target_ms']:9.0f}ms {flag}"
        )
    return 0 if all(result["p95_ms"] <= result["target_ms"] for result in results) else 1


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        _child(sys.argv[2])
    else:
        sys.exit(main())
