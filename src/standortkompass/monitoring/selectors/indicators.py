"""The indicators of the published strategy over time: each one's actual values with its baseline and target.

An indicator bound to an official statistic takes its actual values from the observations of
``regiondata`` (the total where the statistic has sectors), read live, so they follow every import; an
unbound one takes the values entered, imported or reported (``strategy.IndicatorActual``). Values stay
unrounded here; the chart's table rounds them for display, its CSV does not.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from standortkompass.monitoring.charts import SeriesPoint, indicator_spec, kind_label, shown_value
from standortkompass.regiondata.models import Observation
from standortkompass.strategy.models import ActualOrigin, IndicatorActual
from standortkompass.strategy.selectors.tree import ElementNode, IndicatorNode

TOTAL_SECTORS = ("", "TOTAL")


@dataclass(frozen=True)
class TableRow:
    year: int
    kind: str
    kind_label: str
    value: float
    shown: str


@dataclass(frozen=True)
class IndicatorChart:
    """An indicator's chart with its data table, where its values come from, and the CSV link."""

    id: str
    node: IndicatorNode
    element: ElementNode
    unit: str
    spec_text: str
    rows: tuple[TableRow, ...]
    source: str
    csv_url: str

    @property
    def has_figure(self) -> bool:
        return bool(self.spec_text)

    @property
    def has_actuals(self) -> bool:
        return any(row.kind == "actual" for row in self.rows)


@dataclass(frozen=True)
class _Actuals:
    values: list[tuple[int, float]]
    source: str
    unit: str = ""


def _official(nodes: list[IndicatorNode]) -> dict[tuple[str, str], _Actuals]:
    """The observations of every bound statistic for its region, by year (one query)."""
    pairs = {(node.statistic, node.region) for node in nodes if node.statistic and node.region}
    if not pairs:
        return {}
    found: dict[tuple[str, str], _Actuals] = {}
    rows = (
        Observation.objects.filter(
            indicator__code__in={code for code, _region in pairs},
            region__code__in={region for _code, region in pairs},
            sector__in=TOTAL_SECTORS,
            value__isnull=False,
        )
        .order_by("year", "sector")
        .values_list("indicator__code", "region__code", "year", "value", "indicator__source", "indicator__unit")
    )
    by_year: dict[tuple[str, str], dict[int, float]] = defaultdict(dict)
    meta: dict[tuple[str, str], tuple[str, str]] = {}
    for code, region, year, value, source, unit in rows:
        if (code, region) in pairs and value is not None:
            by_year[(code, region)].setdefault(year, value)
            meta[(code, region)] = (source, unit)
    for key, values in by_year.items():
        source, unit = meta[key]
        found[key] = _Actuals(sorted(values.items()), source, unit)
    return found


def _entered(nodes: list[IndicatorNode]) -> dict[int, _Actuals]:
    ids = [node.id for node in nodes if not node.statistic]
    if not ids:
        return {}
    values: dict[int, list[tuple[int, float]]] = defaultdict(list)
    origins: dict[int, set[str]] = defaultdict(set)
    for indicator_id, year, value, origin in (
        IndicatorActual.objects.filter(indicator_id__in=ids)
        .order_by("year")
        .values_list("indicator_id", "year", "value", "origin")
    ):
        values[indicator_id].append((year, value))
        origins[indicator_id].add(origin)
    labels = dict(ActualOrigin.choices)
    return {
        pk: _Actuals(found, ", ".join(str(labels.get(origin, origin)) for origin in sorted(origins[pk])))
        for pk, found in values.items()
    }


def indicator_charts(elements: list[ElementNode]) -> list[IndicatorChart]:
    """A chart for every indicator of the given elements, in their order (two queries at most)."""
    nodes = [indicator for element in elements for indicator in element.indicators]
    official = _official(nodes)
    entered = _entered(nodes)
    charts = []
    for element in elements:
        for node in element.indicators:
            actuals = official.get((node.statistic, node.region)) if node.statistic else entered.get(node.id)
            charts.append(_chart(element, node, actuals))
    return charts


def _chart(element: ElementNode, node: IndicatorNode, actuals: _Actuals | None) -> IndicatorChart:
    points = [SeriesPoint(year, value, "actual") for year, value in (actuals.values if actuals else [])]
    if node.baseline_value is not None and node.baseline_year is not None:
        points.append(SeriesPoint(node.baseline_year, node.baseline_value, "baseline"))
    if node.target_value is not None and node.target_year is not None:
        points.append(SeriesPoint(node.target_year, node.target_value, "target"))
    order = {"baseline": 0, "actual": 1, "target": 2}
    points.sort(key=lambda point: (point.year, order[point.kind]))
    unit = node.unit or (actuals.unit if actuals else "")
    if node.statistic:
        source = _("Actual values: %(source)s (official statistics, updated with every import)") % {
            "source": actuals.source if actuals and actuals.source else node.source or node.statistic
        }
        if actuals is None:
            source += " " + _("No values have been loaded yet.")
    elif actuals is not None:
        source = _("Actual values: %(origin)s.") % {"origin": actuals.source}
    else:
        source = _("No actual values yet.")
    if node.source:
        source += " " + _("Baseline and target: %(source)s.") % {"source": node.source}
    return IndicatorChart(
        id=f"kennzahl-{node.id}",
        node=node,
        element=element,
        unit=unit,
        spec_text=indicator_spec(name=node.name, unit=unit, points=points),
        rows=tuple(
            TableRow(point.year, point.kind, kind_label(point.kind), point.value, shown_value(point.value))
            for point in points
        ),
        source=source,
        csv_url=reverse("monitoring:indicator_csv", kwargs={"indicator_pk": node.id}),
    )
