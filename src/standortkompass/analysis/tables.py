"""Reshaping the long table into the inputs the measures take.

The long table is the layout of the project's simple CSV: one row per observation with the
columns ``region``, ``sector``, ``year`` and ``value`` (further columns are ignored). The
functions here select and pivot it; they neither fill gaps nor add values up.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

REGION = "region"
SECTOR = "sector"
YEAR = "year"
VALUE = "value"
COLUMNS = (REGION, SECTOR, YEAR, VALUE)


def sector_vector(data: pd.DataFrame, *, region: str, year: int) -> pd.Series[float]:
    """Values of one region in one year, indexed by sector code, named after the region.

    Raises
    ------
    ValueError
        If the table lacks a column, has two rows for one (region, sector, year), or has no
        row for the region and year.
    """
    rows = _checked(data)
    rows = rows[(rows[REGION] == region) & (rows[YEAR] == year)]
    if rows.empty:
        raise ValueError(f"no values for region {region} in {year}")
    result = pd.Series(
        rows[VALUE].to_numpy(dtype=float, na_value=float("nan")), index=pd.Index(rows[SECTOR]), name=region
    )
    result.index.name = SECTOR
    return result


def sector_matrix(data: pd.DataFrame, *, year: int, regions: Iterable[str] | None = None) -> pd.DataFrame:
    """Values in one year: one row per region, one column per sector."""
    rows = _checked(data)
    rows = rows[rows[YEAR] == year]
    if regions is not None:
        rows = rows[rows[REGION].isin(list(regions))]
    if rows.empty:
        raise ValueError(f"no values for {year}")
    return _pivot(rows, index=[REGION], columns=SECTOR)


def sector_panel(data: pd.DataFrame, *, region: str) -> pd.DataFrame:
    """Values of one region over time: one row per year, one column per sector."""
    rows = _checked(data)
    rows = rows[rows[REGION] == region]
    if rows.empty:
        raise ValueError(f"no values for region {region}")
    return _pivot(rows, index=[YEAR], columns=SECTOR)


def sector_panels(data: pd.DataFrame, *, regions: Iterable[str] | None = None) -> pd.DataFrame:
    """Values of several regions over time: rows indexed by (region, year), one column per sector."""
    rows = _checked(data)
    if regions is not None:
        rows = rows[rows[REGION].isin(list(regions))]
    if rows.empty:
        raise ValueError("no values for the regions")
    return _pivot(rows, index=[REGION, YEAR], columns=SECTOR)


def year_matrix(data: pd.DataFrame, *, sector: str) -> pd.DataFrame:
    """Values of one sector (for example ``TOTAL``): one row per region, one column per year."""
    rows = _checked(data)
    rows = rows[rows[SECTOR] == sector]
    if rows.empty:
        raise ValueError(f"no values for sector {sector}")
    return _pivot(rows, index=[REGION], columns=YEAR)


def _checked(data: pd.DataFrame) -> pd.DataFrame:
    missing = [column for column in COLUMNS if column not in data.columns]
    if missing:
        raise ValueError(f"the table lacks the columns {', '.join(missing)}")
    keys = data[[REGION, SECTOR, YEAR]]
    if keys.duplicated().any():
        first = keys[keys.duplicated()].iloc[0]
        raise ValueError(f"two rows for region {first[REGION]}, sector {first[SECTOR]}, year {first[YEAR]}")
    return data[list(COLUMNS)]


def _pivot(rows: pd.DataFrame, *, index: list[str], columns: str) -> pd.DataFrame:
    table = rows.pivot(index=index, columns=columns, values=VALUE).astype(float)
    table.columns.name = None
    return table.sort_index().sort_index(axis=1)
