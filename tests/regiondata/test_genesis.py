"""The Regionaldatenbank/GENESIS CSV importer on excerpts of the real downloads in regiondata/official/raw."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.utils import translation

from standortkompass.regiondata.catalogue import OFFICIAL_FILES, TOTAL
from standortkompass.regiondata.importers import StatisticsImportError, read_statistics_file
from standortkompass.regiondata.importers.base import Record
from standortkompass.regiondata.importers.genesis import read_genesis_csv
from standortkompass.regiondata.importers.official import read_official_csv
from standortkompass.regiondata.models import (
    ImportBatch,
    Indicator,
    Observation,
    ObservationRevision,
    Region,
    ValueStatus,
)
from standortkompass.regiondata.services import statistics_import

from .conftest import FIXTURES, OFFICIAL, RAW, clean_rows, genesis_excerpt, stored


@pytest.fixture(autouse=True)
def _german() -> Iterator[None]:
    """Messages are checked as German users see them, whatever language an earlier test's request left active."""
    with translation.override("de"):
        yield


RAW_2015 = RAW / "13111-07-05-4_2015.csv"
RAW_2020 = RAW / "13111-07-05-4_2020.csv"
POPULATION = RAW / "12411-0018_2015-2020.csv"
EMPLOYMENT_CLEAN = "employment/svb_arbeitsort_wirtschaftsabschnitte_kreise_2015-2020.csv"


def test_the_2015_download_keeps_the_kreise_of_its_territorial_status(db: None) -> None:
    data = genesis_excerpt(RAW_2015, ["DG", "03", "031", "03152", "03156", "03159"])
    report = statistics_import(data=data, file_name=RAW_2015.name)
    assert stored("employees_workplace", "03152", TOTAL, 2015).value is not None
    assert stored("employees_workplace", "03156", TOTAL, 2015).value is not None
    # the merged Landkreis 03159 did not exist yet: its row is all '-'
    assert not Observation.objects.filter(region__code="03159").exists()
    assert any("03159" in note for note in report.notes)
    clean = clean_rows(EMPLOYMENT_CLEAN, jahr="2015", ags="03152", wz2008_code="TOTAL")[0]
    assert stored("employees_workplace", "03152", TOTAL, 2015).value == float(clean["svb_insgesamt"])


def test_the_genesis_online_layout_with_the_date_in_the_first_column(db: None) -> None:
    data = genesis_excerpt(POPULATION, ["08118", "02000", "03152"], code_column=1)
    report = statistics_import(data=data, file_name=POPULATION.name)
    assert report.source_table == "12411-0018"
    # 2 regions × 6 dates × 34 columns, 03152 only on 31.12.2015 (the other years are all '-')
    assert report.rows == 2 * 6 * 34 + 34 + (2 * 6 + 1) * 3
    row = clean_rows("population/bevoelkerung_kreise_geschlecht_altersgruppen_2015-2020.csv", ags="08118")[-1]
    assert row["stichtag"] == "2020-12-31"
    under_three = stored("population_male_under_3", "08118", "", 2020)
    assert under_three.value == float(row["m_u3"])
    assert under_three.reference_date.isoformat() == "2020-12-31"
    assert stored("population_female_75_plus", "08118", "", 2020).value == float(row["w_75+"])
    ages = [value for key, value in row.items() if key[:2] in {"m_", "w_"}]
    assert stored("population", "08118", "", 2020).value == sum(float(value) for value in ages)
    assert Region.objects.get(code="03152").name.startswith("Göttingen")


def test_importing_the_same_file_twice_changes_nothing(db: None) -> None:
    data = genesis_excerpt(RAW_2020, ["DG", "08", "081", "08118"])
    first = statistics_import(data=data, file_name="13111-07-05-4_2020.csv")
    before = list(Observation.objects.order_by("pk").values_list("pk", "value", "status", "batch_id"))
    second = statistics_import(data=data, file_name="13111-07-05-4_2020.csv")
    assert first.created == 4 * 14 * 6
    assert (second.created, second.updated, second.unchanged) == (0, 0, first.created)
    assert second.batch_id is None
    assert ImportBatch.objects.count() == 1
    assert list(Observation.objects.order_by("pk").values_list("pk", "value", "status", "batch_id")) == before


