"""The analysis service: one region against a reference, and all districts at once, on hand-made data."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from django.utils import translation

from standortkompass.analysis import Reason
from standortkompass.regiondata.models import Indicator, Observation, Region, RegionLevel
from standortkompass.standortanalyse.services import (
    AnalysisDataError,
    PeriodError,
    ReferenceNotSupersetError,
    UnknownRegionError,
    YearsOutsideDataError,
    all_districts_analysis,
    employment_from_long_csv,
    is_superset_region,
    region_analysis,
)

SECTORS = ("A", "B-E", "F", "B-F", "TOTAL")
# region -> year -> values of SECTORS (None: suppressed). B-F = B-E + F overlaps; TOTAL counts 5 to 15
# employees without a sector, so location quotients (official total) and sums over the sectors differ.
VALUES: dict[str, dict[int, tuple[float | None, ...]]] = {
    "DG": {2019: (100, 300, 600, 900, 1000), 2020: (110, 330, 600, 930, 1050), 2021: (120, 360, 660, 1020, 1150)},
    "08": {2019: (15, 150, 60, 210, 235), 2020: (17, 165, 60, 225, 250), 2021: (21, 180, 70, 250, 280)},
    "08118": {2019: (10, 50, 40, 90, 105), 2020: (12, 55, 40, 95, 110), 2021: (15, 60, 45, 105, 125)},
    "08111": {2019: (5, 100, 20, 120, 130), 2020: (5, 110, 20, 130, 140), 2021: (6, 120, 25, 145, 155)},
    "09": {2019: (50, 100, 400, 500, 560), 2020: (55, 120, 400, 520, 590), 2021: (60, 130, 420, 550, 620)},
    "09162": {2019: (50, 100, 400, 500, 560), 2020: (55, 120, 400, 520, 590), 2021: (None, 130, 420, 550, 620)},
}


def long_frame() -> pd.DataFrame:
    rows = [
        {"region": region, "sector": sector, "year": year, "value": math.nan if value is None else float(value)}
        for region, years in VALUES.items()
        for year, values in years.items()
        for sector, value in zip(SECTORS, values, strict=True)
    ]
    return pd.DataFrame(rows)


def long_csv() -> bytes:
    lines = ["region_code,region_name,sector_code,sector_name,year,value"]
    for region, years in VALUES.items():
        for year, values in years.items():
            for sector, value in zip(SECTORS, values, strict=True):
                lines.append(f"{region},Region {region},{sector},,{year},{'.' if value is None else int(value)}")
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def analyse(**kwargs):
    arguments = {"region": "08118", "reference": "DG", "start": 2019, "end": 2021, "observations": long_frame()}
    return region_analysis(**{**arguments, **kwargs})


def test_location_quotients_of_the_end_year_use_the_official_total():
    result = analyse()

    assert result.sectors == ("A", "B-E", "F")
    assert result.official_totals
    assert result.location_quotients["A"] == pytest.approx((15 / 125) / (120 / 1150))
    assert result.location_quotients["B-E"] == pytest.approx((60 / 125) / (360 / 1150))
    assert result.location_quotients["F"] == pytest.approx((45 / 125) / (660 / 1150))


def test_dunn_shift_share_adds_up_over_the_non_overlapping_sectors():
    dunn = analyse().dunn

    # e0 = 100, e1 = 120 over A, B-E, F; the reference grew by 1140/1000 - 1 = 14 %.
    assert dunn.actual_change == pytest.approx(20)
    assert dunn.national == pytest.approx(14)
    assert dunn.industry_mix == pytest.approx(10 * 0.06 + 50 * 0.06 + 40 * -0.04)
    assert dunn.regional == pytest.approx(4)
    assert dunn.net_total_shift == pytest.approx(6)


def test_gerfin_factors_and_the_esteban_marquillas_split_match_the_hand_computation():
    result = analyse()

    assert result.gerfin.regional_factor == pytest.approx(1.2 / 1.14)
    assert result.gerfin.structural_factor == pytest.approx(1.16 / 1.14)
    assert result.gerfin.locational_factor == pytest.approx(120 / 116)
    assert result.esteban_marquillas.competitive + result.esteban_marquillas.allocation == pytest.approx(4)


def test_dynamic_shift_share_sums_the_annual_steps():
    dynamic = analyse().dynamic

    assert dynamic.actual_change == pytest.approx(20)
    assert dynamic.national == pytest.approx(100 * 0.04 + 107 * (1140 / 1040 - 1))


def test_specialisation_is_computed_on_the_end_year_shares():
    indices = analyse().specialisation
    shares = [15 / 120, 60 / 120, 45 / 120]
    reference = [120 / 1140, 360 / 1140, 660 / 1140]

    assert indices.krugman == pytest.approx(sum(abs(s - r) for s, r in zip(shares, reference, strict=True)))
    assert indices.herfindahl == pytest.approx(sum(s * s for s in shares))
    assert indices.hachman == pytest.approx(1 / sum(s * s / r for s, r in zip(shares, reference, strict=True)))
    assert indices.theil == pytest.approx(sum(s * math.log(s / r) for s, r in zip(shares, reference, strict=True)))


def test_the_json_has_exactly_the_documented_keys_and_the_computed_numbers_unrounded():
    result = analyse()

    data = result.as_json()

    assert list(data) == [
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
    assert data["location_quotients"] == result.location_quotients
    assert data["location_quotients"]["B-E"] == pytest.approx((60 / 125) / (360 / 1150), rel=1e-15)
    assert data["location_quotients"]["B-E"] != round(data["location_quotients"]["B-E"], 4)
    assert data["specialisation"] == {
        "krugman": result.specialisation.krugman,
        "hachman": result.specialisation.hachman,
        "herfindahl": result.specialisation.herfindahl,
        "theil": result.specialisation.theil,
    }
    assert list(data["specialisation"]) == ["krugman", "hachman", "herfindahl", "theil"]
    assert data["shift_share"]["dunn"] == {
        "actual_change": result.dunn.actual_change,
        "national": result.dunn.national,
        "industry_mix": result.dunn.industry_mix,
        "regional": result.dunn.regional,
        "net_total_shift": result.dunn.net_total_shift,
    }
    assert data["shift_share"]["dunn"]["national"] == pytest.approx(14.0)
    assert data["shift_share"]["gerfin"]["locational_factor"] == result.gerfin.locational_factor
    assert data["shift_share"]["dynamic"]["national"] == result.dynamic.national
    assert list(data["shift_share"]["esteban_marquillas"]) == ["competitive", "allocation"]
    assert list(data["shift_share"]["gerfin"]) == ["regional_factor", "structural_factor", "locational_factor"]
    assert list(data["shift_share"]["dynamic"]) == ["national", "industry_mix", "regional", "net_total_shift"]


def test_the_json_says_the_location_quotients_divide_by_the_official_total():
    assert analyse().as_json()["location_quotient_denominator"] == "official_total"


def test_the_overlapping_aggregate_and_the_total_are_reported_as_left_out():
    excluded = analyse().as_json()["excluded"]

    assert {(item["measure"], item["sector"]) for item in excluded} == {("sectors", "B-F"), ("sectors", "TOTAL")}


def test_a_suppressed_value_is_left_out_and_reported_never_read_as_zero():
    result = analyse(region="09162", reference="DG")

    assert math.isnan(result.location_quotients["A"])
    missing = [item for item in result.excluded if item.exclusion.reason == Reason.MISSING]
    assert {(item.measure, item.exclusion.sector, item.exclusion.year) for item in missing} >= {
        ("location_quotients", "A", 2021),
        ("shift_share.dunn", "A", None),
    }
    assert result.as_json()["location_quotients"]["A"] is None


def test_the_land_is_a_reference_for_its_districts():
    result = analyse(reference="08")

    assert result.reference == "08"
    assert result.dunn.actual_change == pytest.approx(20)


@pytest.mark.parametrize(
    ("reference", "region", "expected"),
    [
        ("DG", "08118", True),
        ("DG", "08", True),
        ("08", "08118", True),
        ("081", "08118", True),
        ("08118", "08118048", True),
        ("08", "09162", False),
        ("08111", "08118", False),
        ("08118", "08118", False),
        ("08118", "08", False),
        ("08", "DG", False),
        ("DG", "DG", False),
    ],
)
def test_a_reference_must_contain_the_region(reference, region, expected):
    assert is_superset_region(reference, region) is expected


def test_an_unknown_region_is_refused():
    with pytest.raises(UnknownRegionError, match="99999 is not in the data"):
        analyse(region="99999")


@pytest.mark.parametrize("reference", ["09", "08111"])
def test_a_reference_that_does_not_contain_the_region_is_refused(reference):
    with pytest.raises(ReferenceNotSupersetError, match=f"{reference} cannot be the reference region of 08118"):
        analyse(reference=reference)


@pytest.mark.parametrize(("start", "end"), [(2021, 2019), (2020, 2020)])
def test_a_start_year_not_before_the_end_year_is_refused(start, end):
    with pytest.raises(PeriodError, match="must lie before the end year"):
        analyse(start=start, end=end)


def test_years_outside_the_data_are_refused_naming_the_years_there_are():
    with pytest.raises(YearsOutsideDataError, match=r"no employment by sector for 2018.*covers 2019–2021"):
        analyse(start=2018)


def test_a_region_with_only_a_total_has_no_years_to_analyse():
    frame = long_frame()
    only_total = frame[(frame["region"] == "DG") & (frame["sector"] == "TOTAL")].assign(region="08118048")

    with pytest.raises(YearsOutsideDataError, match="no employment by sector for both 08118048 and DG in any year"):
        analyse(region="08118048", observations=pd.concat([frame, only_total]))


def test_two_values_for_one_region_sector_and_year_are_refused():
    frame = long_frame()
    doubled = pd.concat([frame, frame.iloc[[0]]])

    with pytest.raises(AnalysisDataError, match="two values for region DG, sector A, 2019"):
        analyse(observations=doubled)


def test_the_long_csv_is_read_without_saving_anything(db):
    frame = employment_from_long_csv(long_csv(), file_name="beschaeftigte.csv")

    assert not Observation.objects.exists()
    assert analyse(observations=frame).as_json() == analyse().as_json()


def test_a_broken_long_csv_is_refused_with_the_line_number():
    data = long_csv() + b"08118,Region,C,,2021,viele\n"

    with pytest.raises(AnalysisDataError, match=r"line 92, column 6"):
        employment_from_long_csv(data, file_name="kaputt.csv")


@pytest.fixture
def stored_employment(db):
    """The hand-made table as observations in the database."""
    indicator = Indicator.objects.create(code="employees_workplace", name="SvB am Arbeitsort", has_sectors=True)
    regions = {}
    for code in VALUES:
        level = RegionLevel.COUNTRY if code == "DG" else RegionLevel.STATE if len(code) == 2 else RegionLevel.DISTRICT
        regions[code] = Region.objects.create(code=code, name=f"Region {code}", level=level)
    Observation.objects.bulk_create(
        Observation(
            indicator=indicator,
            region=regions[code],
            sector=sector,
            year=year,
            value=value,
            status="" if value is not None else ".",
        )
        for code, years in VALUES.items()
        for year, values in years.items()
        for sector, value in zip(SECTORS, values, strict=True)
    )
    return regions


def test_the_database_gives_the_same_result_as_the_table(stored_employment):
    from_database = region_analysis(region="08118", reference="DG", start=2019, end=2021)

    assert from_database.as_json() == analyse().as_json()


def test_a_region_the_database_does_not_know_is_refused(stored_employment):
    with pytest.raises(UnknownRegionError, match="The region 07111 is not known"):
        region_analysis(region="07111", reference="DG", start=2019, end=2021)


def test_all_districts_against_germany_and_their_land_match_the_single_analysis():
    result = all_districts_analysis(start=2019, end=2021, observations=long_frame())

    assert result.districts == ("08111", "08118", "09162")
    germany, land = result.comparisons["DG"], result.comparisons["land"]
    single = analyse()
    assert germany.dunn.loc["08118", "regional"] == pytest.approx(single.dunn.regional)
    assert germany.gerfin.loc["08118", "locational_factor"] == pytest.approx(single.gerfin.locational_factor)
    assert germany.dynamic.loc["08118", "national"] == pytest.approx(single.dynamic.national)
    assert germany.location_quotients.loc[("08118", 2021), "A"] == pytest.approx(single.location_quotients["A"])
    assert germany.specialisation.loc["08118", "krugman"] == pytest.approx(single.specialisation.krugman)
    against_land = analyse(reference="08")
    assert land.dunn.loc["08118", "regional"] == pytest.approx(against_land.dunn.regional)
    assert land.location_quotients.shape == (9, 4)  # 3 districts × 3 years; A, B-E, B-F, F


def test_all_districts_are_ranked_among_all_and_within_their_land():
    germany = all_districts_analysis(start=2019, end=2021, observations=long_frame(), against=["DG"]).comparisons["DG"]

    krugman = germany.specialisation["krugman"]
    assert germany.ranks.loc[krugman.idxmax(), "krugman"] == 1
    assert set(germany.ranks_in_land.loc[["08111", "08118"], "krugman"]) == {1, 2}
    assert germany.ranks_in_land.loc["09162", "krugman"] == 1


def test_all_districts_refuses_a_period_outside_the_data():
    with pytest.raises(YearsOutsideDataError):
        all_districts_analysis(start=2015, end=2021, observations=long_frame())
