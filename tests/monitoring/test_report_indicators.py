"""The project lead's report asks for the current values of the project's indicators without an official statistic:
optional, the year preset to the round's reporting year, saved as actual values (origin "reported") together
with the report or not at all, and shown on the round's overview."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from monitoring.conftest import report_url
from standortkompass.monitoring.models import ProjectReport
from standortkompass.monitoring.services.reports import report_submit
from standortkompass.regiondata.models import Indicator
from standortkompass.strategy.models import ActualOrigin, IndicatorActual
from standortkompass.strategy.services.indicators import actual_save, indicator_create

VALID = {
    "status": "implementation",
    "progress": "60",
    "achieved": "Erste Tour mit zwölf Betrieben.",
}


@pytest.fixture
def project_indicators(monitored, users, regions):
    editor = users["editor"]
    companies = indicator_create(
        element=monitored.lead_project, actor=editor, data={"name": "Teilnehmende Betriebe", "unit": "Betriebe"}
    )
    actual_save(indicator=companies, actor=editor, data={"year": 2026, "value": 8, "note": "Schätzung"})
    pupils = indicator_create(element=monitored.lead_project, actor=editor, data={"name": "Teilnehmende Schüler"})
    statistic = Indicator.objects.create(code="EMP_T", name="Beschäftigte", unit="Personen", source="BA")
    bound = indicator_create(
        element=monitored.lead_project,
        actor=editor,
        data={"name": "Beschäftigte", "statistic": statistic, "region": regions["08118"]},
    )
    return companies, pupils, bound


def test_the_form_asks_for_each_unbound_indicator_with_the_reporting_year_preset(
    monitored, project_indicators, client_for
):
    companies, pupils, bound = project_indicators

    page = client_for("partner").get(report_url(monitored)).content.decode()

    assert f'name="indicator_{companies.pk}"' in page
    assert f'name="indicator_{pupils.pk}"' in page
    assert f'name="indicator_{bound.pk}"' not in page
    assert f'name="indicator_{companies.pk}_year" value="2027"' in page
    assert (
        _("Last value: %(value)s%(unit)s (%(year)s). Leave empty if you have no new value.")
        % {
            "value": "8",
            "unit": " Betriebe",
            "year": 2026,
        }
        in page
    )


def test_a_report_saves_the_given_values_as_reported_in_the_same_step(monitored, project_indicators, client_for, users):
    companies, pupils, _bound = project_indicators

    response = client_for("partner").post(
        report_url(monitored),
        {**VALID, f"indicator_{companies.pk}": "1.234,5", f"indicator_{companies.pk}_year": "2027"},
    )

    assert response.status_code == 302
    actual = IndicatorActual.objects.get(indicator=companies, year=2027)
    assert (actual.value, actual.origin, actual.created_by) == (1234.5, ActualOrigin.REPORTED, users["partner"])
    assert not IndicatorActual.objects.filter(indicator=pupils).exists()
    report = ProjectReport.objects.get(round=monitored.reporting_round, project=monitored.lead_project)
    assert report.indicators_reported == [
        {"indicator": companies.pk, "name": "Teilnehmende Betriebe", "unit": "Betriebe", "year": 2027, "value": 1234.5}
    ]


def test_a_value_of_a_year_that_has_one_replaces_it(monitored, project_indicators, client_for):
    companies, _pupils, _bound = project_indicators

    client_for("partner").post(
        report_url(monitored), {**VALID, f"indicator_{companies.pk}": "9", f"indicator_{companies.pk}_year": "2026"}
    )

    actual = IndicatorActual.objects.get(indicator=companies, year=2026)
    assert (actual.value, actual.origin, actual.note) == (9.0, ActualOrigin.REPORTED, "Schätzung")


def test_a_bad_number_names_the_indicator_and_saves_nothing(monitored, project_indicators, client_for):
    companies, _pupils, _bound = project_indicators

    response = client_for("partner").post(
        report_url(monitored), {**VALID, f"indicator_{companies.pk}": "zwölf", f"indicator_{companies.pk}_year": "2027"}
    )

    assert response.status_code == 200
    message = _("Enter the current value of “%(indicator)s” as a number, e.g. 1.250 or 12,5.") % {
        "indicator": "Teilnehmende Betriebe"
    }
    assert response.context["form"].errors[f"indicator_{companies.pk}"] == [message]
    assert message in response.content.decode()
    assert not ProjectReport.objects.exists()
    assert not IndicatorActual.objects.filter(indicator=companies, year=2027).exists()


def test_a_value_without_a_year_names_the_year_field(monitored, project_indicators, client_for):
    companies, _pupils, _bound = project_indicators

    response = client_for("partner").post(
        report_url(monitored), {**VALID, f"indicator_{companies.pk}": "12", f"indicator_{companies.pk}_year": ""}
    )

    assert response.status_code == 200
    assert f"indicator_{companies.pk}_year" in response.context["form"].errors
    assert not ProjectReport.objects.exists()


def test_a_bound_indicator_takes_no_reported_value_and_the_report_is_not_saved(monitored, project_indicators, users):
    _companies, pupils, bound = project_indicators

    with pytest.raises(ValidationError):
        report_submit(
            reporting_round=monitored.reporting_round,
            project=monitored.lead_project,
            actor=users["partner"],
            data={"status": "implementation", "progress": 50},
            indicators={pupils.pk: (2027, 3.0), bound.pk: (2027, 1000.0)},
        )

    assert not ProjectReport.objects.exists()
    assert not IndicatorActual.objects.filter(indicator__in=[pupils, bound]).exists()


def test_a_corrected_report_shows_the_values_it_gave(monitored, project_indicators, client_for):
    companies, _pupils, _bound = project_indicators
    client = client_for("partner")
    client.post(
        report_url(monitored), {**VALID, f"indicator_{companies.pk}": "14,5", f"indicator_{companies.pk}_year": "2027"}
    )

    page = client.get(report_url(monitored)).content.decode()

    assert f'name="indicator_{companies.pk}" value="14,5"' in page


def test_the_round_overview_shows_the_reported_values(monitored, project_indicators, client_for):
    companies, _pupils, _bound = project_indicators
    client_for("partner").post(
        report_url(monitored),
        {**VALID, f"indicator_{companies.pk}": "1234,5", f"indicator_{companies.pk}_year": "2027"},
    )
    url = f"/verwaltung/{monitored.reporting_round.process_id}/umsetzung/runden/{monitored.reporting_round.pk}/"

    page = client_for("admin").get(url).content.decode()

    assert "Teilnehmende Betriebe</span>: 1.234,5" in page
    assert "(2027)" in page


def test_a_status_import_keeps_the_values_a_report_gave(monitored, project_indicators, users):
    companies, _pupils, _bound = project_indicators
    report_submit(
        reporting_round=monitored.reporting_round,
        project=monitored.lead_project,
        actor=users["partner"],
        data={"status": "implementation", "progress": 50},
        indicators={companies.pk: (2027, 3.0)},
    )

    report = report_submit(
        reporting_round=monitored.reporting_round,
        project=monitored.lead_project,
        actor=users["admin"],
        data={"status": "implementation", "progress": 70},
        allow_closed=True,
    )

    assert [item["value"] for item in report.indicators_reported] == [3.0]
