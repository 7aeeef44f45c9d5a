"""Reading the monitoring of the published strategy for the API: the projects' state, their reports, indicators.

The projects are those of the published version, their status and progress live (``selectors.projects``). A
report gives out its public parts (date, status, progress, what has happened, the next steps, the milestones
reached), never the problems (which only the agency reads) nor who reported. An indicator's actual values over
time are the observations of its bound official statistic (the total where it has sectors) or the values
entered, imported or reported, unrounded.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db.models import Max, QuerySet

from standortkompass.api.selectors.projects import live_states, state_of
from standortkompass.api.selectors.strategy import Published, official_series
from standortkompass.monitoring.models import ProjectReport
from standortkompass.standortanalyse.selectors.common import data_version
from standortkompass.strategy.models import ElementKind, IndicatorActual
from standortkompass.strategy.selectors.tree import ElementNode
from standortkompass.strategy.services.indicators import ACTUALS_GENERATION_KEY

Absolute = Callable[[str], str]


def _projects(strategy: Published) -> list[ElementNode]:
    return strategy.tree.of_kind(ElementKind.PROJECT)


def monitoring_document(strategy: Published, absolute: Absolute) -> dict[str, Any]:
    projects = _projects(strategy)
    states = live_states(strategy, [project.id for project in projects])
    counts: dict[str, int] = {}
    progress = []
    for project in projects:
        state = state_of(project, states)
        counts[state.status] = counts.get(state.status, 0) + 1
        progress.append(state.progress)
    last_report = reports_of(strategy, "").aggregate(last=Max("round__reporting_date"))["last"]
    base = f"/api/v1/processes/{strategy.process.slug}/monitoring/"
    return {
        "projects": len(projects),
        "status_counts": counts,
        "average_progress": sum(progress) / len(progress) if progress else None,
        "last_report": last_report,
        "reports_url": absolute(base + "reports/"),
        "actuals_url": absolute(base + "actuals/"),
    }


def reports_of(strategy: Published, project_slug: str) -> QuerySet[ProjectReport]:
    projects = _projects(strategy)
    ids = [project.id for project in projects if not project_slug or project.slug == project_slug]
    return (
        ProjectReport.objects.filter(round__process=strategy.process, project_id__in=ids)
        .select_related("round")
        .order_by("-round__reporting_date", "project_id", "id")
    )


def _date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def report_items(strategy: Published, reports: list[ProjectReport]) -> list[dict[str, Any]]:
    by_id = strategy.tree.by_id
    return [
        {
            "project": report.project_id,
            "project_slug": by_id[report.project_id].slug if report.project_id in by_id else "",
            "round": report.round.title,
            "reporting_date": report.round.reporting_date,
            "status": report.status,
            "progress": report.progress,
            "achieved": report.achieved,
            "next_steps": report.next_steps,
            "milestones_reached": [
                {"title": str(item.get("title", "")), "reached_on": _date(item.get("reached_on"))}
                for item in report.milestones_reached
                if isinstance(item, dict)
            ],
        }
        for report in reports
    ]


def report_rows(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {**item, "milestones_reached": [milestone["title"] for milestone in item["milestones_reached"]]}
        for item in items
    ]


REPORT_COLUMNS = (
    "project",
    "project_slug",
    "round",
    "reporting_date",
    "status",
    "progress",
    "achieved",
    "next_steps",
    "milestones_reached",
)


ACTUALS_SECONDS = 60 * 60


def actual_items(strategy: Published, kind: str = "") -> list[dict[str, Any]]:
    """Every actual value of every indicator of the published version, by element, indicator and year.

    Kept in the cache until the published version, the official statistics (a new import) or an indicator or
    actual value changes (``strategy.services.indicators.actuals_changed``): a page of the list then costs a
    few small queries instead of reading and sorting every value again.
    """
    version = strategy.version
    generation = cache.get(ACTUALS_GENERATION_KEY, "")
    raw = f"{version.pk}|{version.created_at.isoformat()}|{data_version()}|{generation}|{kind}"
    key = "api:actuals:" + hashlib.sha256(raw.encode()).hexdigest()
    found: list[dict[str, Any]] | None = cache.get(key)
    if found is None:
        found = _actual_items(strategy, kind)
        cache.set(key, found, ACTUALS_SECONDS)
    return found


def _actual_items(strategy: Published, kind: str) -> list[dict[str, Any]]:
    pairs = [
        (element, node)
        for element in strategy.tree.walk()
        if not kind or element.kind == kind
        for node in element.indicators
    ]
    nodes = [node for _element, node in pairs]
    official = official_series(nodes)
    entered: dict[int, list[tuple[int, float, str]]] = {}
    for indicator_id, year, value, origin in (
        IndicatorActual.objects.filter(
            indicator_id__in=[node.id for node in nodes if not node.statistic],
            indicator__element__strategy__process=strategy.process,
        )
        .order_by("year")
        .values_list("indicator_id", "year", "value", "origin")
    ):
        entered.setdefault(indicator_id, []).append((year, value, origin))
    items = []
    for element, node in pairs:
        if node.statistic:
            values = [
                (year, value, "official") for year, value in official.get((node.statistic, node.region), {}).items()
            ]
        else:
            values = entered.get(node.id, [])
        for year, value, origin in sorted(values):
            items.append(
                {
                    "indicator": node.id,
                    "element": element.id,
                    "element_slug": element.slug,
                    "name": node.name,
                    "unit": node.unit,
                    "year": year,
                    "value": value,
                    "origin": origin,
                }
            )
    return items


ACTUAL_COLUMNS = ("indicator", "element", "element_slug", "name", "unit", "year", "value", "origin")
