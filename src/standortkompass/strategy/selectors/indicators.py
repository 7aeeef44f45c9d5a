"""Reading the indicators (Kennzahlen) of the draft: their actual values, entered or from the official statistics.

An indicator bound to an official statistic (``statistic`` and ``region``) has the observations of
``regiondata`` as its actual values, read here and never copied; an unbound one has its ``IndicatorActual``
rows. Values stay unrounded (``value``); ``shown`` is the German display text.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from standortkompass.core.numbers import format_number
from standortkompass.regiondata.models import ValueStatus
from standortkompass.regiondata.selectors import observations_list
from standortkompass.strategy.models import Element, IndicatorActual, StrategyIndicator

# The sector of a statistic's total: none for indicators without sectors, TOTAL for those with.
TOTAL_SECTOR = "TOTAL"


def shown_number(value: float | None) -> str:
    """A value as a page shows it: German, rounded to at most two decimals, "–" when there is none."""
    if value is None:
        return "–"
    rounded = round(value, 2)
    decimals = 0 if rounded == int(rounded) else (1 if round(value, 1) == rounded else 2)
    return format_number(value, decimals)


@dataclass(frozen=True)
class ActualValue:
    year: int
    value: float | None  # None: the statistic has a flag instead of a value
    shown: str
    note: str = ""
    origin: str = ""  # the label of the origin of an entered value; "" for an official one
    actual_id: int | None = None  # the IndicatorActual, for the change and delete buttons


def indicators_of(element: Element) -> QuerySet[StrategyIndicator]:
    return element.indicators.select_related("statistic", "region").order_by("order", "id")


def statistic_values(indicator: StrategyIndicator) -> list[ActualValue]:
    """The observations of the bound statistic for the bound region (the total where it has sectors), by year."""
    if indicator.statistic is None or indicator.region is None:
        return []
    sector = TOTAL_SECTOR if indicator.statistic.has_sectors else ""
    flags = dict(ValueStatus.choices)
    rows = observations_list(indicator=indicator.statistic.code, regions=[indicator.region.code], sectors=[sector])
    return [
        ActualValue(
            year=row.year,
            value=row.value,
            shown=shown_number(row.value) if row.value is not None else f"{row.status} ({flags.get(row.status, '')})",
            note=row.qualifier,
        )
        for row in rows
    ]


def entered_values(indicator: StrategyIndicator) -> list[ActualValue]:
    rows: QuerySet[IndicatorActual] = indicator.actuals.order_by("year")
    return [
        ActualValue(
            year=actual.year,
            value=actual.value,
            shown=shown_number(actual.value),
            note=actual.note,
            origin=str(actual.get_origin_display()),
            actual_id=actual.pk,
        )
        for actual in rows
    ]


def actual_values(indicator: StrategyIndicator) -> list[ActualValue]:
    """The actual values of an indicator: the official ones when it is bound, else those entered."""
    if indicator.statistic_id is not None:
        return statistic_values(indicator)
    return entered_values(indicator)


@dataclass(frozen=True)
class IndicatorRow:
    """An indicator as the element page lists it."""

    indicator: StrategyIndicator
    baseline: str
    target: str
    latest: ActualValue | None
    values: int


def _value_with_year(value: float | None, year: int | None, unit: str) -> str:
    if value is None:
        return "–"
    text = shown_number(value) + (f"\u00a0{unit}" if unit else "")
    return f"{text} ({year})" if year else text


def indicator_rows(element: Element) -> list[IndicatorRow]:
    rows = []
    for indicator in indicators_of(element):
        values = [value for value in actual_values(indicator) if value.value is not None]
        rows.append(
            IndicatorRow(
                indicator=indicator,
                baseline=_value_with_year(indicator.baseline_value, indicator.baseline_year, indicator.unit),
                target=_value_with_year(indicator.target_value, indicator.target_year, indicator.unit),
                latest=values[-1] if values else None,
                values=len(values),
            )
        )
    return rows
