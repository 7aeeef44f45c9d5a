"""Every endpoint of the API gives out what the public site shows, and nothing of drafts or internal matters."""

from __future__ import annotations

import pytest

from api.conftest import ENTERED_VALUE, OFFICIAL_VALUE, ApiWorld, json_of
from standortkompass.processes.models import StrategyProcess
from standortkompass.standortanalyse.models import AnalysisSettings
from standortkompass.strategy.services.versions import version_withdraw

pytestmark = pytest.mark.django_db


def base(world: ApiWorld) -> str:
    return f"/api/v1/processes/{world.process.slug}/"


def test_the_process_list_names_the_public_processes_only(api_world, client):
    data = json_of(client.get("/api/v1/processes/"))

    assert [item["slug"] for item in data["items"]] == [api_world.process.slug]
    assert data["items"][0]["is_current"] is True
    assert data["items"][0]["region"] == {"code": "08118", "name": "Ludwigsburg"}
    assert data["items"][0]["api_url"] == f"http://testserver{base(api_world)}"


def test_a_process_is_found_by_its_short_name_and_as_current(api_world, client):
    by_slug = json_of(client.get(base(api_world)))
    current = json_of(client.get("/api/v1/processes/current/"))

    assert by_slug["data"] == current["data"]
    assert by_slug["data"]["description"] == "Die **Zukunftsstrategie** des Kreises."
    assert by_slug["data"]["current_phase"]["name"] == "Analysephase"


def test_a_process_that_is_not_public_is_not_found_anywhere(api_world, client):
    slug = api_world.hidden_process.slug

    for path in ["", "phases/", "events/", "news/", "boards/", "strategy/", "projects/", "indicators/"]:
        response = client.get(f"/api/v1/processes/{slug}/{path}")
        assert response.status_code == 404, path
        assert response.json() == {"detail": "There is no public process with this short name."}


def test_without_a_public_process_current_is_not_found(db, client):
    StrategyProcess.objects.update(is_public=False)

    assert client.get("/api/v1/processes/current/").status_code == 404


def test_phases_come_in_their_order_with_the_current_one_marked(api_world, client):
    items = json_of(client.get(base(api_world) + "phases/"))["items"]

    assert [(item["name"], item["is_current"]) for item in items] == [
        ("Analysephase", True),
        ("Strategiewerkstatt", False),
        ("Zukunftswerkstatt", False),
    ]
    assert items[0]["start_date"] == "2026-09-01"


def test_events_are_the_public_ones_only(api_world, client):
    items = json_of(client.get(base(api_world) + "events/"))["items"]

    assert [item["title"] for item in items] == ["Unternehmensworkshop"]
    assert items[0]["uid"] == str(api_world.event.uid)
    assert items[0]["ical_url"] == f"http://testserver/termine/{api_world.event.uid}.ics"


def test_news_are_the_published_ones_only_without_their_author(api_world, client):
    items = json_of(client.get(base(api_world) + "news/"))["items"]

    assert [item["title"] for item in items] == ["Auftakt"]
    assert "author" not in items[0]
    assert items[0]["url"] == f"http://testserver/aktuelles/{api_world.news.pk}/auftakt/"


def test_boards_name_only_the_members_who_agreed_and_count_the_others(api_world, client):
    items = json_of(client.get(base(api_world) + "boards/"))["items"]

    assert [item["name"] for item in items] == ["Sounding Board"]
    assert items[0]["members"] == [{"name": "Dr. Erika Offen", "function": "Vorsitz", "organisation": "Muster GmbH"}]
    assert items[0]["unnamed_member_count"] == 1


def test_the_strategy_is_the_published_version_not_the_draft(api_world, client):
    data = json_of(client.get(base(api_world) + "strategy/"))["data"]

    assert data["version"]["number"] == 1
    assert data["version"]["decided_on"] == "2027-03-01"
    assert data["counts"] == {"vision": 1, "goal": 2, "field": 2, "measure": 3, "project": 2}


