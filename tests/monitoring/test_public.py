"""The public monitoring: /umsetzung/, a project's reports, the indicator charts with their tables and CSV."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.test import Client
from django.utils.translation import gettext as _

from monitoring.conftest import build_public_monitoring
from standortkompass.core.numbers import format_percent
from standortkompass.monitoring.models import ReportSource
from standortkompass.monitoring.selectors.public import dashboard, published_monitoring
from standortkompass.strategy.models import ProjectStatus


@pytest.fixture
def public_monitoring(process, users, regions):
    return build_public_monitoring(process, users, regions)


def test_the_dashboard_counts_the_projects_by_status_in_text(public_monitoring):
    page = dashboard(published_monitoring())

    counts = {count.status: count.count for count in page.status_counts}
    assert counts == {"idea": 1, "planning": 0, "implementation": 1, "completed": 0, "deferred": 0}
    assert page.total == 2
    assert page.last_report == dt.date(2027, 3, 31)


def test_umsetzung_shows_fields_measures_projects_progress_as_text_and_bar(public_monitoring):
    html = Client().get("/umsetzung/").content.decode()

    assert "Azubi-Tour 2027" in html
    assert "Ausbildungsbörse" in html  # the measure the project implements
    assert format_percent(60, 0) in html
    assert '<progress max="100" value="60"' in html
    assert f'<th scope="row" class="kern-table__header">{ProjectStatus.IMPLEMENTATION.label}' in html
    assert "31.03.2027" in html or "31. März 2027" in html


def test_the_project_page_shows_the_public_parts_of_the_reports_and_never_the_problems(public_monitoring):
    slug = public_monitoring["small"].projects[0].slug
    response = Client().get(f"/umsetzung/{slug}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Erste Tour mit zwölf Betrieben." in html
    assert "Zweite Tour im Herbst." in html
    assert "Busunternehmen" not in html
    assert f'href="/projekte/{slug}/"' in html  # the fact sheet of the strategy's pages


def test_a_project_that_is_not_published_has_no_monitoring_page(public_monitoring):
    assert Client().get("/umsetzung/vision-gibt-es-nicht/").status_code == 404
    assert Client().get(f"/umsetzung/{public_monitoring['small'].goals[0].slug}/").status_code == 404


def test_english_pages_mark_the_german_texts(public_monitoring):
    slug = public_monitoring["small"].projects[0].slug
    html = Client().get(f"/en/umsetzung/{slug}/").content.decode()

    assert '<span lang="de">Azubi-Tour 2027</span>' in html
    assert '<span lang="de">Erste Tour mit zwölf Betrieben.</span>' in html


def _spec(html: str, chart_id: str) -> dict:
    match = re.search(rf'<script id="{chart_id}-spec" type="application/json">(.*?)</script>', html, re.S)
    assert match, chart_id
    return json.loads(match.group(1))


def test_a_bound_indicator_charts_the_official_observations_against_baseline_and_target(public_monitoring):
    chart_id = f"kennzahl-{public_monitoring['bound'].pk}"
    html = Client().get("/umsetzung/").content.decode()

    spec = _spec(html, chart_id)
    values = [point for layer in spec["layer"] for point in layer["data"]["values"]]
    assert {(point["year"], point["value"]) for point in values} == {
        (2021, 1000.0),
        (2022, 1012.5),
        (2023, 1023.456),
        (2021, 1000),
        (2030, 1100),
    }
    assert "1.023,46" in html  # the table rounds for display


def test_the_csv_beside_a_chart_is_unrounded(public_monitoring):
    response = Client().get(f"/umsetzung/kennzahlen/{public_monitoring['unbound'].pk}/daten.csv")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert "2027;" in text
    assert "12,345678" in text
    assert "12,35" not in text


def test_an_unbound_indicator_charts_its_reported_actual_values(public_monitoring):
    slug = public_monitoring["small"].projects[0].slug
    html = Client().get(f"/umsetzung/{slug}/").content.decode()

    spec = _spec(html, f"kennzahl-{public_monitoring['unbound'].pk}")
    assert any(point["value"] == 12.345678 for layer in spec["layer"] for point in layer["data"]["values"])
    assert "12,35" in html


def test_an_indicator_without_values_says_so_and_draws_no_chart(public_monitoring):
    html = Client().get("/umsetzung/").content.decode()

    assert "Freie Gewerbefläche" in html
    assert _("No values yet: neither baseline, target nor actual values.") in html


def test_the_csv_of_an_indicator_that_is_not_published_is_404(public_monitoring):
    assert Client().get("/umsetzung/kennzahlen/999999/daten.csv").status_code == 404


def test_without_a_published_strategy_umsetzung_says_so(process):
    response = Client().get("/umsetzung/")

    assert response.status_code == 200
    expected = _(
        "No strategy has been adopted and published yet. Once it is, this page shows how its projects are progressing."
    )
    assert expected in response.content.decode()


def test_a_report_s_source_is_kept(public_monitoring):
    assert public_monitoring["small"].projects[0].monitoring_reports.get().source == ReportSource.FORM
