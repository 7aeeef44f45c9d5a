"""Writing the indicators (Kennzahlen) of the draft and their actual values, audited."""

from __future__ import annotations

import uuid
from collections.abc import Mapping

from django.core.cache import cache
from django.db import transaction

from standortkompass.accounts.models import User
from standortkompass.processes.services.process import create_audited, delete_audited, update_audited
from standortkompass.strategy.models import ActualOrigin, Element, IndicatorActual, StrategyIndicator

# Changes whenever an indicator or an actual value changes: readers that keep computed values (the API's list of
# actual values) key them by it.
ACTUALS_GENERATION_KEY = "strategy:actuals:generation"


def actuals_changed() -> None:
    """Indicators or actual values changed: at once, and again when the transaction commits."""

    def renew() -> None:
        cache.set(ACTUALS_GENERATION_KEY, uuid.uuid4().hex, None)

    renew()
    transaction.on_commit(renew)


INDICATOR_FIELDS = (
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
)
ACTUAL_FIELDS = ("year", "value", "note")


def indicator_create(*, element: Element, actor: User, data: Mapping[str, object]) -> StrategyIndicator:
    actuals_changed()
    with transaction.atomic():
        indicator = StrategyIndicator(element=element, order=element.indicators.count() + 1)
        for name in INDICATOR_FIELDS:
            if name in data:
                setattr(indicator, name, data[name])
        return create_audited(
            indicator,
            actor=actor,
            action="strategy.indicator.create",
            process=element.strategy.process,
            fields=INDICATOR_FIELDS,
        )


def indicator_update(*, indicator: StrategyIndicator, actor: User, data: Mapping[str, object]) -> StrategyIndicator:
    actuals_changed()
    with transaction.atomic():
        return update_audited(
            indicator,
            actor=actor,
            action="strategy.indicator.update",
            process=indicator.element.strategy.process,
            fields=INDICATOR_FIELDS,
            data=data,
        )


def indicator_delete(*, indicator: StrategyIndicator, actor: User) -> None:
    actuals_changed()
    with transaction.atomic():
        delete_audited(
            indicator, actor=actor, action="strategy.indicator.delete", process=indicator.element.strategy.process
        )


def actual_save(
    *, indicator: StrategyIndicator, actor: User, data: Mapping[str, object], origin: str = ActualOrigin.ENTERED
) -> IndicatorActual:
    """Record the actual value of a year (replacing the year's earlier value)."""
    actuals_changed()
    with transaction.atomic():
        year = data["year"]
        if not isinstance(year, int):
            raise TypeError(year)
        actual = IndicatorActual.objects.select_for_update().filter(indicator=indicator, year=year).first()
        process = indicator.element.strategy.process
        if actual is None:
            actual = IndicatorActual(indicator=indicator, origin=origin, created_by=actor)
            for name in ACTUAL_FIELDS:
                if name in data:
                    setattr(actual, name, data[name])
            return create_audited(
                actual, actor=actor, action="strategy.actual.create", process=process, fields=ACTUAL_FIELDS
            )
        actual.origin = origin
        return update_audited(
            actual, actor=actor, action="strategy.actual.update", process=process, fields=ACTUAL_FIELDS, data=data
        )


def actual_delete(*, actual: IndicatorActual, actor: User) -> None:
    actuals_changed()
    with transaction.atomic():
        delete_audited(
            actual, actor=actor, action="strategy.actual.delete", process=actual.indicator.element.strategy.process
        )
