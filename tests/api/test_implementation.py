"""The boards' public register and the monitoring in the API: public parts only, live values."""

from __future__ import annotations

import pytest

from api.conftest import ENTERED_VALUE, OFFICIAL_VALUE, ApiWorld, json_of
from standortkompass.strategy.services.versions import version_withdraw

pytestmark = pytest.mark.django_db


def base(world: ApiWorld) -> str:
    return f"/api/v1/processes/{world.process.slug}/"


def test_the_register_lists_the_public_entries_of_public_boards_only(api_world, client):
    items = json_of(client.get(base(api_world) + "decisions/"))["items"]

    assert [item["subject"] for item in items] == ["Fachkräfte zuerst"]
    entry = items[0]
    assert (entry["kind"], entry["status"], entry["board"]["name"]) == (
        "recommendation",
        "in_progress",
        "Sounding Board",
    )
    assert "actions" not in entry


def test_an_entry_names_the_published_elements_and_counts_those_of_the_draft(api_world, client):
    entry = json_of(client.get(base(api_world) + "decisions/"))["items"][0]

    assert entry["elements"] == [api_world.small.goals[0].pk]
    assert entry["unpublished_element_count"] == 1
    assert entry["url"] == f"http://testserver/beschluesse/{entry['id']}/"


@pytest.mark.parametrize(("query", "count"), [("kind=decision", 0), ("kind=recommendation", 1), ("status=done", 0)])
def test_the_register_can_be_filtered(api_world, client, query, count):
    assert json_of(client.get(base(api_world) + "decisions/?" + query))["pagination"]["count"] == count


def test_the_monitoring_counts_the_projects_by_their_live_status(api_world, client):
    data = json_of(client.get(base(api_world) + "monitoring/"))["data"]

    assert data["projects"] == 2
    assert data["status_counts"] == {"implementation": 1, "idea": 1}
    assert data["average_progress"] == 27.5
    assert data["last_report"] == "2027-03-31"


def test_reports_give_their_public_parts_only(api_world, client):
    items = json_of(client.get(base(api_world) + "monitoring/reports/"))["items"]

    assert len(items) == 1
    report = items[0]
    assert (report["project_slug"], report["round"], report["progress"]) == (
        api_world.small.projects[0].slug,
        "Frühjahr 2027",
        55,
    )
    assert report["milestones_reached"] == [{"title": "Erste Tour", "reached_on": "2027-03-20"}]
    assert "problems" not in report
    assert "reported_by" not in report


def test_reports_can_be_filtered_by_project(api_world, client):
    other = api_world.small.projects[1].slug

    assert json_of(client.get(base(api_world) + f"monitoring/reports/?project={other}"))["items"] == []


def test_actual_values_over_time_are_unrounded_with_their_origin(api_world, client):
    items = json_of(client.get(base(api_world) + "monitoring/actuals/"))["items"]

    assert [(item["year"], item["value"], item["origin"]) for item in items] == [
        (2020, OFFICIAL_VALUE, "official"),
        (2027, ENTERED_VALUE, "entered"),
    ]


def test_a_new_actual_value_reaches_the_kept_list_at_once(api_world, client, users):
    from standortkompass.strategy.models import IndicatorActual
    from standortkompass.strategy.services.indicators import actual_save

    client.get(base(api_world) + "monitoring/actuals/")  # worked out and kept
    indicator = IndicatorActual.objects.get(year=2027).indicator
    actual_save(indicator=indicator, actor=users["editor"], data={"year": 2028, "value": 13.5})
    items = json_of(client.get(base(api_world) + "monitoring/actuals/"))["items"]

    assert [(item["year"], item["value"]) for item in items if item["origin"] == "entered"] == [
        (2027, ENTERED_VALUE),
        (2028, 13.5),
    ]


def test_without_a_published_strategy_there_is_no_monitoring(api_world, client, users):
    version_withdraw(strategy=api_world.small.strategy, actor=users["admin"])

    assert client.get(base(api_world) + "monitoring/").status_code == 404
    assert client.get(base(api_world) + "monitoring/reports/").status_code == 404
    assert client.get(base(api_world) + "decisions/").status_code == 200
