"""The English pages of the management area mark German-only texts of the process lang="de", like the public site.

They show the English version of a text where there is one; the forms always show both (test_manage_english_versions).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from standortkompass.processes.models import Board, Event, NewsItem, StrategyProcess, Visibility

NOTE = "Some content on this page is only available in German."


def english(name: str, *args: object) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


def main_of(client: Client, address: str) -> str:
    response = client.get(address)
    assert response.status_code == 200, address
    html = unescape(response.content.decode())
    return html[html.index("<main") : html.index("</main>")]


@pytest.fixture
def content(process: StrategyProcess) -> dict[str, object]:
    start = timezone.now() + dt.timedelta(days=5)
    return {
        "news": NewsItem.objects.create(
            process=process, title="Befragung gestartet", slug="befragung", teaser="t", body="b", published_at=None
        ),
        "event": Event.objects.create(
            process=process, title="Unternehmensworkshop", start=start, description="Mit Imbiss."
        ),
        "board_event": Event.objects.create(
            process=process, title="Lenkungskreissitzung", start=start, visibility=Visibility.BOARD
        ),
        "board": Board.objects.create(process=process, name="Lenkungskreis", description="Beschließt."),
    }


@pytest.mark.parametrize(
    ("name", "german"),
    [
        ("manage:overview", "Zukunftsstrategie Test"),
        ("manage:news", "Befragung gestartet"),
        ("manage:events", "Unternehmensworkshop"),
        ("manage:phases", "Strategiewerkstatt"),
        ("manage:boards", "Lenkungskreis"),
    ],
)
def test_english_management_pages_mark_german_texts_and_say_so_once(
    process: StrategyProcess, content, client_for: Callable[[str], Client], name: str, german: str
) -> None:
    main = main_of(client_for("editor"), english(name, process.pk))

    assert f'<span lang="de">{german}</span>' in main
    assert '<span lang="de">Zukunftsstrategie Test</span>' in main  # the process named above every page
    assert main.count(NOTE) == 1


def test_the_english_board_page_marks_the_german_name_and_description(
    process: StrategyProcess, content, client_for: Callable[[str], Client]
) -> None:
    board = content["board"]

    main = main_of(client_for("editor"), english("manage:board", process.pk, board.pk))

    assert '<h1 class="kern-heading-x-large"><span lang="de">Lenkungskreis</span></h1>' in main
    assert '<div class="kern-body formatted" lang="de"><p>Beschließt.</p>' in main


def test_board_members_see_german_board_dates_marked_on_the_english_page(
    process: StrategyProcess, content, client_for: Callable[[str], Client]
) -> None:
    main = main_of(client_for("board"), english("manage:board_events", process.pk))

    assert '<h3 class="kern-heading-small"><span lang="de">Lenkungskreissitzung</span></h3>' in main
    assert main.count(NOTE) == 1


def test_my_area_and_my_account_mark_a_german_process_title_on_english_pages(
    process: StrategyProcess, client_for: Callable[[str], Client]
) -> None:
    client = client_for("partner")

    assert '<span lang="de">Zukunftsstrategie Test</span>' in main_of(client, english("manage:home"))
    assert '<span lang="de">Zukunftsstrategie Test</span>' in main_of(client, english("accounts:account"))


def test_english_management_pages_show_english_versions_unmarked(
    process: StrategyProcess, content, client_for: Callable[[str], Client]
) -> None:
    process.title_en = "Future strategy test"
    process.save()
    news = content["news"]
    news.title_en = "Survey started"
    news.save()

    main = main_of(client_for("editor"), english("manage:news", process.pk))

    assert ">Survey started</a>" in main
    assert "Future strategy test" in main
    assert 'lang="de"' not in main
    assert NOTE not in main


def test_german_management_pages_are_not_marked(
    process: StrategyProcess, content, client_for: Callable[[str], Client]
) -> None:
    main = main_of(client_for("editor"), reverse("manage:overview", args=[process.pk]))

    assert '<h1 class="kern-heading-x-large">Zukunftsstrategie Test</h1>' in main
    assert 'lang="de"' not in main
