"""The input of the location analysis: regions and references, employment by sector as a long table."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import pandas as pd
from django.utils.translation import gettext as _

from standortkompass.analysis import (
    Exclusion,
)
from standortkompass.analysis.sectors import TOTAL
from standortkompass.standortanalyse.services.analysis.errors import AnalysisDataError

EMPLOYMENT = "employees_workplace"
GERMANY = "DG"
LAND = "land"
LONG_COLUMNS = ("region", "sector", "year", "value")


# Regions --------------------------------------------------------------------------------------


def is_superset_region(reference: str, region: str) -> bool:
    """Whether ``reference`` contains ``region`` and is larger: Germany (``DG``) contains every
    other region; an AGS key contains the longer keys that start with it (a Land its
    Regierungsbezirke, Kreise and Gemeinden, a Kreis its Gemeinden). A Kreis is not a
    reference for another Kreis, nor a region for itself."""
    if reference == region:
        return False
    if reference == GERMANY:
        return True
    return region != GERMANY and reference.isdigit() and region.startswith(reference) and len(region) > len(reference)


def land_of(region: str) -> str:
    """The Land (two-digit AGS key) of a region below Land level."""
    return region[:2]


# Data -----------------------------------------------------------------------------------------


def employment_observations(
    *, regions: Iterable[str] | None = None, years: Iterable[int] | None = None
) -> pd.DataFrame:
    """Employment at the workplace by sector from the database as a long table.

    Columns ``region``, ``sector``, ``year``, ``value``; a flagged (suppressed) value is NaN.
    """
    from standortkompass.regiondata.selectors import observations_frame

    frame = observations_frame(indicator=EMPLOYMENT, regions=regions, years=years)
    return long_table(frame)


def long_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The long table in the library's convention: string codes, integer years, float values.

    Raises :class:`AnalysisDataError` if a column is missing or a (region, sector, year)
    appears twice.
    """
    missing = [column for column in LONG_COLUMNS if column not in frame.columns]
    if missing:
        raise AnalysisDataError(
            _("The data lacks the columns %(columns)s.") % {"columns": ", ".join(missing)},
        )
    table = pd.DataFrame(
        {
            "region": frame["region"].astype(str).str.strip(),
            "sector": frame["sector"].astype(str).str.strip(),
            "year": pd.to_numeric(frame["year"]).astype(int),
            "value": pd.to_numeric(frame["value"]).astype(float),
        }
    )
    duplicated = table.duplicated(["region", "sector", "year"])
    if duplicated.any():
        first = table[duplicated].iloc[0]
        raise AnalysisDataError(
            _("The data has two values for region %(region)s, sector %(sector)s, %(year)d.")
            % {"region": first["region"], "sector": first["sector"], "year": int(first["year"])}
        )
    return table.reset_index(drop=True)


def employment_from_long_csv(data: bytes, *, file_name: str) -> pd.DataFrame:
    """Read the long CSV (``region_code,region_name,sector_code,sector_name,year,value``) without saving it.

    Rows of other indicators (when the file has an ``indicator`` column) are ignored.
    Raises :class:`AnalysisDataError` listing every problem (file, line, column).
    """
    from standortkompass.regiondata.importers.long import read_long_csv

    parsed = read_long_csv(data, file_name=file_name, indicator=EMPLOYMENT)
    if parsed.problems:
        raise AnalysisDataError("\n".join(str(problem) for problem in parsed.problems))
    records = [record for record in parsed.records if record.indicator == EMPLOYMENT]
    if not records:
        raise AnalysisDataError(
            _("%(file)s has no rows of employment at the workplace (%(indicator)s).")
            % {"file": file_name, "indicator": EMPLOYMENT}
        )
    seen: dict[tuple[str, str, int], int | None] = {}
    for record in records:
        key = (record.region, record.sector, record.year)
        if key in seen:
            raise AnalysisDataError(
                _("%(file)s, line %(line)s: region %(region)s, sector %(sector)s, %(year)d appears twice.")
                % {
                    "file": file_name,
                    "line": record.line if record.line is not None else "?",
                    "region": record.region,
                    "sector": record.sector,
                    "year": record.year,
                }
            )
        seen[key] = record.line
    frame = pd.DataFrame(
        {
            "region": [record.region for record in records],
            "sector": [record.sector for record in records],
            "year": [record.year for record in records],
            "value": [math.nan if record.value is None else record.value for record in records],
        }
    )
    return long_table(frame)


def sector_years(table: pd.DataFrame, region: str) -> set[int]:
    """The years in which a region has at least one sector value (the total alone is not enough)."""
    rows = table[(table["region"] == region) & (table["sector"] != TOTAL) & table["value"].notna()]
    return {int(year) for year in rows["year"].unique()}


def years_text(years: Sequence[int]) -> str:
    if not years:
        return "–"
    if list(years) == list(range(years[0], years[-1] + 1)) and len(years) > 1:
        return f"{years[0]}–{years[-1]}"
    return ", ".join(str(year) for year in years)


def with_year(item: Exclusion, year: int) -> Exclusion:
    return Exclusion(item.reason, region=item.region, sector=item.sector, year=year)
