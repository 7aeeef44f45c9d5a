"""What the Standortanalyse selectors share: sector names, the cache, and the raw values of the indicators.

The numbers come from ``regiondata`` (observations of all regions) and are computed with
the pure ``analysis`` library. Everything expensive is cached in Django's cache under a key
that contains the data version (the newest import batch and the number of observations),
so an import makes the old entries unreachable. Each entry is computed once even when many
requests miss it at the same time (``core.cache.single_flight``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

import pandas as pd
from django.db.models import Max
from django.utils.translation import get_language, gettext_lazy

from standortkompass.core.cache import single_flight
from standortkompass.regiondata import selectors as regiondata
from standortkompass.regiondata.models import ImportBatch, Observation

T = TypeVar("T")
CACHE_SECONDS = 24 * 60 * 60
TOTAL = "TOTAL"
BUND = "DG"

# Names of the sectors and aggregates of the official tables (WZ 2008 sections).
SECTOR_NAMES: dict[str, Any] = {
    "A": gettext_lazy("Agriculture, forestry and fishing"),
    "B-E": gettext_lazy("Manufacturing, mining and energy"),
    "B-F": gettext_lazy("Production sector"),
    "C": gettext_lazy("Manufacturing"),
    "F": gettext_lazy("Construction"),
    "G-I": gettext_lazy("Trade, transport and hospitality"),
    "G-J": gettext_lazy("Trade, transport, hospitality, information and communication"),
    "G-U": gettext_lazy("Services"),
    "J": gettext_lazy("Information and communication"),
    "K": gettext_lazy("Financial and insurance services"),
    "K-N": gettext_lazy("Finance, insurance, real estate and business services"),
    "L": gettext_lazy("Real estate"),
    "M-N": gettext_lazy("Professional, scientific and business services"),
    "O-Q": gettext_lazy("Public administration, education and health"),
    "O-T": gettext_lazy("Public and other services"),
    "R-U": gettext_lazy("Arts, entertainment and other services"),
    TOTAL: gettext_lazy("All sectors"),
}


def sector_name(code: str) -> str:
    return str(SECTOR_NAMES.get(code, code))


# --- cache ------------------------------------------------------------------------------------


def data_version() -> str:
    """Changes whenever statistics are imported: the newest import batch and the newest observation."""
    newest_batch = ImportBatch.objects.aggregate(newest=Max("pk"))["newest"] or 0
    newest_observation = Observation.objects.aggregate(newest=Max("pk"))["newest"] or 0
    return f"{newest_batch}-{newest_observation}"


def cached(
    name: str, parts: Iterable[object], compute: Callable[[], T], *, version: str | None = None, translated: bool = True
) -> T:
    # The language is part of the key: results carry translated labels (sector names, age groups ...);
    # ``translated=False`` for results without any (the raw series), which all languages then share.
    language = (get_language() or "") if translated else "-"
    key = ":".join(["standortanalyse", version or data_version(), language, name, *(str(part) for part in parts)])
    # Computed once even when many requests miss at once (after a restart or an import): the others wait.
    # The key holds the data version, so the value never changes: the process keeps it in memory too.
    return single_flight(key, compute, timeout=CACHE_SECONDS, in_memory=True)


# --- raw values -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Series:
    """One indicator: ``values[region][year]`` (missing and flagged values left out) and its metadata."""

    code: str
    name: str
    unit: str
    source: str
    values: dict[str, dict[int, float]]
    description: str = ""

    def value(self, region: str, year: int) -> float | None:
        return self.values.get(region, {}).get(year)

    def years(self, region: str) -> list[int]:
        return sorted(self.values.get(region, {}))

    def last_year(self, region: str) -> int | None:
        years = self.years(region)
        return years[-1] if years else None

    def districts_in(self, year: int, *, within: str = "") -> dict[str, float]:
        return {
            code: by_year[year]
            for code, by_year in self.values.items()
            if len(code) == 5 and code.startswith(within) and year in by_year
        }


def indicator_series(code: str, *, sector: str = "", version: str | None = None) -> Series:
    def compute() -> Series:
        indicator = regiondata.indicator_get(code=code)
        raw = regiondata.observation_values(indicator=code, sectors=[sector])
        values = {
            region: {year: value for year, value in by_sector.get(sector, {}).items() if value is not None}
            for region, by_sector in raw.items()
        }
        return Series(
            code=code,
            name=indicator.name if indicator else code,
            unit=indicator.unit if indicator else "",
            source=indicator.source if indicator else "",
            values=values,
            description=indicator.description if indicator else "",
        )

    return cached("series-v2", [code, sector or "-"], compute, version=version, translated=False)


@dataclass(frozen=True)
class SectorData:
    """Employment at the workplace by sector: ``matrix[year]`` is a DataFrame region × sector."""

    years: tuple[int, ...]
    matrix: dict[int, pd.DataFrame]
    source: str

    def vector(self, region: str, year: int) -> pd.Series:
        frame = self.matrix[year]
        if region not in frame.index:
            return pd.Series(dtype=float, name=region)
        row = frame.loc[region]
        return pd.Series(row.to_numpy(dtype=float), index=frame.columns, name=region)

    def districts(self, year: int) -> pd.DataFrame:
        frame = self.matrix[year]
        return frame.loc[[code for code in frame.index if len(code) == 5]]


def sector_data(*, version: str | None = None) -> SectorData:
    def compute() -> SectorData:
        frame = regiondata.observations_frame(indicator="employees_workplace")
        frame = frame[frame["sector"] != ""]
        indicator = regiondata.indicator_get(code="employees_workplace")
        # Only years with a breakdown by sector (not just the total).
        per_year = frame[frame["sector"] != TOTAL].groupby("year")["sector"].nunique()
        years = tuple(sorted(int(str(year)) for year, count in per_year.items() if count > 1))
        matrix = {
            year: frame[frame["year"] == year].pivot_table(
                index="region", columns="sector", values="value", aggfunc="first", dropna=False
            )
            for year in years
        }
        return SectorData(years=years, matrix=matrix, source=indicator.source if indicator else "")

    return cached("sectors", [], compute, version=version, translated=False)


def finite(value: float | None) -> float | None:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return None
    return float(value)
