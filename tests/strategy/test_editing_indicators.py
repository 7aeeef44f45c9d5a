"""Indicators (Kennzahlen) of goals, fields of action and projects: bound to an official statistic or with
actual values entered per year."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _

from standortkompass.audit.models import AuditEntry
from standortkompass.regiondata.models import Indicator, Observation
from standortkompass.strategy.models import IndicatorActual, StrategyIndicator
from standortkompass.strategy.selectors.indicators import actual_values
from standortkompass.strategy.services.indicators import actual_save, indicator_create


def url(name: str, process, **kwargs) -> str:
    return reverse(f"strategy_manage:{name}", kwargs={"process_pk": process.pk, **kwargs})


@pytest.fixture
def editor(client_for):
    return client_for("editor")


@pytest.fixture
def statistic(regions):
    indicator = Indicator.objects.create(
        code="svb_ao", name="Sozialversicherungspflichtig Beschäftigte", unit="Personen"
    )
    for year, value in [(2022, 245_310.0), (2023, 247_802.0)]:
        Observation.objects.create(indicator=indicator, region=regions["08118"], year=year, value=value)
    Observation.objects.create(indicator=indicator, region=regions["08118"], year=2024, value=None, status="...")
    Observation.objects.create(indicator=indicator, region=regions["08118048"], year=2023, value=48_000.0)
    return indicator


def test_an_indicator_with_german_numbers_is_added_to_a_goal(small_strategy, process, editor):
    goal = small_strategy.goals[0]
    response = editor.post(
        url("indicator_create", process, element_pk=goal.pk),
        {
            "name": "Ausbildungsquote",
            "unit": "%",
            "baseline_value": "5,4",
            "baseline_year": "2024",
            "target_value": "6,5",
            "target_year": "2030",
            "source": "Bundesagentur für Arbeit",
            "region": process.region.pk,
        },
    )
    indicator = StrategyIndicator.objects.get(name="Ausbildungsquote")
    assert response["Location"] == url("indicator", process, indicator_pk=indicator.pk)
    assert (indicator.baseline_value, indicator.target_value) == (5.4, 6.5)
    assert indicator.statistic is None
    assert indicator.region is None
    assert AuditEntry.objects.filter(action="strategy.indicator.create").exists()
    page = editor.get(url("element", process, element_pk=goal.pk)).content.decode()
    assert "Ausbildungsquote" in page
    assert "5,4\u00a0% (2024)" in page


def test_indicators_belong_only_to_goals_fields_and_projects(small_strategy, process, editor):
    for element in (small_strategy.fields[0], small_strategy.projects[0]):
        assert editor.get(url("indicator_create", process, element_pk=element.pk)).status_code == 200
    for element in (small_strategy.vision, small_strategy.measures[0]):
        assert editor.get(url("indicator_create", process, element_pk=element.pk)).status_code == 404


def test_bad_indicator_input_gets_messages_naming_the_fields(small_strategy, process, editor):
    response = editor.post(
        url("indicator_create", process, element_pk=small_strategy.goals[0].pk),
        {"name": "Quote", "baseline_value": "fünf", "target_value": "7", "target_year": "1800"},
    )
    errors = response.context["form"].errors
    assert errors["baseline_value"] == [_("Enter the baseline value as a number, e.g. 1.250 or 12,5.")]
    assert errors["target_year"] == [_("Enter the target year as a year between 1950 and 2100.")]
    assert not StrategyIndicator.objects.exists()


def test_the_region_of_a_statistic_defaults_to_the_district(small_strategy, process, editor, statistic):
    form = editor.get(url("indicator_create", process, element_pk=small_strategy.goals[0].pk)).content.decode()
    assert f'<option value="{process.region.pk}" selected>' in form
    assert "Ludwigsburg, Stadt (08118048)" in form


def test_a_bound_indicator_shows_the_official_values_read_only(small_strategy, process, editor, statistic):
    editor.post(
        url("indicator_create", process, element_pk=small_strategy.fields[0].pk),
        {"name": "Beschäftigte", "statistic": statistic.pk, "region": process.region.pk},
    )
    indicator = StrategyIndicator.objects.get(name="Beschäftigte")
    assert indicator.statistic == statistic
    assert indicator.region == process.region
    values = actual_values(indicator)
    assert [(v.year, v.value) for v in values] == [(2022, 245_310.0), (2023, 247_802.0), (2024, None)]
    page = editor.get(url("indicator", process, indicator_pk=indicator.pk)).content.decode()
    assert "247.802" in page
    assert "48.000" not in page
    assert url("actual_create", process, indicator_pk=indicator.pk) not in page
    assert editor.get(url("actual_create", process, indicator_pk=indicator.pk)).status_code == 404


def test_a_statistic_without_a_region_is_refused(small_strategy, process, editor, statistic):
    response = editor.post(
        url("indicator_create", process, element_pk=small_strategy.goals[0].pk),
        {"name": "Beschäftigte", "statistic": statistic.pk, "region": ""},
    )
    assert "region" in response.context["form"].errors
    assert not StrategyIndicator.objects.exists()


def test_binding_an_indicator_later_and_unbinding_it(small_strategy, process, editor, statistic, users):
    indicator = indicator_create(element=small_strategy.goals[0], actor=users["editor"], data={"name": "Beschäftigte"})
    editor.post(
        url("indicator_edit", process, indicator_pk=indicator.pk),
        {"name": "Beschäftigte", "statistic": statistic.pk, "region": process.region.children.get(code="08118048").pk},
    )
    indicator.refresh_from_db()
    assert indicator.region.code == "08118048"
    assert [v.value for v in actual_values(indicator)] == [48_000.0]
    editor.post(url("indicator_edit", process, indicator_pk=indicator.pk), {"name": "Beschäftigte", "statistic": ""})
    indicator.refresh_from_db()
    assert indicator.statistic is None
    assert indicator.region is None


def test_actual_values_are_listed_added_changed_and_deleted(small_strategy, process, editor, users):
    indicator = indicator_create(
        element=small_strategy.goals[0], actor=users["editor"], data={"name": "Quote", "unit": "%"}
    )
    editor.post(
        url("actual_create", process, indicator_pk=indicator.pk), {"year": "2025", "value": "5,8", "note": "vorläufig"}
    )
    actual = IndicatorActual.objects.get(indicator=indicator)
    assert (actual.year, actual.value, actual.note, actual.created_by) == (2025, 5.8, "vorläufig", users["editor"])
    page = editor.get(url("indicator", process, indicator_pk=indicator.pk)).content.decode()
    assert "5,8" in page
    assert "vorläufig" in page
    editor.post(
        url("actual_edit", process, indicator_pk=indicator.pk, actual_pk=actual.pk), {"value": "6,1", "note": ""}
    )
    actual.refresh_from_db()
    assert (actual.year, actual.value, actual.note) == (2025, 6.1, "")
    assert editor.get(url("actual_delete", process, indicator_pk=indicator.pk, actual_pk=actual.pk)).status_code == 405
    editor.post(url("actual_delete", process, indicator_pk=indicator.pk, actual_pk=actual.pk))
    assert not IndicatorActual.objects.exists()


def test_a_second_value_for_the_same_year_is_refused_with_a_message(small_strategy, process, editor, users):
    indicator = indicator_create(element=small_strategy.goals[0], actor=users["editor"], data={"name": "Quote"})
    actual_save(indicator=indicator, actor=users["editor"], data={"year": 2025, "value": 5.0})
    response = editor.post(url("actual_create", process, indicator_pk=indicator.pk), {"year": "2025", "value": "9"})
    assert response.context["form"].errors["year"] == [
        _("This indicator already has a value for %(year)s; change it in the list.") % {"year": 2025}
    ]
    assert IndicatorActual.objects.get(indicator=indicator).value == 5.0


def test_an_indicator_is_deleted_with_its_values(small_strategy, process, editor, users):
    indicator = indicator_create(element=small_strategy.goals[0], actor=users["editor"], data={"name": "Quote"})
    actual_save(indicator=indicator, actor=users["editor"], data={"year": 2025, "value": 5.0})
    response = editor.post(url("indicator_delete", process, indicator_pk=indicator.pk))
    assert response["Location"] == url("element", process, element_pk=small_strategy.goals[0].pk) + "#kennzahlen"
    assert not StrategyIndicator.objects.exists()
    assert not IndicatorActual.objects.exists()
