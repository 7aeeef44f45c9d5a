"""Eurostat TSV with NUTS → AGS mapping, on a synthetic fixture in the layout of nama_10r_3empers."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator

import pytest
from django.utils import translation

from standortkompass.regiondata.importers import StatisticsImportError
from standortkompass.regiondata.importers.eurostat import NUTS1_LAENDER, read_eurostat_tsv
from standortkompass.regiondata.models import Observation, Region, ValueStatus
from standortkompass.regiondata.services import statistics_import

from .conftest import FIXTURES, OFFICIAL, stored


@pytest.fixture(autouse=True)
def _german() -> Iterator[None]:
    """Messages are checked as German users see them, whatever language an earlier test's request left active."""
    with translation.override("de"):
        yield


# Synthetic test data (invented numbers), see fixtures/README.md.
SYNTHETIC = FIXTURES / "eurostat_nama_10r_3empers_synthetic.tsv"


def test_nuts_codes_are_mapped_to_ags_keys_and_flags_kept(regions: dict[str, Region]) -> None:
    report = statistics_import(data=SYNTHETIC.read_bytes(), file_name="nama_10r_3empers.tsv")
    assert report.format == "eurostat"
    assert report.indicators == ["eurostat.nama_10r_3empers.ths_per_emp", "eurostat.nama_10r_3empers.ths_per_sal"]
    employed = "eurostat.nama_10r_3empers.ths_per_emp"
    assert stored(employed, "DG", "TOTAL", 2019).value == 1000.0
    provisional = stored(employed, "08118", "TOTAL", 2020)
    assert (provisional.value, provisional.qualifier) == (10.5, "p")
    confidential = stored(employed, "08118", "TOTAL", 2021)
    assert (confidential.value, confidential.status, confidential.qualifier) == (None, ValueStatus.UNKNOWN, "c")
    assert stored(employed, "08118", "M-N", 2021).status == ValueStatus.LOCKED
    assert stored(employed, "08", "TOTAL", 2021).qualifier == "e"
    assert stored("eurostat.nama_10r_3empers.ths_per_sal", "08118", "TOTAL", 2021).value == 9.6


def test_rows_without_an_ags_counterpart_are_left_out_and_counted(regions: dict[str, Region]) -> None:
    report = statistics_import(data=SYNTHETIC.read_bytes(), file_name="nama_10r_3empers.tsv")
    notes = "\n".join(report.notes)
    assert "1 Zeile eines anderen Staates" in notes
    assert "2 Zeilen von NUTS-2- oder Extra-Regio-Einheiten" in notes
    assert "DE111" in notes  # a NUTS-3 code no Kreis of the database carries
    assert not Observation.objects.filter(region__code="081").exists()


def test_the_indicator_option_and_a_gzip_file(regions: dict[str, Region]) -> None:
    data = gzip.compress(SYNTHETIC.read_bytes())
    report = statistics_import(data=data, file_name="estat_nama_10r_3empers.tsv.gz", indicator="employed")
    assert report.indicators == ["employed.ths_per_emp", "employed.ths_per_sal"]


@pytest.mark.parametrize(
    ("change", "line", "column", "words"),
    [
        (("2021 ", "2021-Q1"), 1, 4, "Nur Jahrestabellen"),
        (("1010.5 p", "1.010,5"), 2, 3, "weder eine Zahl"),
        (("A,THS_PER,EMP,TOTAL,DE1\t", "A,THS_PER,TOTAL,DE1\t"), 3, 1, "Dimensionswerte"),
    ],
)
def test_a_malformed_file_is_refused_with_line_and_column(
    change: tuple[str, str], line: int, column: int, words: str, regions: dict[str, Region]
) -> None:
    data = SYNTHETIC.read_text(encoding="utf-8").replace(*change, 1).encode()
    with pytest.raises(StatisticsImportError) as refused:
        statistics_import(data=data, file_name="kaputt.tsv")
    [problem] = refused.value.problems
    assert (problem.line, problem.column) == (line, column)
    assert words in problem.message
    assert not Observation.objects.exists()


def test_a_file_without_the_eurostat_header_is_refused() -> None:
    parsed = read_eurostat_tsv(b"geo\t2019\nDE\t1\n", file_name="x.tsv")
    [problem] = parsed.problems
    assert problem.line == 1


def test_the_nuts1_table_matches_the_laender_boundaries_of_the_bkg() -> None:
    collection = json.loads((OFFICIAL / "geo" / "laender_vg5000_2021.geojson").read_text(encoding="utf-8"))
    from_boundaries = {
        f["properties"]["NUTS"]: (f["properties"]["AGS"], f["properties"]["GEN"]) for f in collection["features"]
    }
    assert from_boundaries == NUTS1_LAENDER