def test_the_elements_are_those_of_the_published_version_in_reading_order(api_world, client):
    items = json_of(client.get(base(api_world) + "strategy/elements/?limit=1000"))["items"]
    titles = [item["title"] for item in items]

    assert "Entwurfsgeheimnis" not in titles
    assert titles[:5] == [
        "Innovativ und lebenswert",
        "Fachkräfte sichern",
        "Transformation gestalten",
        "Fachkräfte",
        "Ausbildungsbörse",
    ]
    measure = next(item for item in items if item["slug"] == api_world.small.measures[0].slug)
    assert measure["parent"] == api_world.small.fields[0].pk
    assert measure["serves"] == [api_world.small.goals[0].pk]


def test_the_elements_can_be_filtered_by_kind(api_world, client):
    items = json_of(client.get(base(api_world) + "strategy/elements/?kind=goal"))["items"]

    assert [item["title"] for item in items] == ["Fachkräfte sichern", "Transformation gestalten"]


def test_evidence_shows_public_sources_and_only_the_note_of_others(api_world, client):
    measure = json_of(client.get(base(api_world) + f"strategy/elements/{api_world.small.measures[0].slug}/"))["data"]
    shown, hidden = measure["evidence"]

    assert (shown["available"], shown["title"], shown["note"]) == (True, "Starke Industrie", "Trägt.")
    assert shown["url"] == f"http://testserver/standortanalyse/swot/#befund-{shown['reference']['finding']}"
    assert (hidden["available"], hidden["title"], hidden["note"], hidden["reference"]) == (False, "", "Auch.", None)


def test_the_evidence_list_has_every_link_of_the_published_version(api_world, client):
    items = json_of(client.get(base(api_world) + "strategy/evidence/"))["items"]

    assert [(item["kind"], item["available"]) for item in items] == [
        ("external", True),
        ("finding", True),
        ("finding", False),
    ]
    assert items[0]["url"] == "https://example.org/studie"


def test_indicators_give_baseline_target_and_the_latest_actual_value_unrounded(api_world, client):
    items = json_of(client.get(base(api_world) + "strategy/indicators/"))["items"]
    official, entered = items

    assert (official["statistic"], official["region"]) == ("gdp_per_capita", "08118")
    assert (official["actual_value"], official["actual_year"], official["actual_origin"]) == (
        OFFICIAL_VALUE,
        2020,
        "official",
    )
    assert (entered["actual_value"], entered["actual_year"], entered["actual_origin"]) == (
        ENTERED_VALUE,
        2027,
        "entered",
    )
    assert (entered["target_value"], entered["target_year"]) == (250.0, 2028)


def test_projects_show_their_live_status_and_progress(api_world, client):
    items = json_of(client.get(base(api_world) + "projects/"))["items"]
    project = items[0]

    assert [item["title"] for item in items] == ["Azubi-Tour 2027", "Gewerbeflächenkataster"]
    assert (project["status"], project["progress"]) == ("implementation", 55)
    assert project["budget"] == 1250000.55
    assert project["lead_organisation"]["name"] == "Muster GmbH"
    assert project["municipalities"] == [{"code": "08118048", "name": "Ludwigsburg, Stadt"}]
    assert project["fields"][0]["slug"] == api_world.small.fields[0].slug
    assert "risks" not in project
    assert "contact" not in project


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=implementation", ["Azubi-Tour 2027"]),
        ("status=idea", ["Gewerbeflächenkataster"]),
        ("municipality=08118048", ["Azubi-Tour 2027"]),
        ("field=flaechen", ["Gewerbeflächenkataster"]),
    ],
)
def test_projects_can_be_filtered_like_the_public_list(api_world, client, query, expected):
    items = json_of(client.get(base(api_world) + "projects/?" + query))["items"]

    assert [item["title"] for item in items] == expected


def test_projects_can_be_filtered_by_their_lead(api_world, client):
    items = json_of(client.get(base(api_world) + f"projects/?lead={api_world.organisation.pk}"))["items"]

    assert [item["title"] for item in items] == ["Azubi-Tour 2027"]


