"""The labour market page: unemployment and productivity over the years, age structure, commuting, company sizes."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

from django.utils.translation import gettext_lazy

from standortkompass.regiondata import selectors as regiondata
from standortkompass.standortanalyse.selectors.common import (
    BUND,
    TOTAL,
    Series,
    cached,
    data_version,
    finite,
    indicator_series,
)
from standortkompass.standortanalyse.selectors.scope import Scope

AGE_BANDS: tuple[tuple[str, Any, tuple[str, ...]], ...] = (
    ("0-20", gettext_lazy("under 20"), ("under_3", "3_to_6", "6_to_10", "10_to_15", "15_to_18", "18_to_20")),
    ("20-40", gettext_lazy("20 to 39"), ("20_to_25", "25_to_30", "30_to_35", "35_to_40")),
    ("40-65", gettext_lazy("40 to 64"), ("40_to_45", "45_to_50", "50_to_55", "55_to_60", "60_to_65")),
    ("65-75", gettext_lazy("65 to 74"), ("65_to_75",)),
    ("75+", gettext_lazy("75 and older"), ("75_plus",)),
)


@dataclass(frozen=True)
class AgeStructure:
    year: int
    shares: list[dict[str, Any]]  # band, label, region, land, bund
    dependency: dict[str, float | None]  # region code -> old-age dependency ratio


def age_structure(scope: Scope) -> AgeStructure | None:
    version = data_version()

    def compute() -> AgeStructure | None:
        # The 34 series (age group × sex) in one query instead of one each.
        codes_of = [
            f"population_{sex}_{group}"
            for _band, _label, groups in AGE_BANDS
            for group in groups
            for sex in ("male", "female")
        ]
        series = {
            code: Series(code=code, name=code, unit="", source="", values=values)
            for code, values in regiondata.indicators_values(indicators=codes_of).items()
        }
        codes = (scope.region, scope.land, BUND)
        totals: dict[str, dict[str, float]] = {code: {} for code in codes}
        year: int | None = None
        for code in codes_of:
            candidate = series[code].last_year(scope.region)
            if candidate is None:
                return None
            year = candidate if year is None else min(year, candidate)
        if year is None:
            return None
        for band, _label, groups in AGE_BANDS:
            for code in codes:
                values = [
                    series[f"population_{sex}_{group}"].value(code, year)
                    for group in groups
                    for sex in ("male", "female")
                ]
                if any(value is None for value in values):
                    values = [
                        _sum_of_districts(series[f"population_{sex}_{group}"], code, year)
                        for group in groups
                        for sex in ("male", "female")
                    ]
                totals[code][band] = math.nan if any(value is None for value in values) else float(sum(values))  # type: ignore[arg-type]
        shares = []
        for band, _label, _groups in AGE_BANDS:
            row: dict[str, Any] = {"band": band, "label": ""}  # labelled in the reader's language below
            for key, code in (("region", scope.region), ("land", scope.land), ("bund", BUND)):
                whole = sum(totals[code].values())
                row[key] = finite(totals[code][band] / whole) if whole else None
            shares.append(row)
        dependency = {}
        for code in codes:
            working = totals[code]["20-40"] + totals[code]["40-65"]
            old = totals[code]["65-75"] + totals[code]["75+"]
            dependency[code] = finite(old / working) if working else None
        return AgeStructure(year=year, shares=shares, dependency=dependency)

    # Computed once for all languages; only the labels of the age bands are translated.
    found = cached("age", [scope.region], compute, version=version, translated=False)
    if found is None:
        return None
    labels = {band: str(label) for band, label, _groups in AGE_BANDS}
    return replace(found, shares=[{**row, "label": labels[row["band"]]} for row in found.shares])


def _sum_of_districts(series: Series, region: str, year: int) -> float | None:
    """A Land's or the Bund's value as the sum of its districts (for tables published for districts only)."""
    districts = series.districts_in(year, within="" if region == BUND else region)
    return float(sum(districts.values())) if districts else None


def commuting_lines(scope: Scope) -> list[dict[str, Any]]:
    """Job centrality (employees at the workplace per employee resident) by year for district, Land and Bund."""
    workplace = indicator_series("employees_workplace", sector=TOTAL)
    residence = indicator_series("employees_residence", sector=TOTAL)
    rows = []
    for name, code in [(scope.region_name, scope.region), (scope.land_name, scope.land), (scope.bund_name, BUND)]:
        for year in residence.years(code):
            at_work, at_home = workplace.value(code, year), residence.value(code, year)
            if at_work is not None and at_home:
                rows.append(
                    {
                        "year": year,
                        "series": name,
                        "value": at_work / at_home,
                        "workplace": at_work,
                        "residence": at_home,
                        "balance": at_work - at_home,
                    }
                )
    return rows


SIZE_CLASSES: tuple[tuple[str, Any], ...] = (
    ("local_units_0_to_10", gettext_lazy("0 to 9 employees")),
    ("local_units_10_to_50", gettext_lazy("10 to 49 employees")),
    ("local_units_50_to_250", gettext_lazy("50 to 249 employees")),
    ("local_units_250_plus", gettext_lazy("250 and more employees")),
)


def company_sizes(scope: Scope) -> tuple[int | None, list[dict[str, Any]]]:
    total = indicator_series("local_units")
    year = total.last_year(scope.region)
    if year is None:
        return None, []
    rows = []
    for code, label in SIZE_CLASSES:
        series = indicator_series(code)
        row: dict[str, Any] = {"code": code, "label": str(label), "count": series.value(scope.region, year)}
        for key, region in (("region", scope.region), ("land", scope.land), ("bund", BUND)):
            part, whole = series.value(region, year), total.value(region, year)
            row[key] = part / whole if part is not None and whole else None
        rows.append(row)
    return year, rows


def level_lines(scope: Scope, code: str, *, sector: str = "", scale: float = 1.0) -> list[dict[str, Any]]:
    """An indicator over the years for the district, its Land and the Bund."""
    series = indicator_series(code, sector=sector)
    rows = []
    for name, region in [(scope.region_name, scope.region), (scope.land_name, scope.land), (scope.bund_name, BUND)]:
        for year in series.years(region):
            value = series.value(region, year)
            if value is not None:
                rows.append({"year": year, "series": name, "value": value * scale})
    return rows
