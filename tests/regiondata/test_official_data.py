"""`load_official_data` on a small copy of regiondata/official.

Regions, statistics, territorial changes, BBSR space types and boundaries, loaded once and skipped after.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from standortkompass.regiondata.catalogue import OFFICIAL_FILES, TOTAL
from standortkompass.regiondata.models import (
    ImportBatch,
    ImportFormat,
    Observation,
    ObservationRevision,
    Region,
    RegionBoundary,
    RegionSuccession,
    SpatialType,
    SpatialTypology,
    ValueStatus,
)
from standortkompass.regiondata.selectors import regions_valid_on, spatial_types_of
from standortkompass.regiondata.services import regions_load_official

from .conftest import small_official_folder, stored


@pytest.fixture(scope="module")
def small_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return small_official_folder(tmp_path_factory.mktemp("official"))


@pytest.fixture
def folder(small_folder: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(small_folder, tmp_path / "official"))


def load(folder: Path) -> str:
    output = io.StringIO()
    call_command("load_official_data", directory=folder, stdout=output)
    return output.getvalue()


def test_the_first_run_loads_everything_and_says_what_it_did(folder: Path, db: None) -> None:
    output = load(folder)
    assert "Regions:" in output
    assert "13111-07-05-4:" in output
    assert "values created" in output
    assert "16 of 16 steps did something" in output
    formats = set(ImportBatch.objects.values_list("format", flat=True))
    assert formats == {ImportFormat.OFFICIAL}
    assert ImportBatch.objects.count() == 1 + len(OFFICIAL_FILES) + 2 + 3


def test_a_second_run_skips_every_file_and_changes_nothing(folder: Path, db: None) -> None:
    load(folder)
    before = (Observation.objects.count(), Region.objects.count(), ImportBatch.objects.count())
    output = load(folder)
    assert "0 of 16 steps did something" in output
    assert output.count("already loaded, skipped") == 15
    assert (Observation.objects.count(), Region.objects.count(), ImportBatch.objects.count()) == before


def test_a_changed_file_is_read_again_and_its_revisions_recorded(folder: Path, db: None) -> None:
    load(folder)
    path = folder / "labour_market/arbeitslose_kreise_jahresdurchschnitt_2015-2020.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    old = next(row for row in rows if row["ags"] == "08118" and row["jahr"] == "2020")["arbeitslose_insgesamt"]
    text = path.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("2020,08118,"))
    path.write_text(text.replace(line, line.replace(f",{old},", f",{int(old) + 1},", 1)), encoding="utf-8")
    output = load(folder)
    assert "1 of 16 steps did something" in output
    assert "13211-02-05-4: 0 values created, 1 revised" in output
    revision = ObservationRevision.objects.get()
    assert (revision.old_value, revision.new_value) == (float(old), float(old) + 1)
    assert stored("unemployed", "08118", "", 2020).value == float(old) + 1


def test_shipped_statistics_keep_the_symbols_as_flags(folder: Path, db: None) -> None:
    load(folder)
    assert stored("employees_workplace", "08118", TOTAL, 2020).value == 206752
    # ao_insgesamt of 13111-01-03-4 continues the same series back to 2008
    assert stored("employees_workplace", "08118", TOTAL, 2008).source_table == "13111-01-03-4"
    assert stored("employees_residence", "08118", TOTAL, 2019).value is not None
    flagged = Observation.objects.filter(indicator__code="unemployment_rate_dependent", region__code="081")
    assert flagged.exists()
    assert all(o.value is None and o.status == ValueStatus.UNKNOWN for o in flagged)
    assert not Observation.objects.filter(value=0, status__gt="").exists()


def test_hamburg_and_berlin_of_the_shipped_tables_are_also_kreise(folder: Path, db: None) -> None:
    load(folder)
    for indicator, sector in (("employees_workplace", TOTAL), ("gdp", ""), ("unemployed", "")):
        for land, kreis in (("02", "02000"), ("11", "11000")):
            land_values = dict(
                Observation.objects.filter(indicator__code=indicator, region__code=land, sector=sector).values_list(
                    "year", "value"
                )
            )
            kreis_values = dict(
                Observation.objects.filter(indicator__code=indicator, region__code=kreis, sector=sector).values_list(
                    "year", "value"
                )
            )
            assert land_values
            assert kreis_values == land_values
    # the age table has the Kreis keys itself
    assert stored("population", "02000", "", 2020).value is not None
    assert not Observation.objects.filter(indicator__code="population_male_under_3", region__code="02").exists()


def test_population_totals_are_the_sums_of_the_age_groups(folder: Path, db: None) -> None:
    load(folder)
    parts = Observation.objects.filter(
        indicator__code__startswith="population_", region__code="08118", year=2020
    ).exclude(indicator__code__in=["population_male", "population_female"])
    assert parts.count() == 34
    assert stored("population", "08118", "", 2020).value == sum(o.value or 0 for o in parts)
    assert stored("population", "08118", "", 2021).source_table == "12411-01-01-4"


def test_territorial_changes_of_goettingen_and_eisenach_are_recorded(folder: Path, db: None) -> None:
    load(folder)
    assert str(Region.objects.get(code="03152").valid_to) == "2016-10-31"
    assert str(Region.objects.get(code="03156").valid_to) == "2016-10-31"
    assert str(Region.objects.get(code="03159").valid_from) == "2016-11-01"
    assert str(Region.objects.get(code="16056").valid_to) == "2021-06-30"
    assert Region.objects.get(code="16063").valid_from is None
    changes = set(RegionSuccession.objects.values_list("predecessor__code", "successor__code"))
    assert changes == {("03152", "03159"), ("03156", "03159"), ("16056", "16063")}
    assert stored("employees_workplace", "03152", TOTAL, 2015).value is not None
    in_2015 = {region.code for region in regions_valid_on(day=dt.date(2015, 6, 30))}
    in_2020 = {region.code for region in regions_valid_on(day=dt.date(2020, 6, 30))}
    assert {"03152", "03156"} <= in_2015
    assert "03159" not in in_2015
    assert "03159" in in_2020
    assert "03152" not in in_2020
    assert "16056" in in_2020


def test_bbsr_space_types_of_ludwigsburg(folder: Path, db: None) -> None:
    load(folder)
    types = spatial_types_of(region="08118")
    assert types[SpatialTypology.SETTLEMENT_DISTRICT_TYPE] == ("2", "Städtischer Kreis")
    assert types[SpatialTypology.SPATIAL_PLANNING_REGION] == ("810", "Stuttgart")
    assert types[SpatialTypology.LABOUR_MARKET_REGION] == ("94", "Stuttgart")
    assert types[SpatialTypology.LOCATION_TYPE] == ("1", "sehr zentral")
    assert types[SpatialTypology.GROWTH] == ("4", "wachsend")
    town = spatial_types_of(region="08118001")
    assert town[SpatialTypology.REGIOSTAR_7] == ("73", "Stadtregion - Mittelstädte, städtischer Raum")
    assert SpatialType.objects.filter(region__code__startswith="08118", region__level="municipality").count() == 39 * 15


def test_boundaries_are_stored_as_geojson_and_kept_out_of_region_queries(folder: Path, db: None) -> None:
    load(folder)
    boundary = RegionBoundary.objects.get(region__code="08118")
    geometry = json.loads(boundary.geometry)
    assert geometry["type"] in {"Polygon", "MultiPolygon"}
    assert RegionBoundary.objects.filter(region__level="municipality").count() == 39
    assert RegionBoundary.objects.filter(region__code="08").exists()
    assert "geometry" not in {field.name for field in Region._meta.concrete_fields}


def test_regions_load_official_still_works_on_its_own(folder: Path, db: None) -> None:
    report = regions_load_official(directory=folder, municipalities_of={"08118"})
    assert report.created > 0
    ludwigsburg = Region.objects.get(code="08118")
    assert (ludwigsburg.nuts3, ludwigsburg.kind) == ("DE115", "Landkreis")
    assert regions_load_official(directory=folder).created == 0
