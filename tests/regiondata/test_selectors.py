"""Reading observations: lists, nested dicts and DataFrames; flagged values stay flagged."""

from __future__ import annotations

import math

import pytest

from standortkompass.regiondata.catalogue import TOTAL
from standortkompass.regiondata.models import ValueStatus
from standortkompass.regiondata.selectors import (
    indicator_list,
    indicator_sectors,
    observation_values,
    observations_frame,
    observations_list,
    region_boundaries,
    regions_of_spatial_type,
)
from standortkompass.regiondata.services import statistics_import

from .conftest import RAW, genesis_excerpt

RAW_2015 = RAW / "13111-07-05-4_2015.csv"
RAW_2020 = RAW / "13111-07-05-4_2020.csv"


@pytest.fixture
def employment(db: None) -> None:
    for path in (RAW_2015, RAW_2020):
        statistics_import(data=genesis_excerpt(path, ["DG", "08", "08118", "16077"]), file_name=path.name)


def test_observations_for_indicator_regions_sectors_and_years(employment: None) -> None:
    rows = observations_list(
        indicator="employees_workplace_foreign", regions=["08118", "16077"], sectors=["J", TOTAL], years=[2020]
    )
    assert [(row.region, row.sector) for row in rows] == [
        ("08118", "J"),
        ("08118", TOTAL),
        ("16077", "J"),
        ("16077", TOTAL),
    ]
    flagged = rows[2]
    assert (flagged.value, flagged.status, flagged.source_table) == (None, ValueStatus.UNKNOWN, "13111-07-05-4")
    assert rows[1].reference_date is not None


def test_observation_values_are_nested_by_region_sector_and_year(employment: None) -> None:
    values = observation_values(indicator="employees_workplace", regions=["08118"], sectors=[TOTAL])
    assert values == {"08118": {TOTAL: {2015: values["08118"][TOTAL][2015], 2020: 206752.0}}}
    assert observation_values(
        indicator="employees_workplace_foreign", regions=["16077"], sectors=["J"], years=[2020]
    ) == {"16077": {"J": {2020: None}}}


def test_observations_as_a_dataframe_keep_flags_next_to_nan(employment: None) -> None:
    pytest.importorskip("pandas")
    frame = observations_frame(indicator="employees_workplace_foreign", regions=["16077"], years=[2020])
    assert list(frame.columns) == [
        "region",
        "sector",
        "year",
        "value",
        "status",
        "qualifier",
        "reference_date",
        "source_table",
    ]
    row = frame[frame["sector"] == "J"].iloc[0]
    assert math.isnan(row["value"])
    assert row["status"] == "."
    wide = observations_frame(indicator="employees_workplace", years=[2020]).pivot_table(
        index="region", columns="sector", values="value"
    )
    assert wide.loc["08118", TOTAL] == 206752


def test_indicators_are_listed_with_their_years_and_sectors(employment: None) -> None:
    summary = {item.code: item for item in indicator_list()}
    assert (summary["employees_workplace"].first_year, summary["employees_workplace"].last_year) == (2015, 2020)
    assert summary["employees_workplace"].observations == 4 * 14 * 2
    assert TOTAL in indicator_sectors(code="employees_workplace")
    assert len(indicator_sectors(code="employees_workplace")) == 14


def test_peer_regions_by_space_type_and_boundaries_are_empty_without_data(db: None) -> None:
    assert regions_of_spatial_type(typology="settlement_district_type", code="2", within="08") == []
    assert region_boundaries(codes=["08118"]) == {}
