"""Benchmark of the survey data exports (``standortkompass.surveys.export_formats``).

A seeded synthetic table of 10,000 rows × 150 variables ("synthetic benchmark data": 60 categoricals
with missing codes, 30 multiple-choice 0/1 columns, 20 counts with missing codes, 20 decimals, 15 texts
of up to 40 words, 5 dates, about 8 % missing) is written as CSV, XLSX, SPSS and Stata into a file
in a temporary folder. Each format runs in its own child process pinned to one CPU: three timed runs
(median, p95 = max of three), then one more run under tracemalloc for the peak of Python allocations;
the maximum resident set size of the child (``getrusage``), data generation included, is reported too.
Targets: XLSX and SAV under 15 s, memory under 1 GB; CSV and DTA are shown for information.

**End to end** (``--end-to-end``, also part of the default run): 10,000 responses generated with
``surveys.demo.generate_answers`` on the default questionnaire "Unternehmensbefragung Zukunftsstrategie"
("synthetic benchmark data", seeded) are stored once in a temporary SQLite database; then, per format in its own
one-core child process, ``export_table`` (reading the responses, missing codes, unsuppressed) plus the XLSX or SAV
writer are timed together, five runs each (p95 = max of five), with the child's maximum resident set size; then
the same again while a process requests pages without pause (*under load*, ``bench/background.py``).

``python bench/survey_export.py`` prints the table; ``bench/run.py`` can call :func:`survey_export_benchmarks`
(rows with the keys of its ``Result`` plus ``tracemalloc_peak_mb``, ``maxrss_mb``, ``memory_target_mb``) or
:func:`main`.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from background import background_load  # bench/background.py

from analysis import ONE_THREAD, run_child  # bench/analysis.py, next to this script

ROWS = 10_000
SEED = 20_260_101
RUNS = 3
TARGETS_MS = {"csv": math.inf, "xlsx": 15_000.0, "sav": 15_000.0, "dta": math.inf}
MEMORY_TARGET_MB = 1024.0
MISSING = {-1: "nicht gefragt (Filter)", -2: "keine Angabe", -9: "weiß nicht"}
SCALE = {1: "sehr schlecht", 2: "schlecht", 3: "teils, teils", 4: "gut", 5: "sehr gut"}
CHOSEN = {0: "nicht gewählt", 1: "gewählt"}
WORDS = (
    "Breitband",
    "Fachkräfte",
    "Gewerbefläche",
    "Verkehrsanbindung",
    "Förderung",
    "Genehmigung",
    "Verwaltung",
    "Digitalisierung",
    "Ausbildung",
    "Energiepreise",
    "Wohnraum",
    "Kinderbetreuung",
    "Nahverkehr",
    "Straßen",
    "Innenstadt",
    "Mietpreise",
    "schnell",
    "langsam",
    "gut",
    "schlecht",
    "wichtig",
    "sehr",
    "zu",
    "wenig",
    "größer",
    "kleiner",
    "mehr",
    "über",
    "für",
    "und",
    "oder",
    "nicht",
    "Grundstück",
)


def _django_environment() -> None:
    os.environ.setdefault("STANDORTKOMPASS_VAR_DIR", tempfile.mkdtemp(prefix="standortkompass-bench-"))
    os.environ.setdefault("SECRET_KEY", "bench-secret-key-that-is-long-enough-for-django")
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("USE_HTTPS", "false")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("STATIC_MANIFEST", "false")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "standortkompass.config.settings")


def synthetic_table(rows: int = ROWS, seed: int = SEED) -> Any:
    """The seeded synthetic benchmark table (an ``ExportTable`` of ``rows`` × 150 variables)."""
    from standortkompass.surveys.export_formats import ExportTable, Variable

    random = np.random.default_rng(seed)
    variables: list[Variable] = []
    columns: dict[str, Any] = {}

    def codes(valid: np.ndarray) -> np.ndarray:
        missing = random.choice(list(MISSING), size=rows).astype("float64")
        values = np.where(random.random(rows) < 0.08, missing, valid.astype("float64"))
        return np.where(random.random(rows) < 0.02, np.nan, values)

    for number in range(60):
        name = f"bewertung_standortfaktor_{number:02d}"
        label = f"Wie bewerten Sie den Standortfaktor {number} für Ihr Unternehmen? (synthetische Benchmark-Frage)"
        variables.append(Variable(name, label, "categorical", SCALE, MISSING, question=name, ordinal=True))
        columns[name] = codes(random.integers(1, 6, size=rows))
    for number in range(30):
        name = f"themen_{number:02d}"
        variables.append(Variable(name, f"Themen: Auswahl {number}", "integer", CHOSEN, question="themen"))
        columns[name] = random.integers(0, 2, size=rows).astype("float64")
    for number in range(20):
        name = f"anzahl_{number:02d}"
        variables.append(Variable(name, f"Anzahl {number} (synthetisch)", "integer", missing_values=MISSING))
        columns[name] = codes(random.poisson(40, size=rows))
    for number in range(20):
        name = f"betrag_{number:02d}"
        variables.append(Variable(name, f"Betrag {number} in Tsd. €", "decimal", missing_values={-9: "weiß nicht"}))
        values = np.round(random.lognormal(5, 1.2, size=rows), 2)
        columns[name] = np.where(random.random(rows) < 0.05, -9.0, np.where(random.random(rows) < 0.03, np.nan, values))
    texts = [" ".join(random.choice(WORDS, size=random.integers(1, 41))) for _ in range(2000)]
    texts += ["=SUMME(A1:A9)", "-", "+49 7141 000", "@Rathaus"]
    for number in range(15):
        name = f"anmerkung_{number:02d}"
        variables.append(Variable(name, f"Anmerkungen {number} (Freitext)", "string", question=name))
        picked = random.integers(0, len(texts), size=rows)
        columns[name] = [None if chosen % 7 == 0 else texts[chosen] for chosen in picked]
    start = dt.date(1950, 1, 1).toordinal()
    for number in range(5):
        name = f"datum_{number}"
        variables.append(Variable(name, f"Datum {number}", "date", question=name))
        days = random.integers(0, 27_000, size=rows)
        columns[name] = [None if day % 20 == 0 else dt.date.fromordinal(start + int(day)) for day in days]
    return ExportTable(
        title="Synthetische Benchmark-Daten (synthetic benchmark data)",
        variables=variables,
        rows=pd.DataFrame(columns),
        notes=("Synthetic benchmark data: seeded random values, no real survey.",),
    )


# In the child process ---------------------------------------------------------------------------


def _child(format_name: str) -> dict[str, Any]:
    from standortkompass.surveys.export_formats import FORMATS

    table = synthetic_table()
    export_format = FORMATS[format_name]
    with tempfile.TemporaryDirectory(prefix="standortkompass-bench-export-") as directory:
        path = Path(directory) / f"export.{export_format.extension}"

        def write() -> None:
            with path.open("wb") as target:
                export_format.writer(table, target)

        timings = []
        for _ in range(RUNS):
            start = time.perf_counter()
            write()
            timings.append((time.perf_counter() - start) * 1000)
        size_mb = path.stat().st_size / 1024 / 1024
        tracemalloc.start()
        write()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    timings.sort()
    return {
        "name": f"survey export {format_name.upper()} (10,000 × 150)",
        "runs": len(timings),
        "median_ms": statistics.median(timings),
        "p95_ms": timings[max(0, int(len(timings) * 0.95) - 1)],
        "max_ms": timings[-1],
        "target_ms": TARGETS_MS[format_name],
        "file_mb": size_mb,
        "tracemalloc_peak_mb": peak / 1024 / 1024,
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "memory_target_mb": MEMORY_TARGET_MB,
    }


def survey_export_benchmarks() -> list[dict[str, Any]]:
    """One row per format, each measured in its own one-core child process."""
    return [run_child(__file__, format_name, dict(os.environ)) for format_name in TARGETS_MS]


# End to end: database → export_table → file ---------------------------------------------------------

END_TO_END_FORMATS = ("xlsx", "sav")


def _build_database() -> dict[str, Any]:
    """Migrate the temporary database and store 10,000 generated responses to the default questionnaire."""
    import random

    from django.core.management import call_command

    from standortkompass.processes.models import StrategyProcess
    from standortkompass.regiondata.models import Region, RegionLevel
    from standortkompass.surveys.demo import generate_answers, survey_demo_load
    from standortkompass.surveys.models import Response, ResponseStatus
    from standortkompass.surveys.runtime import Runtime
    from standortkompass.surveys.selectors.surveys import personal_question_names

    call_command("migrate", verbosity=0)
    region = Region.objects.create(code="08118", name="Ludwigsburg", level=RegionLevel.DISTRICT)
    process = StrategyProcess.objects.create(
        slug="bench", title="Benchmark", region=region, short_description="Benchmark", agency_name="Benchmark"
    )
    survey = survey_demo_load(process=process, responses=0)
    Response.objects.filter(survey=survey).delete()
    version = survey.questionnaire.versions.get()
    runtime = Runtime(version.schema)
    personal = personal_question_names(version)
    rng = random.Random(SEED)
    pages = [page["name"] for page in runtime.schema["pages"]]
    start = time.perf_counter()
    rows = [
        Response(
            survey=survey,
            version=version,
            status=ResponseStatus.COMPLETED,
            language=runtime.language,
            answers=generate_answers(runtime, rng, personal=personal),
            current_page=pages[-1],
            is_demo=True,
        )
        for _ in range(ROWS)
    ]
    Response.objects.bulk_create(rows, batch_size=1000)
    return {"survey_id": survey.pk, "generate_s": time.perf_counter() - start}


END_TO_END_RUNS = 5


def _end_to_end_child(format_name: str, survey_id: int, label: str = "") -> dict[str, Any]:
    from standortkompass.surveys.export_formats import FORMATS
    from standortkompass.surveys.export_table import export_table
    from standortkompass.surveys.models import Survey

    survey = Survey.objects.get(pk=survey_id)
    export_format = FORMATS[format_name]
    timings: list[float] = []
    table_ms: list[float] = []
    with tempfile.TemporaryDirectory(prefix="standortkompass-bench-export-") as directory:
        path = Path(directory) / f"export.{export_format.extension}"
        for _ in range(END_TO_END_RUNS):
            start = time.perf_counter()
            table = export_table(survey=survey, suppressed=False)
            table_ms.append((time.perf_counter() - start) * 1000)
            with path.open("wb") as target:
                export_format.writer(table, target)
            timings.append((time.perf_counter() - start) * 1000)
        size_mb = path.stat().st_size / 1024 / 1024
    timings.sort()
    return {
        "name": f"end to end {format_name.upper()} ({len(table.rows):,} × {len(table.variables)}){label}",
        "runs": len(timings),
        "median_ms": statistics.median(timings),
        "p95_ms": timings[-1],
        "max_ms": timings[-1],
        "table_median_ms": statistics.median(table_ms),
        "target_ms": TARGETS_MS[format_name],
        "file_mb": size_mb,
        "tracemalloc_peak_mb": 0.0,  # not traced: maxrss covers the whole child
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "memory_target_mb": MEMORY_TARGET_MB,
    }


def _run_python(*arguments: str, env: dict[str, str]) -> dict[str, Any]:
    completed = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), *arguments],
        env={**os.environ, **ONE_THREAD, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"survey export benchmark {arguments} failed:\n{completed.stderr}")
    result: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


def end_to_end_benchmarks() -> list[dict[str, Any]]:
    """XLSX and SAV from 10,000 stored responses: one child builds the database, one child per format measures."""
    directory = tempfile.mkdtemp(prefix="standortkompass-bench-e2e-")
    env = {"STANDORTKOMPASS_VAR_DIR": directory, "DATABASE_URL": f"sqlite:///{directory}/bench.sqlite3"}
    built = _run_python("--build", env=env)
    survey_id = str(built["survey_id"])
    results = [_run_python("--end-to-end", format_name, survey_id, env=env) for format_name in END_TO_END_FORMATS]
    # Again while a process requests pages without pause (bench/background.py): one of two cores busy.
    with background_load(env=env):
        results += [
            _run_python("--end-to-end", format_name, survey_id, ", under load", env=env)
            for format_name in END_TO_END_FORMATS
        ]
    return results


def _ok(result: dict[str, Any]) -> bool:
    memory = max(result["tracemalloc_peak_mb"], result["maxrss_mb"])
    return bool(result["p95_ms"] <= result["target_ms"] and memory <= result["memory_target_mb"])


def main() -> int:
    results = survey_export_benchmarks() + end_to_end_benchmarks()
    print(
        f"{'benchmark':38} {'runs':>4} {'median':>9} {'max':>9} {'target':>8} "
        f"{'file':>7} {'tracemalloc':>11} {'maxrss':>8}"
    )
    for result in results:
        target = f"{result['target_ms'] / 1000:6.0f} s" if math.isfinite(result["target_ms"]) else f"{'–':>8}"
        flag = "ok" if _ok(result) else "MISSED"
        if not math.isfinite(result["target_ms"]) and flag == "ok":
            flag = "info"
        median_s, max_s = result["median_ms"] / 1000, result["max_ms"] / 1000
        traced = f"{'–':>11}" if "table_median_ms" in result else f"{result['tracemalloc_peak_mb']:9.0f}MB"
        print(
            f"{result['name']:38} {result['runs']:4d} {median_s:7.2f} s {max_s:7.2f} s {target} "
            f"{result['file_mb']:5.1f}MB {traced} {result['maxrss_mb']:6.0f}MB {flag}"
        )
    for result in results:
        if "table_median_ms" in result:
            print(f"{result['name']}: export_table alone, median {result['table_median_ms'] / 1000:.2f} s")
    print(f"memory target: tracemalloc peak and maxrss each under {MEMORY_TARGET_MB:.0f} MB per child process")
    return 0 if all(_ok(result) for result in results) else 1


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] in {"--child", "--build", "--end-to-end"}:
        if hasattr(os, "sched_setaffinity"):
            os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
        _django_environment()
        import django

        django.setup()
        if sys.argv[1] == "--child":
            print(json.dumps(_child(sys.argv[2])))
        elif sys.argv[1] == "--build":
            print(json.dumps(_build_database()))
        else:
            print(json.dumps(_end_to_end_child(sys.argv[2], int(sys.argv[3]), *sys.argv[4:5])))
    else:
        sys.exit(main())