def test_a_revised_value_replaces_the_old_one_and_the_revision_is_recorded(db: None) -> None:
    data = genesis_excerpt(RAW_2020, ["08118"])
    statistics_import(data=data, file_name="13111-07-05-4_2020.csv")
    revised = data.replace(b"Insgesamt;206752;117580;", b"Insgesamt;206760;117588;").replace(
        b"(J);6099;3964;2135;682;490;192", b"(J);6099;3964;2135;682;.;."
    )
    report = statistics_import(data=revised, file_name="13111-07-05-4_2020_korrigiert.csv")
    assert (report.created, report.updated) == (0, 4)
    assert stored("employees_workplace", "08118", TOTAL, 2020).value == 206760
    revisions = {
        (r.observation.indicator.code, r.observation.sector): (r.old_value, r.old_status, r.new_value, r.new_status)
        for r in ObservationRevision.objects.select_related("observation__indicator")
    }
    assert revisions == {
        ("employees_workplace", TOTAL): (206752, "", 206760, ""),
        ("employees_workplace_male", TOTAL): (117580, "", 117588, ""),
        ("employees_workplace_foreign_male", "J"): (490, "", None, "."),
        ("employees_workplace_foreign_female", "J"): (192, "", None, "."),
    }
    batch = ImportBatch.objects.get(pk=report.batch_id)
    assert (batch.updated, batch.file_name) == (4, "13111-07-05-4_2020_korrigiert.csv")
    assert ObservationRevision.objects.filter(batch=batch).count() == 4
    assert "206752 → 206760" in "\n".join(report.lines())


def test_a_non_numeric_value_is_refused_with_line_and_column_and_nothing_is_saved(db: None) -> None:
    data = genesis_excerpt(RAW_2020, ["DG", "08118"]).replace(b"Insgesamt;206752;", b"Insgesamt;206752a;")
    line = (
        data.decode("latin-1")
        .splitlines()
        .index(next(text for text in data.decode("latin-1").splitlines() if "206752a" in text))
    )
    with pytest.raises(StatisticsImportError) as refused:
        statistics_import(data=data, file_name="kaputt.csv")
    [problem] = refused.value.problems
    assert (problem.file, problem.line, problem.column) == ("kaputt.csv", line + 1, 4)
    assert "206752a" in problem.message
    assert "kaputt.csv, Zeile" in str(problem)
    assert not Observation.objects.exists()
    assert not Region.objects.exists()
    assert not ImportBatch.objects.exists()


def test_a_truncated_file_is_refused_with_the_line_of_the_cut_row(db: None) -> None:
    text = genesis_excerpt(RAW_2020, ["DG", "08118"]).decode("latin-1")
    cut = text.index("08118;      Ludwigsburg, Landkreis;Baugewerbe (F);11553;") + 60
    data = text[:cut].encode("latin-1")
    parsed = read_genesis_csv(data, file_name="abgeschnitten.csv")
    lines = {problem.line for problem in parsed.problems}
    cut_line = text[:cut].count("\n") + 1
    assert cut_line in lines
    assert any("Fußzeile" in problem.message for problem in parsed.problems)
    with pytest.raises(StatisticsImportError):
        statistics_import(data=data, file_name="abgeschnitten.csv")
    assert not Observation.objects.exists()


def test_a_file_in_the_wrong_encoding_is_refused(db: None) -> None:
    data = genesis_excerpt(RAW_2020, ["08118"]).decode("latin-1").encode("utf-16")
    with pytest.raises(StatisticsImportError) as refused:
        statistics_import(data=data, file_name="utf16.csv", format="genesis")
    [problem] = refused.value.problems
    assert problem.line == 1
    assert "Steuerzeichen" in problem.message
    assert not Observation.objects.exists()


def test_a_file_with_damaged_utf8_is_refused_with_its_position(db: None) -> None:
    text = genesis_excerpt(RAW_2020, ["08118"]).decode("latin-1")
    data = text.encode("utf-8")[:-1] + b"\xff"  # mixed: UTF-8 text with a stray Latin-1 byte
    parsed = read_statistics_file(data, file_name="gemischt.csv", format="genesis")
    [problem] = parsed.problems
    assert problem.line == 2  # "Sozialversicherungspflichtig Beschäftigte …": Ã¤ for ä
    assert "Zeichenkodierungen" in problem.message


def test_a_download_saved_again_as_utf8_gives_the_same_values(db: None) -> None:
    latin1 = genesis_excerpt(RAW_2020, ["08118"])
    utf8 = read_genesis_csv(latin1.decode("latin-1").encode("utf-8"), file_name="utf8.csv")
    original = read_genesis_csv(latin1, file_name="latin1.csv")
    assert not utf8.problems
    assert [(r.indicator, r.region_name, r.sector, r.value, r.status) for r in utf8.records] == [
        (r.indicator, r.region_name, r.sector, r.value, r.status) for r in original.records
    ]


def test_every_problem_of_a_file_is_reported_at_once(db: None) -> None:
    data = (
        genesis_excerpt(RAW_2020, ["08118", "08119"])
        .replace(b"(A);1516;", b"(A);15x16;")
        .replace(b"08119;", b"8119;", 1)
        .replace(b"Baugewerbe (F);11553;", b"Bau;11553;")
    )
    parsed = read_genesis_csv(data, file_name="mehrere.csv")
    messages = [(problem.column, problem.message) for problem in parsed.problems]
    assert len(messages) == 3
    assert any(column == 4 and "15x16" in message for column, message in messages)
    assert any(column == 1 and "führende Null" in message for column, message in messages)
    assert any(column == 3 and "keinen WZ-2008-Code" in message for column, message in messages)


