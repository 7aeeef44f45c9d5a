"""``standortkompass analyse``: JSON and CSV output, the long CSV, the database, exit status 2 on errors."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from standortkompass.regiondata.models import Indicator, Observation, Region, RegionLevel
from standortkompass.standortanalyse.management.commands.analyse import Command

SECTORS = ("A", "B-E", "F", "B-F", "TOTAL")
VALUES = {
    "DG": {2019: (100, 300, 600, 900, 1000), 2021: (120, 360, 660, 1020, 1150)},
    "08": {2019: (15, 150, 60, 210, 235), 2021: (21, 180, 70, 250, 280)},
    "08118": {2019: (10, 50, 40, 90, 105), 2021: (15, 60, 45, 105, 125)},
    "08111": {2019: (5, 100, 20, 120, 130), 2021: (6, 120, 25, 145, 155)},
}
KEYS = [
    "region",
    "reference",
    "start",
    "end",
    "location_quotient_denominator",
    "location_quotients",
    "specialisation",
    "shift_share",
    "excluded",
]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def data_file(tmp_path):
    lines = ["region_code,region_name,sector_code,sector_name,year,value"]
    lines += [
        f"{region},Region {region},{sector},,{year},{value}"
        for region, years in VALUES.items()
        for year, values in years.items()
        for sector, value in zip(SECTORS, values, strict=True)
    ]
    path = tmp_path / "beschaeftigte.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(*arguments: str) -> str:
    out = io.StringIO()
    call_command("analyse", *arguments, stdout=out)
    return out.getvalue()


def test_the_json_output_has_the_documented_structure(data_file):
    output = run("--region", "08118", "--reference", "DG", "--start", "2019", "--end", "2021", "--data", str(data_file))

    data = json.loads(output)
    assert list(data) == KEYS
    assert (data["region"], data["reference"], data["start"], data["end"]) == ("08118", "DG", 2019, 2021)
    assert data["location_quotient_denominator"] == "official_total"
    assert data["location_quotients"] == {
        "A": (15 / 125) / (120 / 1150),
        "B-E": (60 / 125) / (360 / 1150),
        "F": (45 / 125) / (660 / 1150),
    }
    assert data["shift_share"]["dunn"]["actual_change"] == 20.0
    assert data["shift_share"]["gerfin"]["locational_factor"] == 120 / 116
    assert list(data["shift_share"]) == ["dunn", "esteban_marquillas", "gerfin", "dynamic"]
    assert {"measure": "sectors", "region": None, "sector": "B-F", "year": None}.items() <= data["excluded"][0].items()


def test_the_csv_output_is_a_tidy_table_of_the_unrounded_values(data_file):
    output = run(
        "--region", "08118", "--reference", "08", "--start", "2019", "--end", "2021", "--data", str(data_file),
        "--format", "csv",
    )  # fmt: skip

    rows = list(csv.DictReader(io.StringIO(output)))  # LQ of A: (15 / 125) / (21 / 280) = 1.6
    assert list(rows[0]) == ["measure", "component", "sector", "value"]
    assert {"measure": "location_quotient", "component": "", "sector": "A", "value": "1.6"} in rows
    b_to_e = (60 / 125) / (180 / 280)  # 0.74666…, not cut to 4 decimals
    assert {"measure": "location_quotient", "component": "", "sector": "B-E", "value": repr(b_to_e)} in rows
    assert {"measure": "shift_share_dunn", "component": "actual_change", "sector": "", "value": "20.0"} in rows
    assert {
        "measure": "location_quotient_denominator",
        "component": "official_total",
        "sector": "",
        "value": "",
    } in rows
    assert {row["measure"] for row in rows} == {
        "location_quotient",
        "location_quotient_denominator",
        "specialisation",
        "shift_share_dunn",
        "shift_share_esteban_marquillas",
        "shift_share_gerfin",
        "shift_share_dynamic",
    }


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--region", "09162", "--reference", "DG", "--start", "2019", "--end", "2021"], "09162 is not in the data"),
        (["--region", "08118", "--reference", "08111", "--start", "2019", "--end", "2021"], "cannot be the reference"),
        (["--region", "08118", "--reference", "DG", "--start", "2021", "--end", "2019"], "must lie before"),
        (["--region", "08118", "--reference", "DG", "--start", "2015", "--end", "2021"], "no employment by sector"),
    ],
)
def test_each_kind_of_error_ends_with_exit_status_2(data_file, arguments, message):
    with pytest.raises(CommandError, match=message) as error:
        run(*arguments, "--data", str(data_file))

    assert error.value.returncode == 2


def test_a_missing_or_broken_data_file_ends_with_exit_status_2(tmp_path):
    broken = tmp_path / "kaputt.csv"
    broken.write_text("region_code,region_name,sector_code,sector_name,year,value\n08118,X,A,,2021,viele\n")
    arguments = ["--region", "08118", "--reference", "DG", "--start", "2019", "--end", "2021"]

    with pytest.raises(CommandError, match="line 2, column 6") as error:
        run(*arguments, "--data", str(broken))
    assert error.value.returncode == 2
    with pytest.raises(CommandError) as missing:
        run(*arguments, "--data", str(tmp_path / "fehlt.csv"))
    assert missing.value.returncode == 2


def test_the_command_line_prints_the_error_on_stderr_and_exits_with_2(data_file, capsys):
    argv = ["standortkompass", "analyse", "--region", "08118", "--reference", "08111", "--start", "2019"]
    argv += ["--end", "2021", "--data", str(data_file)]

    with pytest.raises(SystemExit) as exit_status:
        Command().run_from_argv(argv)

    assert exit_status.value.code == 2
    captured = capsys.readouterr()
    assert "08111 cannot be the reference region of 08118" in captured.err
    assert captured.out == ""


@pytest.fixture
def stored(db):
    indicator = Indicator.objects.create(code="employees_workplace", name="SvB am Arbeitsort", has_sectors=True)
    for code, years in VALUES.items():
        level = RegionLevel.COUNTRY if code == "DG" else RegionLevel.STATE if len(code) == 2 else RegionLevel.DISTRICT
        region = Region.objects.create(code=code, name=f"Region {code}", level=level)
        Observation.objects.bulk_create(
            Observation(indicator=indicator, region=region, sector=sector, year=year, value=value)
            for year, values in years.items()
            for sector, value in zip(SECTORS, values, strict=True)
        )


def test_without_data_the_command_reads_the_database(stored, data_file):
    arguments = ["--region", "08118", "--reference", "DG", "--start", "2019", "--end", "2021"]

    from_database = json.loads(run(*arguments))

    assert from_database == json.loads(run(*arguments, "--data", str(data_file)))
    assert from_database["shift_share"]["dunn"]["regional"] == pytest.approx(4.0)


def test_a_region_missing_from_the_database_ends_with_exit_status_2(stored):
    with pytest.raises(CommandError, match="The region 09162 is not known") as error:
        run("--region", "09162", "--reference", "DG", "--start", "2019", "--end", "2021")

    assert error.value.returncode == 2
