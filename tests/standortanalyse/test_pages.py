"""The public pages of the Standortanalyse, their CSV downloads and chart specifications.

``build_statistics`` creates a small but complete set of statistics (a few districts of
Baden-Württemberg with sectors, key figures, boundaries and municipalities); the browser
test uses it too.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from standortkompass.processes.models import StrategyProcess
from standortkompass.regiondata.models import (
    Indicator,
    Observation,
    Region,
    RegionBoundary,
    RegionLevel,
    SpatialType,
    SpatialTypology,
)
from standortkompass.standortanalyse.charts import STATISTICS_SOURCE
from standortkompass.standortanalyse.models import AnalysisSettings

SECTORS = {"A": 1, "B-E": 30, "C": 28, "F": 6, "G-I": 22, "J": 3, "K": 3, "L": 1, "M-N": 14, "O-Q": 17, "R-U": 3}
DISTRICTS = {"08111": ("Stuttgart", 1.5, "1"), "08115": ("Böblingen", 0.9, "2"), "08116": ("Esslingen", 1.1, "2")}
YEARS = (2015, 2016, 2017, 2018, 2019, 2020)


def _square(x: float, y: float, size: float = 0.1) -> str:
    ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
    return json.dumps({"type": "Polygon", "coordinates": [ring]})


def build_statistics(regions: dict[str, Region]) -> dict[str, Region]:
    """Districts, indicators and observations for the pages (values made up, structure as in the official data)."""
    cache.clear()
    stuttgart = regions["081"]
    everything = dict(regions)
    for code, (name, _scale, _type) in DISTRICTS.items():
        everything[code] = Region.objects.create(
            code=code, name=name, level=RegionLevel.DISTRICT, kind="Landkreis", parent=stuttgart
        )
    districts = ["08118", *DISTRICTS]
    settlement = {"08118": "2", **{code: kind for code, (_n, _s, kind) in DISTRICTS.items()}}
    for code in districts:
        SpatialType.objects.create(
            region=everything[code],
            typology=SpatialTypology.SETTLEMENT_DISTRICT_TYPE,
            code=settlement[code],
            name="Städtischer Kreis" if settlement[code] == "2" else "Kreisfreie Großstadt",
            reference_date=dt.date(2021, 12, 31),
            source="BBSR",
        )
    for index, code in enumerate(districts):
        RegionBoundary.objects.create(
            region=everything[code],
            geometry=_square(9.0 + index * 0.1, 48.7),
            reference_date=dt.date(2021, 1, 1),
            source="© GeoBasis-DE / BKG 2021",
        )
    for index, code in enumerate(["08118048", "08118003", "08118001"]):
        town = everything[code]
        town.population, town.area_km2, town.population_date = 10000 + 1000 * index, 10 + index, dt.date(2019, 12, 31)
        town.save()
        RegionBoundary.objects.create(
            region=town,
            geometry=_square(9.1 + index * 0.02, 48.8, 0.02),
            reference_date=dt.date(2021, 1, 1),
            source="© GeoBasis-DE / BKG 2021",
        )
    scale = {"08118": 1.0, **{code: factor for code, (_n, factor, _t) in DISTRICTS.items()}}
    scale["08"] = sum(scale[code] for code in districts)
    scale["DG"] = scale["08"] * 8
    indicators = {
        code: Indicator.objects.create(code=code, name=code, unit=unit, source=f"Quelle {code}", has_sectors=sectors)
        for code, unit, sectors in [
            ("employees_workplace", "Personen", True),
            ("employees_residence", "Personen", True),
            ("gdp", "Tsd. EUR", False),
            ("gdp_per_employed", "EUR", False),
            ("population", "Personen", False),
            ("unemployment_rate", "%", False),
            ("local_units", "Anzahl", False),
            ("local_units_0_to_10", "Anzahl", False),
            ("local_units_10_to_50", "Anzahl", False),
            ("local_units_50_to_250", "Anzahl", False),
            ("local_units_250_plus", "Anzahl", False),
        ]
    }
    rows = []

    def add(indicator: str, region: str, year: int, value: float, sector: str = "") -> None:
        rows.append(
            Observation(
                indicator=indicators[indicator], region=everything[region], sector=sector, year=year, value=value
            )
        )

    for region in [*districts, "08", "DG"]:
        factor = scale[region]
        own = 1.3 if region == "08118" else 1.0  # Ludwigsburg is more industrial
        for step, year in enumerate(YEARS):
            growth = 1 + 0.02 * step * (1.2 if region == "08118" else 1.0)
            total = 0.0
            for sector, weight in SECTORS.items():
                weight_here = weight * (own if sector in ("B-E", "C") else 1.0)
                value = round(weight_here * 1000 * factor * growth)
                add("employees_workplace", region, year, value, sector)
                if sector != "C":
                    total += value
            add("employees_workplace", region, year, total, "TOTAL")
            add("employees_residence", region, year, round(total * (1.1 if region == "08118" else 1.0)), "TOTAL")
            add("population", region, year, round(250000 * factor * (1 + 0.005 * step)))
            add("unemployment_rate", region, year, 3.5 + 0.1 * step + (0.5 if region == "DG" else 0))
        for year in (2015, 2017):
            add("gdp", region, year, 12000000 * factor * (1.1 if year == 2017 else 1.0))
            add("gdp_per_employed", region, year, 80000 * (1.05 if year == 2017 else 1.0) * own)
        add("local_units", region, 2021, 10000 * factor)
        for code, share in (
            ("local_units_0_to_10", 0.85),
            ("local_units_10_to_50", 0.11),
            ("local_units_50_to_250", 0.03),
            ("local_units_250_plus", 0.01),
        ):
            add(code, region, 2021, 10000 * factor * share)
    Observation.objects.bulk_create(rows)
    return everything


def publish(process: StrategyProcess) -> AnalysisSettings:
    return AnalysisSettings.objects.create(process=process, is_public=True)


@pytest.fixture
def statistics(regions: dict[str, Region]) -> dict[str, Region]:
    return build_statistics(regions)


@pytest.fixture
def published(process: StrategyProcess, statistics: dict[str, Region]) -> StrategyProcess:
    publish(process)
    return process


PAGE_NAMES = ["overview", "structure", "dynamics", "labour", "maps", "swot"]


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_every_analysis_page_answers_when_published(name, published, client):
    response = client.get(reverse(f"standortanalyse:{name}"))
    assert response.status_code == 200
    assert "Ludwigsburg" in response.content.decode()


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_every_analysis_page_is_unknown_while_not_published(name, process, statistics, client):
    assert client.get(reverse(f"standortanalyse:{name}")).status_code == 404
    AnalysisSettings.objects.create(process=process, is_public=False)
    assert client.get(reverse(f"standortanalyse:{name}")).status_code == 404


def test_the_pages_are_unknown_when_the_process_itself_is_not_public(published, client):
    published.is_public = False
    published.save()
    assert client.get(reverse("standortanalyse:overview")).status_code == 404


def test_the_overview_shows_key_figures_with_comparison_and_source(published, client):
    page = client.get(reverse("standortanalyse:overview")).content.decode()
    assert "Baden-Württemberg" in page
    assert "Deutschland" in page
    assert "Quelle employees_workplace" in page  # the indicator's source under its figure
    assert "Quelle unemployment_rate" in page
    assert 'data-vega-spec="beschaeftigung-spec"' in page
    assert '<script id="beschaeftigung-spec" type="application/json">' in page


def test_the_peer_group_is_the_same_settlement_type_in_the_same_land_plus_the_neighbours(published, client):
    # Boundaries are squares side by side: Ludwigsburg borders Stuttgart (another type) only.
    response = client.get(reverse("standortanalyse:overview"))
    scope = response.context["scope"]
    assert scope.peers == ("08111", "08115", "08116")
    assert scope.peer_label == "Kreise des Typs „Städtischer Kreis“ in Baden-Württemberg und die Nachbarkreise"
    assert "Nachbarkreise (3 Kreise)" in response.content.decode()


def test_a_neighbour_in_another_land_joins_the_peer_group(published, client):
    bavaria = Region.objects.create(code="09", name="Bayern", level=RegionLevel.STATE)
    across = Region.objects.create(code="09162", name="München", level=RegionLevel.DISTRICT, parent=bavaria)
    RegionBoundary.objects.create(
        region=across, geometry=_square(9.0, 48.6), reference_date=dt.date(2021, 1, 1), source="BKG"
    )
    assert client.get(reverse("standortanalyse:overview")).context["scope"].peers == (
        "08111",
        "08115",
        "08116",
        "09162",
    )


def test_without_a_settlement_type_the_peers_are_the_neighbours(published, client):
    SpatialType.objects.filter(region__code="08118").delete()
    scope = client.get(reverse("standortanalyse:overview")).context["scope"]
    assert scope.peers == ("08111",)
    assert scope.peer_label == "die Nachbarkreise"


def test_configured_comparison_districts_replace_the_default_peers(published, client):
    AnalysisSettings.objects.filter(process=published).update(peer_codes=["08111"])
    assert client.get(reverse("standortanalyse:overview")).context["scope"].peers == ("08111",)


def test_every_chart_has_a_table_with_caption_and_header_scopes_and_a_csv_link(published, client):
    for name in ["overview", "structure", "dynamics", "labour", "maps"]:
        response = client.get(reverse(f"standortanalyse:{name}"))
        page = response.content.decode()
        for chart in response.context["charts"]:
            assert f'id="{chart.id}"' in page
            assert f"{reverse('standortanalyse:chart_csv', args=[chart.id])}?" in page
            assert chart.rows, f"{chart.id} has no rows"
        assert page.count("<caption") >= len(response.context["charts"])
        assert 'scope="col"' in page
        assert 'scope="row"' in page


def test_structure_shows_location_quotients_against_land_and_bund(published, client):
    response = client.get(reverse("standortanalyse:structure"))
    charts = {chart.id: chart for chart in response.context["charts"]}
    assert set(charts) == {"branchenstruktur", "standortquotienten", "portfolio", "spezialisierung"}
    manufacturing = next(row for row in charts["standortquotienten"].rows if row["code"] == "C")
    assert manufacturing["lq_land"] > 1
    assert manufacturing["lq_bund"] > 1
    ranks = {row["code"]: row for row in charts["spezialisierung"].rows}
    assert ranks["krugman"]["count"] == 4  # all districts with data


def test_the_reference_switch_changes_the_shift_share_without_javascript(published, client):
    land = client.get(reverse("standortanalyse:dynamics"), {"bezug": "land"})
    bund = client.get(reverse("standortanalyse:dynamics"), {"bezug": "bund"})
    assert land.context["scope"].reference == "08"
    assert bund.context["scope"].reference == "DG"
    assert 'aria-current="true">Deutschland<' in bund.content.decode()
    shift = land.context["shift"]
    assert shift.national + shift.industry_mix + shift.regional == pytest.approx(shift.actual_change)
    assert land.context["charts"][0].title != bund.context["charts"][0].title


def test_an_unknown_reference_falls_back_to_the_land(published, client):
    assert client.get(reverse("standortanalyse:overview"), {"bezug": "mars"}).context["scope"].reference == "08"


def test_the_maps_show_the_districts_of_the_land_and_the_municipalities(published, client):
    response = client.get(reverse("standortanalyse:maps"), {"indikator": "produktivitaet"})
    charts = {chart.id: chart for chart in response.context["charts"]}
    land_map = charts["karte-land"]
    assert {row["code"] for row in land_map.rows} == {"08111", "08115", "08116", "08118"}
    spec = json.loads(land_map.spec_text)
    assert spec["layer"][1]["transform"][0]["filter"]["equal"] == "08118"
    assert len(spec["data"]["values"]) == 4
    towns = charts["karte-gemeinden"]
    assert {row["name"] for row in towns.rows} == {"Ludwigsburg, Stadt", "Asperg, Stadt", "Affalterbach"}
    assert "© GeoBasis-DE / BKG 2021 (Daten verändert)" in response.content.decode()


def test_an_unknown_map_indicator_falls_back_to_the_first(published, client):
    response = client.get(reverse("standortanalyse:maps"), {"indikator": "nonsense"})
    assert response.status_code == 200
    assert response.context["indicator"] == "arbeitslosenquote"


def _csv(response: Any) -> list[list[str]]:
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content[1:]), delimiter=";"))


def test_a_chart_downloads_as_csv_with_bom_header_rows_and_source(published, client):
    response = client.get(reverse("standortanalyse:chart_csv", args=["standortquotienten"]), {"bezug": "bund"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="standortquotienten-ludwigsburg-bund')
    rows = _csv(response)
    with translation.override("de"):
        assert rows[0][0] == translation.gettext("Sector")
        source = str(STATISTICS_SOURCE)
    body = [row for row in rows[1:] if row and len(row) == 3]
    assert len(body) == 11
    assert all("," in row[1] or row[1] == "" for row in body)  # German decimal comma
    assert rows[-1][0] == source
    assert "Statistische Ämter des Bundes und der Länder (Regionaldatenbank)" in source


def test_every_chart_of_every_page_has_a_valid_csv(published, client):
    from standortkompass.standortanalyse.pages import CHARTS

    for chart_id in CHARTS:
        response = client.get(reverse("standortanalyse:chart_csv", args=[chart_id]))
        if response.status_code == 404:
            assert chart_id == "altersstruktur"  # the test data has no age groups
            continue
        rows = _csv(response)
        widths = {len(row) for row in rows[1:] if len(row) > 1}
        assert widths == {len(rows[0])}, chart_id


def test_an_unknown_chart_has_no_csv(published, client):
    assert client.get(reverse("standortanalyse:chart_csv", args=["nonsense"])).status_code == 404


def test_the_chart_spec_is_served_as_vega_lite_json(published, client):
    response = client.get(reverse("standortanalyse:chart_spec", args=["karte-deutschland"]))
    assert response.status_code == 200
    spec = response.json()
    assert spec["$schema"].endswith("vega-lite/v5.json")
    assert spec["projection"] == {"type": "mercator"}


def test_a_post_to_a_page_is_not_allowed(published, client):
    assert client.post(reverse("standortanalyse:overview")).status_code == 405


def test_the_pages_survive_a_district_without_any_statistics(process, regions, client):
    publish(process)
    cache.clear()
    for name in PAGE_NAMES:
        assert client.get(reverse(f"standortanalyse:{name}")).status_code == 200


def test_an_import_invalidates_the_cached_figures(published, client):
    first = client.get(reverse("standortanalyse:overview")).context["cards"]
    Observation.objects.filter(indicator__code="population", region__code="08118", year=2020).update(value=1)
    unchanged = client.get(reverse("standortanalyse:overview")).context["cards"]
    assert unchanged[0]["value"] == first[0]["value"]  # same data version: served from the cache
    Observation.objects.create(
        indicator=Indicator.objects.get(code="population"), region=Region.objects.get(code="08118"), year=2021, value=5
    )
    population = next(
        card
        for card in client.get(reverse("standortanalyse:overview")).context["cards"]
        if card["figure"].code == "population"
    )
    assert population["figure"].year == 2021
    assert population["figure"].value == 5


def test_the_public_navigation_links_the_analysis(published, client):
    page = client.get(reverse("public:home")).content.decode()
    assert reverse("standortanalyse:overview") in page


def test_map_boundaries_are_wound_as_d3_expects_and_rounded():
    from standortkompass.standortanalyse.selectors.maps import for_map

    anticlockwise = [[9.0, 48.0], [9.10001, 48.0], [9.1, 48.1], [9.0, 48.1], [9.0, 48.0]]
    hole = [[9.02, 48.02], [9.02, 48.05], [9.05, 48.05], [9.02, 48.02]]  # clockwise
    polygon = for_map({"type": "Polygon", "coordinates": [anticlockwise, hole]})["coordinates"]
    assert polygon[0] == [[9.0, 48.0], [9.0, 48.1], [9.1, 48.1], [9.1, 48.0], [9.0, 48.0]]  # now clockwise
    assert polygon[1] == [[9.02, 48.02], [9.05, 48.05], [9.02, 48.05], [9.02, 48.02]]  # now anticlockwise
    multi = for_map({"type": "MultiPolygon", "coordinates": [[anticlockwise]]})
    assert multi["coordinates"][0][0] == polygon[0]


def test_a_chart_spec_cannot_close_its_script_element():
    from standortkompass.core.charts import spec_script
    from standortkompass.standortanalyse.charts import Chart

    chart = Chart(id="x", title="x", summary="", columns=(), rows=(), spec={"description": "</script><b>&"})
    block = spec_script(chart.frozen().spec_text, "x-spec")
    text = block.removeprefix('<script id="x-spec" type="application/json">').removesuffix("</script>")
    assert "<" not in text
    assert json.loads(text) == {"description": "</script><b>&"}


def test_the_navigation_leaves_out_the_analysis_while_it_is_not_published(process, client):
    page = client.get(reverse("public:home")).content.decode()
    assert reverse("standortanalyse:overview") not in page


@pytest.mark.parametrize(
    ("description", "period"),
    [
        ("Stichtag 30.06. Der Wert für Deutschland enthält Personen ohne Angabe.", "Stichtag 30.06."),
        ("Stichtag 31.12., Bevölkerung auf Grundlage des Zensus 2011.", "Stichtag 31.12."),
        ("Jahresdurchschnitt.", "Jahresdurchschnitt"),
        ("Jahressumme, in jeweiligen Preisen.", "Jahressumme"),
        ("Niederlassungen nach Größe.", ""),
    ],
)
def test_the_reference_period_is_read_from_the_indicator_description(description, period):
    from standortkompass.standortanalyse.selectors.overview import reference_period

    assert reference_period(description) == period


def test_cached_figures_keep_the_language_of_each_request(published, client):
    with translation.override("de"):
        url = reverse("standortanalyse:chart_csv", args=["kennzahlen"])
        label = translation.gettext("Employees at the workplace")
    english = client.get("/en" + url).content.decode("utf-8")
    german = client.get(url).content.decode("utf-8")
    assert "Employees at the workplace" in english
    assert label in german
    assert german.splitlines()[0].count(";") == 7


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def test_the_csv_carries_the_location_quotients_unrounded(published, client):
    page = client.get(reverse("standortanalyse:structure"))
    chart = next(chart for chart in page.context["charts"] if chart.id == "standortquotienten")
    expected = {row["name"]: row["lq_bund"] for row in chart.rows}

    rows = _csv(client.get(reverse("standortanalyse:chart_csv", args=["standortquotienten"])))

    downloaded = {row[0]: _number(row[2]) for row in rows[1:] if len(row) == 3 and row[2]}
    assert downloaded == {name: value for name, value in expected.items() if value is not None}
    assert any(value != round(value, 4) for value in downloaded.values())


def test_the_csv_carries_the_shift_share_persons_unrounded(published, client):
    page = client.get(reverse("standortanalyse:dynamics"))
    chart = next(chart for chart in page.context["charts"] if chart.id == "shift-share")

    rows = _csv(client.get(reverse("standortanalyse:chart_csv", args=["shift-share"])))

    downloaded = [_number(row[1]) for row in rows[1:] if len(row) == 2]
    assert downloaded == [row["value"] for row in chart.rows]
    assert any(not value.is_integer() for value in downloaded)


def test_the_job_centrality_is_the_unrounded_ratio(published, client):
    page = client.get(reverse("standortanalyse:labour"))
    chart = next(chart for chart in page.context["charts"] if chart.id == "pendler")

    assert all(row["value"] == row["workplace"] / row["residence"] for row in chart.rows)


def test_the_page_and_the_csv_say_the_quotients_divide_by_the_official_total(published, client):
    with translation.override("en"):
        note = translation.gettext(
            "Shares and location quotients are taken of the official total of employees, which includes employees "
            "without a sector assignment, not of the sum of the sectors shown."
        )
        page = client.get(reverse("standortanalyse:structure"), HTTP_ACCEPT_LANGUAGE="en")
        downloads = [
            client.get(reverse("standortanalyse:chart_csv", args=[chart_id])).content.decode()
            for chart_id in ("standortquotienten", "branchenstruktur", "portfolio")
        ]

    assert page.content.decode().count(note) == 3
    assert all(note in download for download in downloads)


def test_without_an_official_total_the_note_names_the_sum_of_the_sectors():
    from standortkompass.standortanalyse.pages.structure import _quotients_note
    from standortkompass.standortanalyse.selectors.structure import Structure

    data = Structure(year=2021, start_year=2015, sectors=[], portfolio=[], indices=[], source="", official_totals=False)

    with translation.override("en"):
        assert "The data has no official total" in _quotients_note(data)
