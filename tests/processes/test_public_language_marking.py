"""English pages mark German-only content with lang="de" and say once that some content is only in German.

Texts with an English version show it unmarked; without one, the German text is shown in an element with
lang="de" (WCAG 3.1.2). German pages are never marked and never carry the note.
"""

from __future__ import annotations

import datetime as dt
from html import unescape

from django.utils import timezone

from standortkompass.processes.models import (
    Board,
    BoardMember,
    Event,
    NewsItem,
    Organisation,
    OrganisationType,
    Phase,
    StrategyProcess,
)

NOTE = "Some content on this page is only available in German."
GERMAN_NOTE = "Einige Inhalte dieser Seite gibt es nur auf Deutsch."


def main_of(response) -> str:
    """The main content of a page (the layout's header and footer carry lang="de" of their own)."""
    assert response.status_code == 200
    html = unescape(response.content.decode())
    return html[html.index("<main") : html.index("</main>")]


def _news(process: StrategyProcess, **fields: object) -> NewsItem:
    values: dict[str, object] = {
        "title": "Befragung gestartet",
        "slug": "befragung-gestartet",
        "teaser": "Die Unternehmensbefragung läuft.",
        "body": "Bitte nehmen Sie teil.",
        "published_at": timezone.now() - dt.timedelta(days=1),
    }
    return NewsItem.objects.create(process=process, **(values | fields))


def _event(process: StrategyProcess, **fields: object) -> Event:
    values: dict[str, object] = {
        "title": "Unternehmensworkshop",
        "start": timezone.now() + dt.timedelta(days=7),
        "description": "Wir laden ein.",
    }
    return Event.objects.create(process=process, **(values | fields))


def _translate_process(process: StrategyProcess) -> None:
    process.title_en = "Future strategy test"
    process.short_description_en = "A process for the tests."
    process.save()
    for phase in process.phases.all():
        phase.name_en = f"{phase.name} (en)"
        phase.save()


def test_the_english_home_page_marks_the_german_process_and_phase_texts(client, process):
    main = main_of(client.get("/en/"))

    assert '<h1 class="kern-heading-x-large"><span lang="de">Zukunftsstrategie Test</span></h1>' in main
    assert '<span lang="de">Ein Prozess für die Tests.</span>' in main
    assert '<h3 class="kern-heading-small"><span lang="de">Strategiewerkstatt</span></h3>' in main
    assert 'Current phase: <strong><span lang="de">Analysephase</span></strong>' in main


def test_the_english_home_page_says_once_and_first_that_some_content_is_only_in_german(client, process):
    _news(process)
    _event(process)

    main = main_of(client.get("/en/"))

    assert main.count(NOTE) == 1
    assert main.index(NOTE) < main.index("<h1")


def test_the_english_home_page_shows_english_versions_unmarked_and_without_the_note(client, process):
    _translate_process(process)
    _news(process, title_en="Survey started", teaser_en="The company survey is open.")
    _event(process, title_en="Company workshop")

    response = client.get("/en/")
    main = main_of(response)

    assert '<h1 class="kern-heading-x-large">Future strategy test</h1>' in main
    assert "<title>Future strategy test – " in unescape(response.content.decode())
    assert '<h3 class="kern-heading-small">Strategiewerkstatt (en)</h3>' in main
    assert ">Survey started</a>" in main
    assert ">Company workshop</a>" in main
    assert 'lang="de">Zukunftsstrategie' not in main
    assert NOTE not in main


def test_the_german_home_page_is_never_marked_and_has_no_note(client, process):
    _news(process)

    main = main_of(client.get("/"))

    assert '<h1 class="kern-heading-x-large">Zukunftsstrategie Test</h1>' in main
    assert '<span lang="de">' not in main
    assert GERMAN_NOTE not in main


def test_the_english_news_pages_mark_a_german_only_item(client, process):
    item = _news(process)

    listing = main_of(client.get("/en/aktuelles/"))
    detail = main_of(client.get(f"/en/aktuelles/{item.pk}/{item.slug}/"))

    assert '<span lang="de">Befragung gestartet</span>' in listing
    assert listing.count(NOTE) == 1
    assert '<h1 class="kern-heading-x-large"><span lang="de">Befragung gestartet</span></h1>' in detail
    assert '<div class="kern-body formatted" lang="de"><p>Bitte nehmen Sie teil.</p>' in detail
    assert detail.count(NOTE) == 1


def test_the_english_news_pages_show_the_english_version_without_lang_de(client, process):
    item = _news(process, title_en="Survey started", teaser_en="The survey is open.", body_en="Please **take part**.")

    listing = main_of(client.get("/en/aktuelles/"))
    detail = main_of(client.get(f"/en/aktuelles/{item.pk}/{item.slug}/"))

    assert ">Survey started</a>" in listing
    assert 'lang="de"' not in listing
    assert NOTE not in listing
    assert '<h1 class="kern-heading-x-large">Survey started</h1>' in detail
    assert '<div class="kern-body formatted"><p>Please <strong>take part</strong>.</p>' in detail
    assert 'lang="de"' not in detail
    assert NOTE not in detail


def test_a_news_item_with_only_an_english_title_marks_the_rest(client, process):
    item = _news(process, title_en="Survey started")

    detail = main_of(client.get(f"/en/aktuelles/{item.pk}/{item.slug}/"))

    assert '<h1 class="kern-heading-x-large">Survey started</h1>' in detail
    assert '<span lang="de">Die Unternehmensbefragung läuft.</span>' in detail
    assert detail.count(NOTE) == 1


