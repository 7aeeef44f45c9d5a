"""Reading the published strategy of a process for the API: never the draft.

The structure (elements, their texts, relations, indicators and evidence links) is the published version's
snapshot (``strategy.selectors.versions.published_tree``). Read live, as on the public pages: a project's
status, progress and milestones (its fact sheet, which monitoring updates), the actual values of indicators
(the bound official statistic, else the values entered or reported) and the cited sources, each resolved with
``public=True`` by its owner (``strategy.selectors.evidence.evidence_shown``), so a source that is not public
shows only the note. A project's contact person and risks are never given out.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from standortkompass.api.selectors.processes import current_pk
from standortkompass.processes.models import StrategyProcess
from standortkompass.regiondata.models import Indicator, Observation, Region
from standortkompass.strategy.models import ElementKind, IndicatorActual, StrategyVersion
from standortkompass.strategy.selectors.evidence import evidence_shown, public_element_url
from standortkompass.strategy.selectors.tree import ElementNode, EvidenceNode, IndicatorNode, StrategyTree
from standortkompass.strategy.selectors.versions import published_tree

Absolute = Callable[[str], str]


@dataclass(frozen=True)
class Published:
    process: StrategyProcess
    version: StrategyVersion
    tree: StrategyTree
    is_current: bool  # the public pages of the strategy show the current process's

    def url(self, node: ElementNode) -> str | None:
        return public_element_url(node) if self.is_current else None

    def children(self) -> dict[int, list[ElementNode]]:
        found: dict[int, list[ElementNode]] = defaultdict(list)
        for element in self.tree.elements:
            if element.parent is not None:
                found[element.parent].append(element)
        return found


def published(process: StrategyProcess) -> Published | None:
    found = published_tree(process)
    if found is None:
        return None
    version, tree = found
    return Published(process, version, tree, is_current=current_pk() == process.pk)


def strategy_document(strategy: Published, absolute: Absolute) -> dict[str, Any]:
    base = f"/api/v1/processes/{strategy.process.slug}/"
    counts = {str(kind): len(strategy.tree.of_kind(kind)) for kind in ElementKind.values}
    return {
        "title": strategy.tree.title,
        "introduction": strategy.tree.introduction,
        "version": {
            "number": strategy.version.number,
            "decided_on": strategy.version.decided_on,
            "published_at": strategy.version.published_at,
        },
        "counts": counts,
        "elements_url": absolute(base + "strategy/elements/"),
        "projects_url": absolute(base + "projects/"),
        "indicators_url": absolute(base + "strategy/indicators/"),
        "evidence_url": absolute(base + "strategy/evidence/"),
    }


# --- indicators ---------------------------------------------------------------------------------------------------


def official_series(nodes: Iterable[IndicatorNode]) -> dict[tuple[str, str], dict[int, float]]:
    """The values by year of each bound statistic for its region (the total where it has sectors), in two queries.

    By the ids of the indicators and regions, so that the database reads the few rows of the unique index
    (indicator, region, sector, year) instead of every region's rows of a statistic.
    """
    pairs = {(node.statistic, node.region) for node in nodes if node.statistic and node.region}
    if not pairs:
        return {}
    indicators = dict(Indicator.objects.filter(code__in={code for code, _r in pairs}).values_list("pk", "code"))
    regions = dict(Region.objects.filter(code__in={region for _c, region in pairs}).values_list("pk", "code"))
    # Not ordered in the database: with an ORDER BY, SQLite reads the statistic's rows of every region.
    rows = Observation.objects.filter(
        indicator_id__in=list(indicators),
        region_id__in=list(regions),
        sector__in=("", "TOTAL"),
        value__isnull=False,
    ).values_list("indicator_id", "region_id", "year", "sector", "value")
    found: dict[tuple[str, str], dict[int, float]] = {}
    for indicator_id, region_id, year, _sector, value in sorted(rows, key=lambda row: (row[2], row[3])):
        key = (indicators[indicator_id], regions[region_id])
        if key in pairs and value is not None:
            found.setdefault(key, {}).setdefault(year, value)
    return found


def _official_actuals(nodes: Iterable[IndicatorNode]) -> dict[tuple[str, str], tuple[float, int]]:
    """The newest value of each bound statistic."""
    latest = {}
    for key, by_year in official_series(nodes).items():
        year = max(by_year)
        latest[key] = (by_year[year], year)
    return latest


def _entered_actuals(process: StrategyProcess, nodes: Iterable[IndicatorNode]) -> dict[int, tuple[float, int, str]]:
    ids = [node.id for node in nodes if not node.statistic]
    if not ids:
        return {}
    rows = (
        IndicatorActual.objects.filter(indicator_id__in=ids, indicator__element__strategy__process=process)
        .order_by("year")
        .values_list("indicator_id", "value", "year", "origin")
    )
    return {indicator_id: (value, year, origin) for indicator_id, value, year, origin in rows}


def indicator_pairs(strategy: Published, kind: str = "") -> list[tuple[ElementNode, IndicatorNode]]:
    return [
        (element, indicator)
        for element in strategy.tree.walk()
        if not kind or element.kind == kind
        for indicator in element.indicators
    ]


def indicator_items(strategy: Published, pairs: list[tuple[ElementNode, IndicatorNode]]) -> list[dict[str, Any]]:
    nodes = [indicator for _element, indicator in pairs]
    official = _official_actuals(nodes)
    entered = _entered_actuals(strategy.process, nodes)
    items = []
    for element, node in pairs:
        value: float | None = None
        year: int | None = None
        origin: str | None = None
        if node.statistic:
            if (node.statistic, node.region) in official:
                value, year = official[(node.statistic, node.region)]
                origin = "official"
        elif node.id in entered:
            value, year, origin = entered[node.id]
        items.append(
            {
                "id": node.id,
                "element": element.id,
                "element_slug": element.slug,
                "name": node.name,
                "definition": node.definition,
                "unit": node.unit,
                "baseline_value": node.baseline_value,
                "baseline_year": node.baseline_year,
                "target_value": node.target_value,
                "target_year": node.target_year,
                "source": node.source,
                "statistic": node.statistic,
                "region": node.region,
                "actual_value": value,
                "actual_year": year,
                "actual_origin": origin,
            }
        )
    return items


INDICATOR_COLUMNS = (
    "id",
    "element",
    "element_slug",
    "name",
    "definition",
    "unit",
    "baseline_value",
    "baseline_year",
    "target_value",
    "target_year",
    "source",
    "statistic",
    "region",
    "actual_value",
    "actual_year",
    "actual_origin",
)


# --- evidence -----------------------------------------------------------------------------------------------------


def evidence_pairs(strategy: Published) -> list[tuple[ElementNode, EvidenceNode]]:
    return [(element, link) for element in strategy.tree.walk() for link in element.evidence]


def _source(link: EvidenceNode) -> str:
    return link.kind + ":" + json.dumps(link.reference, sort_keys=True, default=str)


def evidence_items(
    strategy: Published, pairs: list[tuple[ElementNode, EvidenceNode]], absolute: Absolute
) -> list[dict[str, Any]]:
    """Each link with its source as the public sees it now (only the note when the source is not public).

    A source cited by several elements is resolved once: its owner's rules do not depend on who cites it.
    """
    unique: dict[str, EvidenceNode] = {}
    for _element, link in pairs:
        unique.setdefault(_source(link), link)
    resolved_once = evidence_shown(strategy.process, tuple(unique.values()), public=True)
    shown = dict(zip(unique, resolved_once, strict=True))
    items = []
    for element, link in pairs:
        item = shown[_source(link)]
        resolved = item.resolved
        items.append(
            {
                "id": link.id,
                "element": element.id,
                "element_slug": element.slug,
                "kind": link.kind,
                "kind_label": item.kind_label,
                "note": link.note,
                "available": resolved is not None,
                "title": resolved.title if resolved else "",
                "summary": resolved.summary if resolved else "",
                "url": (absolute(resolved.url) if resolved.url.startswith("/") else resolved.url) if resolved else "",
                "figure": resolved.figure if resolved else "",
                "source": resolved.source if resolved else "",
                "suppressed": resolved.suppressed if resolved else False,
                "details": [{"label": label, "value": value} for label, value in resolved.details] if resolved else [],
                "reference": dict(link.reference) if resolved else None,
            }
        )
    return items


EVIDENCE_COLUMNS = (
    "id",
    "element",
    "element_slug",
    "kind",
    "kind_label",
    "note",
    "available",
    "title",
    "summary",
    "url",
    "figure",
    "source",
    "suppressed",
)


# --- elements -----------------------------------------------------------------------------------------------------


def elements_of(strategy: Published, kind: str = "") -> list[ElementNode]:
    """The published elements in reading order: vision, goals, each field with its measures, projects."""
    return [element for element in strategy.tree.walk() if not kind or element.kind == kind]


def _element(strategy: Published, node: ElementNode, absolute: Absolute) -> dict[str, Any]:
    url = strategy.url(node)
    return {
        "id": node.id,
        "kind": node.kind,
        "slug": node.slug,
        "title": node.title,
        "summary": node.summary,
        "text": node.text,
        "rationale": node.rationale,
        "parent": node.parent,
        "serves": list(node.serves),
        "order": node.order,
        "url": absolute(url) if url else None,
    }


def element_items(strategy: Published, nodes: list[ElementNode], absolute: Absolute) -> list[dict[str, Any]]:
    """Elements with their indicators (actual values live) and evidence (resolved for the public)."""
    indicators = indicator_items(strategy, [(node, indicator) for node in nodes for indicator in node.indicators])
    evidence = evidence_items(strategy, [(node, link) for node in nodes for link in node.evidence], absolute)
    by_element: dict[int, list[dict[str, Any]]] = defaultdict(list)
    evidence_by_element: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for item in indicators:
        by_element[item["element"]].append(item)
    for item in evidence:
        evidence_by_element[item["element"]].append(item)
    return [
        {
            **_element(strategy, node, absolute),
            "indicators": by_element.get(node.id, []),
            "evidence": evidence_by_element.get(node.id, []),
        }
        for node in nodes
    ]


def element_rows(strategy: Published, nodes: list[ElementNode], absolute: Absolute) -> list[dict[str, Any]]:
    """Elements without what has its own list (indicators, evidence): the CSV of the elements."""
    return [_element(strategy, node, absolute) for node in nodes]


ELEMENT_COLUMNS = ("id", "kind", "slug", "title", "summary", "text", "rationale", "parent", "serves", "order", "url")
