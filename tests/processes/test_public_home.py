"""The public home page and the process pages: where the process stands, what comes next."""

from __future__ import annotations

import datetime as dt
from html import unescape

import pytest
from django.utils import timezone

from standortkompass.processes import calls_to_action
from standortkompass.processes.calls_to_action import CallToAction
from standortkompass.processes.models import (
    Event,
    NewsItem,
    Organisation,
    OrganisationType,
    StrategyProcess,
    Visibility,
)


def _event(process: StrategyProcess, title: str, days: int, **fields: object) -> Event:
    return Event.objects.create(process=process, title=title, start=timezone.now() + dt.timedelta(days=days), **fields)


def _news(process: StrategyProcess, title: str, days_ago: int) -> NewsItem:
    return NewsItem.objects.create(
        process=process,
        title=title,
        slug=title.lower().replace(" ", "-"),
        teaser=f"Anreißer zu {title}",
        body="Text",
        published_at=timezone.now() - dt.timedelta(days=days_ago),
    )


def page_text(response) -> str:
    """The HTML of a response with entities resolved, so that translated text compares as written."""
    return unescape(response.content.decode())


def test_home_page_shows_the_process_and_its_current_phase(client, process):
    html = client.get("/").content.decode()

    assert "Zukunftsstrategie Test" in html
    assert "Ein Prozess für die Tests." in html
    assert "Aktuelle Phase: <strong>Analysephase</strong>" in html


def test_home_page_shows_the_timeline_with_every_phase_in_order(client, process):
    html = client.get("/").content.decode()

    positions = [html.index(name) for name in ["Analysephase", "Strategiewerkstatt", "Zukunftswerkstatt"]]
    assert positions == sorted(positions)
    assert 'class="timeline"' in html
    assert 'aria-current="step"' in html


def test_home_page_says_so_when_no_phase_is_active(client, process):
    process.phases.update(state="planned", start_date=None, end_date=None)

    html = client.get("/").content.decode()

    assert "Zurzeit ist keine Phase aktiv." in html


def test_home_page_lists_upcoming_dates_but_not_past_ones(client, process):
    _event(process, "Unternehmensworkshop", days=14)
    _event(process, "Auftaktveranstaltung", days=-30)

    html = client.get("/").content.decode()

    assert "Unternehmensworkshop" in html
    assert "Auftaktveranstaltung" not in html


def test_home_page_shows_at_most_five_upcoming_dates_soonest_first(client, process):
    for number in range(1, 8):
        _event(process, f"Termin Nummer {number}", days=number)

    html = client.get("/").content.decode()

    assert [f"Termin Nummer {n}" in html for n in range(1, 8)] == [True] * 5 + [False] * 2
    assert html.index("Termin Nummer 1") < html.index("Termin Nummer 5")


def test_home_page_shows_the_three_latest_news(client, process):
    for days_ago in range(1, 5):
        _news(process, f"Meldung {days_ago}", days_ago=days_ago)

    html = client.get("/").content.decode()

    assert all(f"Meldung {n}" in html for n in (1, 2, 3))
    assert "Meldung 4" not in html


def test_home_page_hides_board_only_dates(client, process):
    _event(process, "Interne Sitzung des Lenkungskreises", days=3, visibility=Visibility.BOARD)

    assert "Interne Sitzung des Lenkungskreises" not in client.get("/").content.decode()


def test_home_page_names_the_sponsors(client, process):
    Organisation.objects.create(
        process=process, name="Kreissparkasse Test", type=OrganisationType.SPONSOR, is_public=True
    )

    assert "Kreissparkasse Test" in client.get("/").content.decode()


def test_a_registered_call_to_action_appears_prominently_on_the_home_page(client, process, monkeypatch):
    monkeypatch.setattr(calls_to_action, "_providers", [])

    def open_survey(shown: StrategyProcess) -> list[CallToAction]:
        return [
            CallToAction(
                title="Unternehmensbefragung läuft",
                text=f"Machen Sie mit bei {shown.title}.",
                url="/umfrage/test/",
                link_text="Zur Befragung",
            )
        ]

    calls_to_action.register(open_survey)
    html = page_text(client.get("/"))

    assert "Unternehmensbefragung läuft" in html
    assert "Machen Sie mit bei Zukunftsstrategie Test." in html
    assert 'href="/umfrage/test/"' in html
    assert html.index("Unternehmensbefragung läuft") < html.index("Wo der Prozess steht")


def test_registering_the_same_provider_twice_shows_its_link_once(process, monkeypatch):
    monkeypatch.setattr(calls_to_action, "_providers", [])

    def provider(shown: StrategyProcess) -> list[CallToAction]:
        return [CallToAction(title="T", text="X", url="/x/", link_text="L")]

    calls_to_action.register(provider)
    calls_to_action.register(provider)

    assert len(calls_to_action.calls_to_action(process)) == 1


def test_home_page_without_a_public_process_says_so(client, regions):
    StrategyProcess.objects.create(
        slug="intern", title="Noch intern", region=regions["08118"], short_description="-", agency_name="WF"
    )

    response = client.get("/")

    assert response.status_code == 200
    assert "Es wurde noch kein Strategieprozess veröffentlicht." in response.content.decode()
    assert "Noch intern" not in response.content.decode()


def test_home_page_shows_the_newest_public_process(client, process, regions):
    StrategyProcess.objects.create(
        slug="neu",
        title="Zukunftsstrategie Neu",
        region=regions["08118"],
        short_description="-",
        agency_name="WF",
        is_public=True,
    )

    assert "Zukunftsstrategie Neu" in client.get("/").content.decode()


def test_home_page_explains_that_the_sign_language_video_is_missing(client, process):
    html = client.get("/").content.decode()

    assert "Ein Video in Deutscher Gebärdensprache gibt es noch nicht." in html


def test_demo_process_is_labelled_as_demo(client, process):
    process.is_demo = True
    process.save()

    assert "Dieser Prozess enthält Demonstrationsinhalte." in client.get("/").content.decode()


def test_process_list_shows_public_processes_only(client, process, regions):
    StrategyProcess.objects.create(
        slug="intern", title="Interner Entwurf", region=regions["08118"], short_description="-", agency_name="WF"
    )

    html = client.get("/prozesse/").content.decode()

    assert "Zukunftsstrategie Test" in html
    assert "Interner Entwurf" not in html


def test_process_detail_shows_phases_and_dates(client, process):
    _event(process, "Strategiewerkstatt Kornwestheim", days=20)

    html = client.get(f"/prozesse/{process.slug}/").content.decode()

    assert "Strategiewerkstatt" in html
    assert "Strategiewerkstatt Kornwestheim" in html


@pytest.mark.parametrize("slug", ["intern", "gibt-es-nicht"])
def test_process_detail_of_a_non_public_or_unknown_process_is_not_found(client, process, regions, slug):
    StrategyProcess.objects.create(
        slug="intern", title="Intern", region=regions["08118"], short_description="-", agency_name="WF"
    )

    assert client.get(f"/prozesse/{slug}/").status_code == 404