def test_the_english_dates_pages_mark_german_event_titles_and_descriptions(client, process):
    phase = Phase.objects.get(process=process, order=1)
    event = _event(process, phase=phase)

    listing = main_of(client.get("/en/termine/"))
    detail = main_of(client.get(f"/en/termine/{event.uid}/"))

    assert '<span lang="de">Unternehmensworkshop</span></a>' in listing
    assert listing.count(NOTE) == 1
    assert '<h1 class="kern-heading-x-large"><span lang="de">Unternehmensworkshop</span></h1>' in detail
    assert '· <span lang="de">Strategiewerkstatt</span>' in detail
    assert '<div class="kern-body formatted" lang="de"><p>Wir laden ein.</p>' in detail


def test_the_english_dates_pages_show_english_versions_without_lang_de(client, process):
    event = _event(process, title_en="Company workshop", description_en="You are invited.")

    listing = main_of(client.get("/en/termine/"))
    detail = main_of(client.get(f"/en/termine/{event.uid}/"))

    assert ">Company workshop</a>" in listing
    assert 'lang="de"' not in listing
    assert '<h1 class="kern-heading-x-large">Company workshop</h1>' in detail
    assert '<div class="kern-body formatted"><p>You are invited.</p>' in detail
    assert 'lang="de"' not in detail
    assert NOTE not in detail


def test_the_english_process_page_marks_german_phases_and_description(client, process):
    process.description = "Die **Strategie** für den Landkreis."
    process.save()

    main = main_of(client.get(f"/en/prozesse/{process.slug}/"))

    assert '<h1 class="kern-heading-x-large"><span lang="de">Zukunftsstrategie Test</span></h1>' in main
    assert '<span lang="de">Analysephase</span>' in main
    assert '<div class="kern-body formatted" lang="de"><p>Die <strong>Strategie</strong>' in main
    assert main.count(NOTE) == 1


def test_the_english_process_page_shows_the_english_versions_without_lang_de(client, process):
    _translate_process(process)
    process.description = "Die Strategie."
    process.description_en = "The strategy."
    process.save()

    main = main_of(client.get(f"/en/prozesse/{process.slug}/"))

    assert '<h1 class="kern-heading-x-large">Future strategy test</h1>' in main
    assert '<div class="kern-body formatted"><p>The strategy.</p>' in main
    assert 'lang="de"' not in main
    assert NOTE not in main


def test_the_english_boards_page_marks_german_board_texts_and_member_functions(client, process):
    board = Board.objects.create(process=process, name="Lenkungskreis", description="Er **beschließt**.")
    BoardMember.objects.create(
        board=board, name="Erika Muster", function="Vorsitz", name_is_public=True, name_consent_on=dt.date(2026, 9, 1)
    )

    main = main_of(client.get("/en/gremien/"))

    assert f'id="board-{board.pk}"><span lang="de">Lenkungskreis</span></h2>' in main
    assert '<div class="kern-body formatted" lang="de"><p>Er <strong>beschließt</strong>.</p>' in main
    assert 'Members of <span lang="de">Lenkungskreis</span>' in main
    assert '<td class="kern-table__cell"><span lang="de">Vorsitz</span></td>' in main
    assert main.count(NOTE) == 1


def test_the_english_boards_page_shows_english_board_texts_without_lang_de(client, process):
    board = Board.objects.create(
        process=process,
        name="Lenkungskreis",
        name_en="Steering committee",
        description="Er beschließt.",
        description_en="It decides.",
    )

    main = main_of(client.get("/en/gremien/"))

    assert f'id="board-{board.pk}">Steering committee</h2>' in main
    assert '<div class="kern-body formatted"><p>It decides.</p>' in main
    assert 'lang="de"' not in main
    assert NOTE not in main


def test_the_english_privacy_notice_is_marked_german(client, db):
    main = main_of(client.get("/en/datenschutz/"))

    assert '<h1 class="kern-heading-x-large"><span lang="de">Datenschutz' in main
    assert '<div class="kern-body formatted" lang="de">' in main
    assert main.count(NOTE) == 1


def test_the_german_privacy_notice_is_not_marked(client, db):
    main = main_of(client.get("/datenschutz/"))

    assert '<div class="kern-body formatted">' in main
    assert '<span lang="de">' not in main
    assert GERMAN_NOTE not in main


def test_a_page_without_editorial_content_has_no_note(client, db):
    main = main_of(client.get("/en/barriere-melden/"))

    assert NOTE not in main


def test_the_english_actors_page_marks_german_organisation_descriptions(client, process):
    Organisation.objects.create(
        process=process,
        name="IHK Region Stuttgart",
        type=OrganisationType.CHAMBER,
        is_public=True,
        description="Kammer der Industrie- und Handelsunternehmen.",
    )

    main = main_of(client.get("/en/akteure/"))

    assert '<span lang="de">Kammer der Industrie- und Handelsunternehmen.</span>' in main
    assert main.count(NOTE) == 1


def test_the_english_process_list_marks_german_titles_and_shows_english_ones(client, process, regions):
    StrategyProcess.objects.create(
        slug="zweiter-prozess",
        title="Zweiter Prozess",
        title_en="Second process",
        short_description="Kurz.",
        short_description_en="Short.",
        region=regions["08118"],
        agency_name="WF",
        is_public=True,
    )

    main = main_of(client.get("/en/prozesse/"))

    assert '<span lang="de">Zukunftsstrategie Test</span></a>' in main
    assert '">Second process</a>' in main
    assert '<p class="kern-body">Short.</p>' in main
    assert main.count(NOTE) == 1
