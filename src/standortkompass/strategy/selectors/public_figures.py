"""The figures of the public strategy pages: indicators with their current values, budgets.

An indicator bound to an official statistic shows the newest observation of ``regiondata`` (so it follows
every import); an unbound one its newest entered or reported value. Values are rounded only here, for
display (German format, ``core.numbers``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from standortkompass.core.numbers import NO_BREAK_SPACE, format_number
from standortkompass.regiondata.models import Observation
from standortkompass.strategy.models import ActualOrigin, IndicatorActual, Strategy
from standortkompass.strategy.selectors.tree import IndicatorNode


def decimals_for(*values: float | None) -> int:
    """The decimals for the values of one indicator, alike for all: none for whole or large numbers, else one."""
    present = [value for value in values if value is not None]
    if not present or any(abs(value) >= 1000 for value in present):
        return 0
    return 0 if all(float(value).is_integer() for value in present) else 1


def number_text(value: float | None, decimals: int | None = None) -> str:
    """A value as a page shows it (German format), rounded to ``decimals`` (default: ``decimals_for(value)``)."""
    if value is None:
        return ""
    return format_number(value, decimals_for(value) if decimals is None else decimals)


def money_text(amount: str | None) -> str:
    """A budget (decimal text of the snapshot) in whole euros, e.g. "1.250.000 EUR"."""
    if not amount:
        return ""
    try:
        value = Decimal(amount)
    except InvalidOperation:
        return ""
    return f"{format_number(float(value), 0)}{NO_BREAK_SPACE}EUR"


@dataclass(frozen=True)
class IndicatorShown:
    """An indicator as a page shows it: baseline, target and the current actual value with where it comes from."""

    node: IndicatorNode
    unit: str
    baseline: str
    target: str
    actual: str = ""
    actual_year: int | None = None
    actual_source: str = ""  # the official statistic's source (German names of the offices)
    actual_origin: str = ""  # how a value that is not official came about (entered, reported)
    official: bool = False


def _official_actuals(nodes: list[IndicatorNode]) -> dict[tuple[str, str], tuple[float, int, str, str]]:
    """The newest value of each bound statistic: ``{(code, AGS): (value, year, source, unit)}`` in one query."""
    pairs = {(node.statistic, node.region) for node in nodes if node.statistic and node.region}
    if not pairs:
        return {}
    rows = (
        Observation.objects.filter(
            indicator__code__in={code for code, _region in pairs},
            region__code__in={region for _code, region in pairs},
            sector__in=("", "TOTAL"),
            value__isnull=False,
        )
        .order_by("year")
        .values_list("indicator__code", "region__code", "year", "value", "indicator__source", "indicator__unit")
    )
    latest: dict[tuple[str, str], tuple[float, int, str, str]] = {}
    for code, region, year, value, source, unit in rows:
        if (code, region) in pairs and value is not None:
            latest[(code, region)] = (value, year, source, unit)
    return latest


def _entered_actuals(strategy: Strategy, nodes: list[IndicatorNode]) -> dict[int, tuple[float, int, str]]:
    """The newest entered or reported value of each indicator that is not bound to a statistic."""
    ids = [node.id for node in nodes if not node.statistic]
    if not ids:
        return {}
    rows = (
        IndicatorActual.objects.filter(indicator_id__in=ids, indicator__element__strategy=strategy)
        .order_by("year")
        .values_list("indicator_id", "value", "year", "origin")
    )
    return {indicator_id: (value, year, origin) for indicator_id, value, year, origin in rows}


def indicators_shown(strategy: Strategy, nodes: list[IndicatorNode]) -> dict[int, IndicatorShown]:
    """Every indicator of ``nodes`` by its id, with its current actual value (two queries at most)."""
    official = _official_actuals(nodes)
    entered = _entered_actuals(strategy, nodes)
    origins = dict(ActualOrigin.choices)
    shown: dict[int, IndicatorShown] = {}
    for node in nodes:
        found = official.get((node.statistic, node.region)) if node.statistic else None
        entered_value = entered.get(node.id)
        actual_value = found[0] if found else (entered_value[0] if entered_value else None)
        decimals = decimals_for(node.baseline_value, node.target_value, actual_value)
        baseline, target = number_text(node.baseline_value, decimals), number_text(node.target_value, decimals)
        if found is not None:
            value, year, source, unit = found
            shown[node.id] = IndicatorShown(
                node,
                node.unit or unit,
                baseline,
                target,
                actual=number_text(value, decimals),
                actual_year=year,
                actual_source=source,
                official=True,
            )
        elif entered_value is not None:
            value, year, origin = entered_value
            shown[node.id] = IndicatorShown(
                node,
                node.unit,
                baseline,
                target,
                actual=number_text(value, decimals),
                actual_year=year,
                actual_origin=str(origins.get(origin, "")),
            )
        else:
            shown[node.id] = IndicatorShown(node, node.unit, baseline, target)
    return shown
