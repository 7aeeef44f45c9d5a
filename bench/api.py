"""Benchmark of the open-data API (issue 12 §8: the list endpoints p95 under 50 ms warm).

Builds its own data in a temporary SQLite database (or the database in DATABASE_URL): the shipped official
statistics, a public process of Landkreis Ludwigsburg with its analysis published, 50 public dates, 20 news
items, two boards, and a strategy of 10 fields of action × 10 measures × 5 projects (vision, 4 goals: 615
elements), every measure and project citing an external source and every measure a finding of the analysis,
an indicator on every field of action and every tenth project, a published version of it, a reporting round
with a report of every tenth project and a recommendation of the Sounding Board.

Each list endpoint of ``/api/v1/`` is requested again and again (its default page of 50, as JSON) through
Django's test client in this process: URL resolution, middleware, view, serialisation, no network. The first
request warms caches (the parsed version tree); ``Last-Modified`` keeps its entry in the cache. Rows for
information (no target): a whole list as CSV, the strategy document and a conditional request answered 304.

``python bench/api.py`` prints median, p95 and max in milliseconds and exits 1 when a target is missed;
``--runs N`` sets the requests per row (``--runs 3`` is a smoke run of the script itself).
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
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

TARGET_MS = 50.0
INFORMATION = float("inf")
FIELDS, MEASURES_PER_FIELD, PROJECTS_PER_MEASURE = 10, 10, 5
BASE = "/api/v1/processes/current/"
LISTS = {
    "processes": "/api/v1/processes/",
    "phases": BASE + "phases/",
    "events (50)": BASE + "events/",
    "news (20)": BASE + "news/",
    "boards": BASE + "boards/",
    "strategy elements (615)": BASE + "strategy/elements/",
    "strategy indicators": BASE + "strategy/indicators/",
    "strategy evidence (1,100)": BASE + "strategy/evidence/",
    "projects (500)": BASE + "projects/",
    "projects, filtered by status": BASE + "projects/?status=implementation",
    "analysis indicators": BASE + "indicators/",
    "decisions": BASE + "decisions/",
    "monitoring reports": BASE + "monitoring/reports/",
    "monitoring actuals": BASE + "monitoring/actuals/",
}
INFORMATION_ROWS = {
    "strategy document": BASE + "strategy/",
    "project fact sheet": None,  # filled in with the first project's slug
    "strategy elements as CSV (all 615)": BASE + "strategy/elements/?format=csv",
    "projects as CSV (all 500)": BASE + "projects/?format=csv",
}


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


def measure(name: str, operation: Callable[[], object], *, runs: int, target_ms: float) -> Result:
    operation()  # warm
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


def get(
    client: Client, path: str, *, expected: int = 200, headers: dict[str, str] | None = None
) -> Callable[[], object]:
    def operation() -> object:
        response = client.get(path, headers=headers or {})
        assert response.status_code == expected, (path, response.status_code, response.content[:200])
        return response

    return operation


def build_data(fields: int, measures_per_field: int, projects_per_measure: int) -> str:
    """The data of the benchmark; returns the slug of the first project."""
    from standortkompass.accounts.models import User
    from standortkompass.governance.models import RegisterEntry
    from standortkompass.monitoring.models import ProjectReport, ReportingRound
    from standortkompass.processes.models import Board, BoardMember, Event, NewsItem, Phase, StrategyProcess
    from standortkompass.regiondata.models import Indicator, Region
    from standortkompass.standortanalyse.models import AnalysisSettings, Finding
    from standortkompass.strategy.models import Element, ElementKind
    from standortkompass.strategy.services.elements import element_create, sheet_update, strategy_ensure
    from standortkompass.strategy.services.evidence import evidence_add
    from standortkompass.strategy.services.indicators import indicator_create
    from standortkompass.strategy.services.versions import (
        version_decide,
        version_freeze,
        version_publish,
        version_submit,
    )

    call_command("migrate", verbosity=0)
    call_command("load_official_data", verbosity=0)
    district = Region.objects.get(code="08118")
    process = StrategyProcess.objects.create(
        slug="benchmark",
        title="Zukunftsstrategie Benchmark",
        region=district,
        short_description="Benchmark der Schnittstelle.",
        agency_name="Wirtschaftsförderung Benchmark",
        is_public=True,
    )
    actor = User.objects.create_user("bench@example.org", "Ein-Langes-Passwort-2026", full_name="Bench")
    for order, name in enumerate(["Analysephase", "Strategiewerkstatt", "Umsetzung"]):
        Phase.objects.create(process=process, order=order, name=name)
    start = timezone.now()
    Event.objects.bulk_create(
        Event(process=process, title=f"Termin {n}", kind="workshop", start=start + dt.timedelta(days=n))
        for n in range(50)
    )
    NewsItem.objects.bulk_create(
        NewsItem(
            process=process,
            title=f"Meldung {n}",
            slug=f"meldung-{n}",
            teaser="Kurz.",
            body="Text " * 100,
            published_at=start - dt.timedelta(days=n + 1),
        )
        for n in range(20)
    )
    boards = [
        Board.objects.create(process=process, name=name, kind=kind)
        for name, kind in [("Sounding Board", "sounding_board"), ("Lenkungskreis", "steering_committee")]
    ]
    for board in boards:
        BoardMember.objects.bulk_create(
            BoardMember(board=board, name=f"Mitglied {n}", name_is_public=n % 2 == 0, name_consent_on=start.date())
            for n in range(12)
        )
    AnalysisSettings.objects.create(process=process, is_public=True)
    finding = Finding.objects.create(process=process, kind="strength", title="Industrie", text="Stark.", is_public=True)
    statistic = Indicator.objects.filter(code="employees_workplace").first()
    strategy = strategy_ensure(process=process)

    def add(kind: str, title: str, serves: tuple[Element, ...] = (), **data: object) -> Element:
        return element_create(strategy=strategy, actor=actor, kind=kind, data={"title": title, **data}, serves=serves)

    add(ElementKind.VISION, "Leitbild", summary="Innovativ und lebenswert.")
    goals = [add(ElementKind.GOAL, f"Ziel {n}") for n in range(4)]
    first_project = ""
    for f in range(fields):
        field = add(ElementKind.FIELD, f"Handlungsfeld {f}", text="Begründung " * 30)
        data: dict[str, object] = {"name": f"Kennzahl {f}", "baseline_value": 100.0, "baseline_year": 2020}
        if statistic is not None:
            data.update({"statistic": statistic, "region": district})
        indicator_create(element=field, actor=actor, data=data)
        for m in range(measures_per_field):
            measure = add(ElementKind.MEASURE, f"Maßnahme {f}.{m}", parent=field, serves=(goals[m % 4],))
            evidence_add(element=measure, actor=actor, kind="finding", reference={"finding": finding.pk})
            evidence_add(
                element=measure,
                actor=actor,
                kind="external",
                reference={"title": f"Studie {f}.{m}", "url": f"https://example.org/{f}/{m}", "publisher": "Institut"},
            )
            for p in range(projects_per_measure):
                project = add(ElementKind.PROJECT, f"Projekt {f}.{m}.{p}", serves=(measure,))
                first_project = first_project or project.slug
                evidence_add(
                    element=project,
                    actor=actor,
                    kind="external",
                    reference={"title": f"Konzept {f}.{m}.{p}", "url": "", "publisher": "Kreis"},
                )
                status = ["idea", "planning", "implementation"][p % 3]
                sheet_update(
                    element=project, actor=actor, data={"status": status, "progress": 10 * p, "budget": "50000.00"}
                )
                if p == 0 and m % 2 == 0:
                    target = {"name": "Teilnehmende", "target_value": 100.0, "target_year": 2030}
                    indicator_create(element=project, actor=actor, data=target)
    version = version_freeze(strategy=strategy, actor=actor, label="Benchmark")
    version = version_submit(version=version, actor=actor)
    version = version_decide(version=version, actor=actor, approved=True, decided_on=dt.date(2027, 3, 1), summary="Ja")
    version_publish(version=version, actor=actor)
    round_ = ReportingRound.objects.create(
        process=process, title="Frühjahr", reporting_date=dt.date(2027, 3, 31), due_date=dt.date(2027, 4, 15)
    )
    projects = list(strategy.elements.filter(kind=ElementKind.PROJECT).order_by("id"))
    ProjectReport.objects.bulk_create(
        ProjectReport(round=round_, project=project, status="implementation", progress=30, submitted_at=timezone.now())
        for project in projects[::10]
    )
    RegisterEntry.objects.create(
        board=boards[0], subject="Empfehlung", text="Text.", decided_on=dt.date(2027, 2, 1), confidentiality="public"
    )
    return first_project


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200, help="requests per row (3: a smoke run of the script)")
    parser.add_argument("--small", action="store_true", help="a strategy of 2 × 2 × 2 (a smoke run of the script)")
    arguments = parser.parse_args()
    runs = arguments.runs
    shape = (2, 2, 2) if arguments.small else (FIELDS, MEASURES_PER_FIELD, PROJECTS_PER_MEASURE)
    first_project = build_data(*shape)
    client = Client()
    results = [measure(name, get(client, path), runs=runs, target_ms=TARGET_MS) for name, path in LISTS.items()]
    rows = {**INFORMATION_ROWS, "project fact sheet": BASE + f"projects/{first_project}/"}
    for name, path in rows.items():
        assert path is not None
        results.append(measure(name, get(client, path), runs=max(1, runs // 10), target_ms=INFORMATION))
    etag = client.get(BASE + "projects/")["ETag"]
    results.append(
        measure(
            "projects, conditional (304)",
            get(client, BASE + "projects/", expected=304, headers={"If-None-Match": etag}),
            runs=runs,
            target_ms=INFORMATION,
        )
    )
    print(f"{'benchmark':40} {'runs':>5} {'median':>9} {'p95':>9} {'max':>9} {'target p95':>11}")
    for result in results:
        finite = math.isfinite(result.target_ms)
        target = f"{result.target_ms:9.0f}ms" if finite else f"{'–':>11}"
        flag = ("ok" if result.ok else "MISSED") if finite else "info"
        print(
            f"{result.name:40} {result.runs:5d} {result.median_ms:8.1f}ms {result.p95_ms:8.1f}ms "
            f"{result.max_ms:8.1f}ms {target} {flag}"
        )
    return 0 if all(result.ok for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