def test_a_file_that_is_not_a_genesis_table_is_refused() -> None:
    parsed = read_genesis_csv(b"region_code,value\n08118,1\n", file_name="falsch.csv")
    [problem] = parsed.problems
    assert problem.line == 1
    assert "GENESIS-Tabelle" in problem.message


SYNTHETIC_MULTI_YEAR = """GENESIS-Tabelle: 99999-01-01-4
Synthetische Testtabelle (keine echten Zahlen);;;
Beispielstatistik;;;
;;;Merkmal A;Merkmal B
;;;Anzahl;Prozent
2019;DG;Deutschland;100;1,5
2019;08118;      Ludwigsburg, Landkreis;10;x
2020;DG;Deutschland;110;1,6
2020;08118;      Ludwigsburg, Landkreis;11;/
__________
Synthetische Daten für Tests.
"""


def test_an_unknown_table_is_imported_under_codes_from_its_headings(db: None) -> None:
    report = statistics_import(data=SYNTHETIC_MULTI_YEAR.encode("latin-1"), file_name="synthetisch.csv")
    assert report.indicators == ["99999-01-01-4.merkmal_a", "99999-01-01-4.merkmal_b"]
    assert stored("99999-01-01-4.merkmal_b", "DG", "", 2020).value == 1.6
    locked = stored("99999-01-01-4.merkmal_b", "08118", "", 2019)
    assert (locked.value, locked.status) == (None, ValueStatus.LOCKED)
    assert stored("99999-01-01-4.merkmal_b", "08118", "", 2020).status == ValueStatus.UNRELIABLE
    indicator = Indicator.objects.get(code="99999-01-01-4.merkmal_a")
    assert (indicator.name, indicator.unit) == ("Merkmal A", "Anzahl")


def test_indicator_option_names_the_indicators_of_an_unknown_table(db: None) -> None:
    report = statistics_import(
        data=SYNTHETIC_MULTI_YEAR.encode("latin-1"), file_name="synthetisch.csv", indicator="beispiel"
    )
    assert report.indicators == ["beispiel.merkmal_a", "beispiel.merkmal_b"]


def test_a_year_in_a_row_of_its_own_applies_to_the_block_below(db: None) -> None:
    data = """GENESIS-Tabelle: 99999-02-01-4
Synthetische Testtabelle in Blöcken (keine echten Zahlen);;
;;Wert
;;Anzahl
31.12.2019;;
DG;Deutschland;5
31.12.2020;;
DG;Deutschland;6
__________
""".encode("latin-1")
    statistics_import(data=data, file_name="bloecke.csv")
    observation = stored("99999-02-01-4.wert", "DG", "", 2020)
    assert observation.value == 6
    assert observation.reference_date.isoformat() == "2020-12-31"


def _clean_excerpt(relative: str, codes: set[str], year: str) -> bytes:
    lines = (OFFICIAL / relative).read_text(encoding="utf-8").splitlines(keepends=True)
    header = lines[0].rstrip("\n").split(",")
    ags, period = header.index("ags"), header.index("jahr" if "jahr" in header else "stichtag")
    rows = [
        line
        for line in lines[1:]
        if next(csv.reader([line]))[ags] in codes and line.split(",")[period].startswith(year)
    ]
    return "".join([lines[0], *rows]).encode()


@pytest.mark.parametrize(
    ("download", "code_column", "codes", "year"),
    [
        (RAW_2020, 0, {"DG", "02", "08", "081", "08118", "11", "16077"}, "2020"),
        (RAW_2015, 0, {"DG", "03", "03152", "03156", "08118"}, "2015"),
        (POPULATION, 1, {"02000", "03152", "08118", "16056"}, "2016"),
        (FIXTURES / "13211-02-05-4_excerpt.csv", 1, {"DG", "02", "03", "031", "03152", "03159"}, "2020"),
    ],
)
def test_a_download_gives_exactly_the_values_of_the_shipped_clean_file(
    download: Path, code_column: int, codes: set[str], year: str
) -> None:
    downloaded = read_genesis_csv(genesis_excerpt(download, codes, code_column=code_column), file_name=download.name)
    spec = next(spec for spec in OFFICIAL_FILES if spec.table == downloaded.source_table)
    shipped = read_official_csv(_clean_excerpt(spec.path, codes, year), spec=spec)
    assert not downloaded.problems
    assert not shipped.problems

    def values(records: list[Record]) -> set[tuple[object, ...]]:
        return {(r.indicator, r.region, r.sector, r.year, r.value, r.status) for r in records if r.year == int(year)}

    assert values(shipped.records)
    assert values(downloaded.records) == values(shipped.records)
