"""The strategy of 10 fields of action × 10 measures × 5 projects (issue 12, §8).

Seeds a fresh SQLite database (or the one in DATABASE_URL) with the shipped official data, a public process
of Landkreis Ludwigsburg, a Redaktion user and a strategy built through the strategy's services
(``strategy.services.*``, each write audited as in the application): a Leitbild, 4 goals, 10 fields of action
with 10 measures each and 5 projects per measure (615 elements). Every goal, field of action and project has
an indicator (goals and fields bound to an official statistic of the district, projects with baseline, target
and an actual value), every project a fact sheet with status, progress and budget; every element but the
Leitbild cites one or two sources: an external document (kind ``external``), and for goals, fields of action
and every other measure a figure of the official statistics (``analysis_figure``). Version 1 is frozen,
submitted, approved and published. Then it times, each after a warm-up run:

* **public pages** – ``/strategie/`` (the tree), ``/projekte/`` and ``/projekte/?status=…`` through Django's
  test client (URL resolution, middleware, view, template; no network), warm. Target p95: 150 ms.
* **API** – every list endpoint of ``/api/v1/`` the OpenAPI document ``/api/openapi.json`` names whose only
  path parameter is the process (``current``), its default page as JSON, and the projects filtered by status.
  Target p95: 50 ms. Skipped with a note while the API is not installed.
* **comparison** – about 10 % of the elements changed after version 1 (texts, moves to another field of
  action and within a list, project statuses, indicator targets, added and removed elements), frozen as
  version 2: ``compare_trees`` of the two versions' trees (parsed once, as the page keeps them), the same with
  both snapshots parsed from the database first, and the management comparison page as the Redaktion gets it
  (second factor off: ``REQUIRE_SECOND_FACTOR=false``). Target: 500 ms.
* **publishing** – each run freezes the draft as a new version (timed on its own), submits it, records the
  approval and publishes it (``version_publish`` timed on its own, and the four steps together). Target: 2 s.
  For information: the tree page's first request after a publication (the new version's tree is parsed).

Then the tree page again while a process requests public pages without pause (*under load*,
``bench/background.py``): one of two cores busy. Target p95: 150 ms.

``python bench/strategy.py`` prints runs, median, p95 and max in milliseconds and exits with status 1 when a
target is missed. ``STRATEGY_BENCH_SCALE=0.1`` shrinks the strategy (fields of action, at least 2) and the
number of runs (at least 5 each) for a smoke run of the script itself; its figures say nothing.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from background import background_load  # bench/background.py, next to this script

SCALE = float(os.environ.get("STRATEGY_BENCH_SCALE", "1"))
FIELDS = max(2, round(10 * SCALE))
MEASURES_PER_FIELD = 10
PROJECTS_PER_MEASURE = 5
GOALS = 4
CHANGED_SHARE = 0.10
PAGE_TARGET_MS = 150.0
API_TARGET_MS = 50.0
COMPARE_TARGET_MS = 500.0
PUBLISH_TARGET_MS = 2000.0
INFORMATION = float("inf")  # no target: the row is shown for information
STATUSES = ("idea", "planning", "implementation", "completed", "deferred")
WORDS = (
    "Transformation",
    "Zulieferer",
    "Fachkräfte",
    "Gewerbeflächen",
    "Energie",
    "Digitalisierung",
    "Kooperation",
    "Mittelstand",
    "Innovation",
    "Wasserstoff",
)


def _runs(full: int) -> int:
    return max(5, round(full * min(SCALE, 1.0)))


def _django_environment() -> None:
    os.environ.setdefault("STANDORTKOMPASS_VAR_DIR", tempfile.mkdtemp(prefix="standortkompass-bench-strategy-"))
    os.makedirs(os.path.join(os.environ["STANDORTKOMPASS_VAR_DIR"], "static"), exist_ok=True)
    os.environ.setdefault("SECRET_KEY", "bench-secret-key-that-is-long-enough-for-django")
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("USE_HTTPS", "false")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("STATIC_MANIFEST", "false")
    os.environ.setdefault("REQUIRE_SECOND_FACTOR", "false")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "standortkompass.config.settings")


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


def _result(name: str, timings: list[float], target_ms: float) -> Result:
    timings = sorted(timings)
    return Result(
        name=name,
        runs=len(timings),
        median_ms=statistics.median(timings),
        p95_ms=timings[max(0, int(len(timings) * 0.95) - 1)],
        max_ms=timings[-1],
        target_ms=target_ms,
    )


def _milliseconds(operation: Callable[[], object]) -> float:
    start = time.perf_counter()
    operation()
    return (time.perf_counter() - start) * 1000


def measure(name: str, operation: Callable[[], object], *, runs: int, target_ms: float) -> Result:
    operation()  # warm caches and templates
    return _result(name, [_milliseconds(operation) for _ in range(runs)], target_ms)


def _text(number: int, words: int) -> str:
    return " ".join(WORDS[(number * 7 + index * 3) % len(WORDS)] for index in range(words)) + "."


# --- the data ------------------------------------------------------------------------------------------------


@dataclass
class Seeded:
    process: Any
    strategy: Any
    user: Any
    version: Any
    seconds: float
    elements: int
    links: int
    indicators: int
    figures: bool


def seed() -> Seeded:
    """The process, its Redaktion user and the strategy, version 1 published (through the services)."""
    from django.core.management import call_command

    from standortkompass.accounts.models import Membership, Role, User
    from standortkompass.processes.models import StrategyProcess
    from standortkompass.regiondata.models import Indicator, Observation, Region, RegionLevel
    from standortkompass.standortanalyse.services.findings import analysis_settings_update
    from standortkompass.strategy.models import Element, ElementKind, EvidenceLink, StrategyIndicator
    from standortkompass.strategy.services.elements import (
        element_create,
        sheet_update,
        strategy_ensure,
        strategy_update,
    )
    from standortkompass.strategy.services.evidence import evidence_add
    from standortkompass.strategy.services.indicators import actual_save, indicator_create

    call_command("migrate", verbosity=0)
    call_command("load_official_data", verbosity=0)
    district, _created = Region.objects.get_or_create(
        code="08118", defaults={"name": "Ludwigsburg", "level": RegionLevel.DISTRICT}
    )
    process = StrategyProcess.objects.create(
        slug="bench-strategie",
        title="Zukunftsstrategie Benchmark",
        region=district,
        short_description="Benchmark der Strategie.",
        agency_name="Wirtschaftsförderung Benchmark",
        is_public=True,
    )
    user = User.objects.create_user("redaktion@example.org", "Bench-Passwort-2026-lang", full_name="Redaktion")
    Membership.objects.create(user=user, process=process, role=Role.EDITOR)
    analysis_settings_update(process=process, actor=user, is_public=True, peer_codes=[])
    # Official statistics with a value for the district (none when the shipped data is missing).
    codes = sorted(
        set(Observation.objects.filter(region=district, value__isnull=False).values_list("indicator__code", flat=True))
    )
    statistics_ = list(Indicator.objects.filter(code__in=codes).order_by("code"))
    figures = bool(statistics_)

    def figure(number: int) -> dict[str, object]:
        return {"indicator": statistics_[number % len(statistics_)].code, "region": district.code, "year": None}

    started = time.perf_counter()
    strategy = strategy_ensure(process=process)
    strategy_update(
        strategy=strategy, actor=user, data={"title": "Zukunftsstrategie 2035", "introduction": _text(0, 60)}
    )

    def add(kind: str, title: str, serves: tuple[Element, ...] = (), **data: object) -> Element:
        return element_create(strategy=strategy, actor=user, kind=kind, data={"title": title, **data}, serves=serves)

    def cite_external(element: Element, key: str) -> None:
        reference = {"title": f"Studie {key}", "url": f"https://example.org/studien/{key}", "publisher": "Institut"}
        evidence_add(element=element, actor=user, kind="external", reference=reference, note=_text(len(key), 8))

    def cite_figure(element: Element, number: int) -> None:
        if figures:
            evidence_add(element=element, actor=user, kind="analysis_figure", reference=figure(number))

    def bound_indicator(element: Element, number: int) -> None:
        data: dict[str, object] = {"name": f"Kennzahl {element.title}", "unit": "Anzahl", "source": "Statistik"}
        if figures:
            data.update(statistic=statistics_[number % len(statistics_)], region=district)
        else:
            data.update(baseline_value=100.0, baseline_year=2022)
        data.update(target_value=120.0, target_year=2035)
        indicator_create(element=element, actor=user, data=data)

    add(ElementKind.VISION, "Leitbild", summary="Innovativ, vernetzt, lebenswert.", text=_text(1, 80))
    goals = []
    for g in range(GOALS):
        goal = add(ElementKind.GOAL, f"Ziel {g + 1}", summary=_text(g, 12), text=_text(g, 60))
        bound_indicator(goal, g)
        cite_external(goal, f"z{g}")
        cite_figure(goal, g)
        goals.append(goal)
    for f in range(FIELDS):
        field = add(
            ElementKind.FIELD, f"Handlungsfeld {f + 1}", summary=_text(f, 12), text=_text(f, 80), rationale=_text(f, 40)
        )
        bound_indicator(field, f + GOALS)
        cite_external(field, f"f{f}")
        cite_figure(field, f + GOALS)
        for m in range(MEASURES_PER_FIELD):
            measure_ = add(
                ElementKind.MEASURE,
                f"Maßnahme {f + 1}.{m + 1}",
                serves=(goals[m % GOALS], goals[(m + 1) % GOALS]) if m % 3 == 0 else (goals[m % GOALS],),
                parent=field,
                summary=_text(m, 12),
                text=_text(f + m, 50),
            )
            cite_external(measure_, f"m{f}-{m}")
            if m % 2 == 0:
                cite_figure(measure_, f + m)
            for p in range(PROJECTS_PER_MEASURE):
                project = add(
                    ElementKind.PROJECT,
                    f"Projekt {f + 1}.{m + 1}.{p + 1}",
                    serves=(measure_,),
                    summary=_text(p, 12),
                    text=_text(f + m + p, 40),
                )
                sheet_update(
                    element=project,
                    actor=user,
                    data={
                        "goal": _text(p, 15),
                        "status": STATUSES[(m + p) % len(STATUSES)],
                        "progress": 10 * ((m + p) % 10),
                        "budget": "50000.00",
                        "funding_source": "land" if p % 2 else "own",
                        "start_date": dt.date(2026, 1 + p, 1),
                        "end_date": dt.date(2029, 12, 31),
                    },
                )
                indicator = indicator_create(
                    element=project,
                    actor=user,
                    data={
                        "name": "Teilnehmende Unternehmen",
                        "unit": "Anzahl",
                        "baseline_value": 0.0,
                        "baseline_year": 2025,
                        "target_value": 50.0,
                        "target_year": 2030,
                    },
                )
                actual_save(indicator=indicator, actor=user, data={"year": 2026, "value": float(p * 3)})
                cite_external(project, f"p{f}-{m}-{p}")
    seconds = time.perf_counter() - started
    version = _publish(strategy, user, "Version 1")
    return Seeded(
        process=process,
        strategy=strategy,
        user=user,
        version=version,
        seconds=seconds,
        elements=Element.objects.filter(strategy=strategy).count(),
        links=EvidenceLink.objects.filter(element__strategy=strategy).count(),
        indicators=StrategyIndicator.objects.filter(element__strategy=strategy).count(),
        figures=figures,
    )


def _publish(strategy: Any, user: Any, label: str) -> Any:
    from standortkompass.strategy.services.versions import (
        version_decide,
        version_freeze,
        version_publish,
        version_submit,
    )

    version = version_freeze(strategy=strategy, actor=user, label=label)
    version = version_submit(version=version, actor=user)
    version = version_decide(
        version=version, actor=user, approved=True, decided_on=dt.date(2027, 3, 1), summary="Beschlossen."
    )
    return version_publish(version=version, actor=user)


def change_draft(strategy: Any, user: Any) -> dict[str, int]:
    """About 10 % of the elements changed through the services; returns what was done how often."""
    from standortkompass.strategy.models import Element, ElementKind, StrategyIndicator
    from standortkompass.strategy.services.elements import (
        element_create,
        element_delete,
        element_move,
        element_update,
        sheet_update,
    )
    from standortkompass.strategy.services.evidence import evidence_add
    from standortkompass.strategy.services.indicators import indicator_update

    elements = list(Element.objects.filter(strategy=strategy).order_by("id"))
    wanted = round(len(elements) * CHANGED_SHARE)
    fields = [element for element in elements if element.kind == ElementKind.FIELD]
    measures = [element for element in elements if element.kind == ElementKind.MEASURE]
    projects = [element for element in elements if element.kind == ElementKind.PROJECT]
    done = {"texts": 0, "moved": 0, "reordered": 0, "statuses": 0, "indicators": 0, "added": 0, "removed": 0}
    # Structure: two measures to another field of action, two moved within their list, elements added and removed.
    for measure_ in measures[1:3]:
        other = next(field for field in fields if field.pk != measure_.parent_id)
        element_update(element=measure_, actor=user, data={"parent": other})
        done["moved"] += 1
    for measure_ in measures[5:7]:
        element_move(element=measure_, actor=user, position=1)
        done["reordered"] += 1
    added = max(2, wanted // 20)
    for number in range(added):
        project = element_create(
            strategy=strategy,
            actor=user,
            kind=ElementKind.PROJECT,
            data={"title": f"Neues Projekt {number + 1}", "summary": _text(number, 12)},
            serves=(measures[number],),
        )
        reference = {"title": f"Neue Studie {number}", "url": f"https://example.org/neu/{number}", "publisher": "X"}
        evidence_add(element=project, actor=user, kind="external", reference=reference)
        done["added"] += 1
    removed = projects[-added:]
    for project in removed:
        element_delete(element=project, actor=user)
        done["removed"] += 1
    # Statuses and indicator targets of projects, then texts until about 10 % of the elements changed.
    statuses = max(2, wanted // 6)
    for project in projects[10 : 10 + statuses * 7 : 7]:
        sheet = project.sheet
        sheet_update(element=project, actor=user, data={"status": "implementation", "progress": sheet.progress + 5})
        done["statuses"] += 1
    for indicator in StrategyIndicator.objects.filter(element__in=projects[3:40:18]):
        indicator_update(indicator=indicator, actor=user, data={"target_value": 75.0})
        done["indicators"] += 1
    changed = sum(done.values())
    kept = [element for element in measures + projects if element not in removed]
    for element in kept[::9][: max(3, wanted - changed)]:
        text = element.text.replace("Energie", "erneuerbare Energie") + " Ergänzt nach der Konsultation."
        element_update(element=element, actor=user, data={"summary": element.summary + " (überarbeitet)", "text": text})
        done["texts"] += 1
    return done


# --- the benchmarks ------------------------------------------------------------------------------------------


def _getter(client: Any, path: str) -> Callable[[], object]:
    def operation() -> object:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        return response

    return operation


def api_lists(client: Any) -> dict[str, str] | None:
    """The list endpoints of /api/v1/ that need no more than the process (None while there is no API)."""
    response = client.get("/api/openapi.json")
    if response.status_code != 200:
        return None
    document = response.json()
    found = {}
    for path, operations in sorted(document.get("paths", {}).items()):
        get = operations.get("get")
        if get is None or not path.startswith("/api/v1/"):
            continue
        parameters = get.get("parameters", [])
        in_path = {parameter["name"] for parameter in parameters if parameter.get("in") == "path"}
        paginated = any(parameter["name"] == "limit" for parameter in parameters if parameter.get("in") == "query")
        if paginated and in_path <= {"process"}:
            found[path.removeprefix("/api/v1/").replace("{process}", "current")] = path.replace("{process}", "current")
    projects = [path for path in found.values() if path.endswith("/projects/")]
    if projects:
        found["projects, status implementation"] = projects[0] + "?status=implementation"
    return found


def strategy_benchmarks() -> tuple[list[Result], list[str]]:
    from django.test import Client
    from django.urls import reverse

    from standortkompass.strategy.selectors.compare import compare_trees
    from standortkompass.strategy.selectors.tree import tree_from_json
    from standortkompass.strategy.selectors.versions import version_tree
    from standortkompass.strategy.services.versions import (
        version_decide,
        version_freeze,
        version_publish,
        version_submit,
    )

    seeded = seed()
    notes = [
        f"strategy: {seeded.elements} elements, {seeded.links} evidence links, {seeded.indicators} indicators, "
        f"built through the services in {seeded.seconds:.1f} s"
        + ("" if seeded.figures else " (no official data: no analysis_figure links, indicators not bound)")
    ]
    strategy, user = seeded.strategy, seeded.user
    public = Client()
    results = [
        measure("public tree /strategie/", _getter(public, "/strategie/"), runs=_runs(100), target_ms=PAGE_TARGET_MS),
        measure("public projects /projekte/", _getter(public, "/projekte/"), runs=_runs(100), target_ms=PAGE_TARGET_MS),
        measure(
            "public projects ?status=implementation",
            _getter(public, "/projekte/?status=implementation"),
            runs=_runs(100),
            target_ms=PAGE_TARGET_MS,
        ),
    ]
    lists = api_lists(public)
    if lists is None:
        notes.append("API: /api/openapi.json does not answer (no api app yet): API rows skipped")
    else:
        if not lists:
            notes.append("API: the OpenAPI document names no list endpoint of a process")
        for name, path in lists.items():
            status = public.get(path).status_code
            if status != 200:
                notes.append(f"API {path}: status {status} on this data, row skipped")
                continue
            results.append(measure(f"API {name}", _getter(public, path), runs=_runs(200), target_ms=API_TARGET_MS))

    # Comparing version 1 with version 2 (about 10 % of the elements changed).
    version_1 = seeded.version
    done = change_draft(strategy, user)
    notes.append("changed for version 2: " + ", ".join(f"{count} {what}" for what, count in done.items()))
    version_2 = version_freeze(strategy=strategy, actor=user, label="Version 2")
    old_tree, new_tree = version_tree(version_1), version_tree(version_2)
    comparison = compare_trees(old_tree, new_tree)
    states = [change.state for change in comparison.elements]
    assert states.count("added") == done["added"], states
    assert states.count("removed") == done["removed"], states
    notes.append(f"comparison: {len(comparison.elements)} changed elements reported")

    def from_snapshots() -> object:
        from standortkompass.strategy.models import StrategyVersion

        stored = dict(StrategyVersion.objects.filter(pk__in=[version_1.pk, version_2.pk]).values_list("pk", "snapshot"))
        return compare_trees(tree_from_json(stored[version_1.pk]), tree_from_json(stored[version_2.pk]))

    editor = Client()
    editor.force_login(user)
    compare_url = reverse("strategy_manage:compare", args=[seeded.process.pk]) + (
        f"?alt={version_1.pk}&neu={version_2.pk}"
    )
    results += [
        measure(
            "compare_trees, versions 1 and 2",
            lambda: compare_trees(old_tree, new_tree),
            runs=_runs(20),
            target_ms=COMPARE_TARGET_MS,
        ),
        measure(
            "compare, snapshots read and parsed",
            from_snapshots,
            runs=_runs(10),
            target_ms=COMPARE_TARGET_MS,
        ),
        measure(
            "comparison page (Redaktion)", _getter(editor, compare_url), runs=_runs(10), target_ms=COMPARE_TARGET_MS
        ),
    ]

    # Publishing: freeze, submit, decide, publish, once per run.
    freezing, publishing, whole, first_page = [], [], [], []
    for number in range(_runs(10) + 1):
        started = time.perf_counter()
        version = version_freeze(strategy=strategy, actor=user, label=f"Veröffentlichung {number}")
        frozen = time.perf_counter()
        version = version_submit(version=version, actor=user)
        version = version_decide(
            version=version, actor=user, approved=True, decided_on=dt.date(2027, 4, 1), summary="Beschlossen."
        )
        before_publish = time.perf_counter()
        version_publish(version=version, actor=user)
        ended = time.perf_counter()
        first = _milliseconds(_getter(public, "/strategie/"))
        if number == 0:
            continue  # warm-up
        freezing.append((frozen - started) * 1000)
        publishing.append((ended - before_publish) * 1000)
        whole.append((ended - started) * 1000)
        first_page.append(first)
    results += [
        _result("version_freeze", freezing, PUBLISH_TARGET_MS),
        _result("version_publish", publishing, PUBLISH_TARGET_MS),
        _result("freeze, submit, decide, publish", whole, PUBLISH_TARGET_MS),
        _result("public tree, first after publishing", first_page, INFORMATION),
    ]

    # The tree page while other requests keep a core busy (bench/background.py).
    with background_load():
        results.append(
            measure(
                "public tree /strategie/, under load",
                _getter(public, "/strategie/"),
                runs=_runs(100),
                target_ms=PAGE_TARGET_MS,
            )
        )
    return results, notes


def main() -> int:
    _django_environment()
    import django

    django.setup()
    results, notes = strategy_benchmarks()
    title = f"benchmark (strategy, scale {SCALE:g})"
    print(f"{title:44} {'runs':>5} {'median':>9} {'p95':>9} {'max':>9} {'target p95':>11}")
    for result in results:
        finite = math.isfinite(result.target_ms)
        target = f"{result.target_ms:9.0f}ms" if finite else f"{'–':>11}"
        flag = ("ok" if result.ok else "MISSED") if finite else "info"
        print(
            f"{result.name:44} {result.runs:5d} {result.median_ms:8.1f}ms {result.p95_ms:8.1f}ms "
            f"{result.max_ms:8.1f}ms {target} {flag}"
        )
    for note in notes:
        print(note)
    return 0 if all(result.ok for result in results) else 1


if __name__ == "__main__":
    sys.exit(main())