def test_a_project_has_its_milestones_indicators_and_evidence(api_world, client):
    data = json_of(client.get(base(api_world) + f"projects/{api_world.small.projects[0].slug}/"))["data"]

    assert data["milestones"] == [{"title": "Erste Tour", "due_date": "2027-05-01", "reached_on": None}]
    assert [indicator["name"] for indicator in data["indicators"]] == ["Teilnehmende"]
    assert data["goals"] == [api_world.small.goals[0].pk]


def test_an_element_or_project_that_is_only_in_the_draft_is_not_found(api_world, client):
    assert client.get(base(api_world) + "strategy/elements/entwurfsgeheimnis/").status_code == 404
    assert client.get(base(api_world) + "projects/entwurfsgeheimnis/").status_code == 404
    assert client.get(base(api_world) + f"projects/{api_world.small.goals[0].slug}/").status_code == 404


def test_without_a_published_version_there_is_no_strategy(api_world, client, users):
    version_withdraw(strategy=api_world.small.strategy, actor=users["admin"])

    for path in ["strategy/", "strategy/elements/", "strategy/indicators/", "strategy/evidence/", "projects/"]:
        response = client.get(base(api_world) + path)
        assert response.status_code == 404, path
        assert response.json() == {"detail": "This process has no published strategy."}


def test_the_indicators_of_the_published_analysis_are_those_of_the_district_and_its_comparisons(api_world, client):
    data = json_of(client.get(base(api_world) + "indicators/"))

    rows = [
        (item["region"], item["region_role"], item["year"], item["value"], item["status"]) for item in data["items"]
    ]
    assert rows == [
        ("08", "land", 2020, 43210.5, ""),
        ("08118", "district", 2020, OFFICIAL_VALUE, ""),
        ("08118", "district", 2021, None, "."),
        ("DG", "country", 2020, 40000.25, ""),
    ]
    assert data["meta"]["licence"]["url"] == "https://www.govdata.de/dl-de/by-2-0"
    assert "Regionaldatenbank" in data["meta"]["attribution"]


def test_the_indicators_can_be_filtered(api_world, client):
    items = json_of(client.get(base(api_world) + "indicators/?region=08118&year=2020&indicator=gdp_per_capita"))[
        "items"
    ]

    assert [(item["region"], item["value"]) for item in items] == [("08118", OFFICIAL_VALUE)]


def test_an_unpublished_analysis_gives_no_indicators(api_world, client):
    AnalysisSettings.objects.filter(process=api_world.process).update(is_public=False)

    response = client.get(base(api_world) + "indicators/")

    assert response.status_code == 404
    assert response.json() == {"detail": "The location analysis of this process is not published."}


def test_every_answer_names_its_licence_and_attribution(api_world, client):
    data = json_of(client.get(base(api_world) + "events/"))

    assert data["meta"]["licence"] == {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
    assert data["meta"]["attribution"] == "Wirtschaftsförderung Test"
    assert data["meta"]["documentation"] == "http://testserver/api/openapi.json"


def test_the_content_licence_is_a_setting(api_world, client, settings):
    settings.API_CONTENT_LICENCE = "dl-de/by-2-0"
    settings.API_CONTENT_LICENCE_URL = "https://www.govdata.de/dl-de/by-2-0"

    response = client.get(base(api_world) + "news/")

    assert response.json()["meta"]["licence"]["name"] == "dl-de/by-2-0"
    assert response["Link"] == '<https://www.govdata.de/dl-de/by-2-0>; rel="license"'


def test_answers_that_quote_official_figures_also_name_their_licence(api_world, client):
    sources = json_of(client.get(base(api_world) + "strategy/indicators/"))["meta"]["sources"]

    assert [source["licence"]["url"] for source in sources] == ["https://www.govdata.de/dl-de/by-2-0"]


def test_an_element_url_points_to_the_public_page_only_for_the_current_process(api_world, client):
    items = json_of(client.get(base(api_world) + "strategy/elements/?kind=vision"))["items"]

    assert items[0]["url"] == f"http://testserver/strategie/{api_world.small.vision.slug}/"
