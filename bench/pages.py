"""Server time of the Standortanalyse pages (issue 3, §6: under 300 ms), run by ``bench/run.py``.

For each page (overview, structure, dynamics, labour, maps, SWOT) of the published demo
analysis (Landkreis Ludwigsburg on the shipped official data):

* **warm** – the page again and again with its figures in the cache. Target p95: 300 ms.
* **cold** – the first request right after an import changed the data version, nobody
  having computed anything yet (what the first visitor would wait without warming).
  Each run imports a one-row long CSV (a benchmark indicator the pages do not show, so
  the figures stay the same) and then requests only this page. Shown for information.
* **warmed after import** – the same, but ``analysis_cache_warm`` ran after the
  import, as the statistics upload and ``standortkompass warm_analysis_cache`` do.
  Target p95: 300 ms. The warming itself is timed as its own row (information).

Server time is the time of Django's test client for the request: URL resolution,
middleware, view, template, no network. The test client runs in this process, on the
database that ``bench/run.py`` built.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

from django.test import Client

PAGES = {
    "overview": "/standortanalyse/",
    "structure": "/standortanalyse/wirtschaftsstruktur/",
    "dynamics": "/standortanalyse/dynamik/",
    "labour": "/standortanalyse/arbeitsmarkt/",
    "maps": "/standortanalyse/karten/",
    "swot": "/standortanalyse/swot/",
}
TARGET_MS = 300.0
INFORMATION = float("inf")  # no target: the row is shown for information
WARM_RUNS = 30
COLD_RUNS = 10


def _summary(name: str, timings: list[float], target_ms: float) -> dict[str, Any]:
    timings = sorted(timings)
    return {
        "name": name,
        "runs": len(timings),
        "median_ms": statistics.median(timings),
        "p95_ms": timings[max(0, int(len(timings) * 0.95) - 1)],
        "max_ms": timings[-1],
        "target_ms": target_ms,
    }


def _milliseconds(operation: Callable[[], object]) -> float:
    start = time.perf_counter()
    operation()
    return (time.perf_counter() - start) * 1000


class _Importer:
    """Changes the data version the way an upload does: a real import of a one-row long CSV."""

    def __init__(self) -> None:
        self.number = 0

    def __call__(self) -> None:
        from standortkompass.regiondata.services import statistics_import

        self.number += 1
        data = (
            f"region_code,region_name,sector_code,sector_name,year,value\n08118,Ludwigsburg,,,2020,{self.number}\n"
        ).encode()
        report = statistics_import(data=data, file_name="bench.csv", format="long", indicator="bench_marker")
        assert report.created or report.updated, report.summary()


def page_benchmarks() -> list[dict[str, Any]]:
    """Warm, cold and after-import-with-warming server times of every Standortanalyse page."""
    from standortkompass.standortanalyse.cache import published_analysis_cache_warm

    client = Client()

    def get(path: str) -> Callable[[], object]:
        def operation() -> object:
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            return response

        return operation

    importer = _Importer()
    for path in PAGES.values():  # templates compiled, neighbours and boundaries computed once
        get(path)()
    warm = {page: [_milliseconds(get(path)) for _ in range(WARM_RUNS)] for page, path in PAGES.items()}
    cold: dict[str, list[float]] = {page: [] for page in PAGES}
    after_warming: dict[str, list[float]] = {page: [] for page in PAGES}
    warming = []
    for _ in range(COLD_RUNS):
        for page, path in PAGES.items():  # each page alone after an import: nothing shared is cached yet
            importer()
            cold[page].append(_milliseconds(get(path)))
        importer()
        warming.append(_milliseconds(published_analysis_cache_warm))
        for page, path in PAGES.items():
            after_warming[page].append(_milliseconds(get(path)))
    results = []
    for page in PAGES:
        results += [
            _summary(f"analysis {page} warm", warm[page], TARGET_MS),
            _summary(f"analysis {page} cold after import", cold[page], INFORMATION),
            _summary(f"analysis {page} warmed after import", after_warming[page], TARGET_MS),
        ]
    results.append(_summary("analysis cache warming (20 pages)", warming, INFORMATION))
    return results
