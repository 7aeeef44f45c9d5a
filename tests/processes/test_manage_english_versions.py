"""Redaktion enters English versions of process, phase, news, date and board texts next to the German ones.

Each translatable field has a second, optional field "… – Englische Fassung (optional)"; what is entered
there is saved, audited and shown on the English pages; left empty, the English pages show the German text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from standortkompass.audit.models import AuditEntry
from standortkompass.processes.models import Board, Event, NewsItem, StrategyProcess


def test_the_news_form_has_an_optional_english_version_after_each_german_text(
    process: StrategyProcess, client_for: Callable[[str], Client]
) -> None:
    html = client_for("editor").get(reverse("manage:news_create", args=[process.pk])).content.decode()

    assert "Titel – Englische Fassung (optional)" in html
    assert "Anreißer – Englische Fassung (optional)" in html
    assert "Text – Englische Fassung (optional)" in html
    assert html.index('name="title"') < html.index('name="title_en"') < html.index('name="teaser"')
    assert html.index('name="body"') < html.index('name="body_en"')
    english_title = re.search(r'<input [^>]*name="title_en"[^>]*>', html)
    assert english_title is not None
    assert 'maxlength="200"' in english_title.group()
    assert "required" not in english_title.group()
    assert "Erscheint auf den englischen Seiten; leer gelassen, zeigen sie den deutschen Text." in html
    assert "Formatierter Text (Markdown). Erscheint auf den englischen Seiten" in html


def test_an_english_version_of_a_news_item_is_saved_audited_and_shown_on_the_english_page(
    process: StrategyProcess, client_for: Callable[[str], Client]
) -> None:
    response = client_for("editor").post(
        reverse("manage:news_create", args=[process.pk]),
        {
            "title": "Start der Befragung",
            "title_en": "The survey starts",
            "teaser": "Ab heute.",
            "teaser_en": "From today.",
            "body": "Die Befragung läuft.",
            "body_en": "The survey is open.",
            "publication": "now",
            "published_at": "",
            "author": "",
            "author_name": "",
        },
    )

    assert response.status_code == 302
    item = NewsItem.objects.get()
    assert (item.title_en, item.teaser_en, item.body_en) == ("The survey starts", "From today.", "The survey is open.")
    assert AuditEntry.objects.get(action="news.create").changes["title_en"] == ["", "The survey starts"]
    english = Client().get(f"/en/aktuelles/{item.pk}/{item.slug}/").content.decode()
    assert '<h1 class="kern-heading-x-large">The survey starts</h1>' in english
    german = Client().get(f"/aktuelles/{item.pk}/{item.slug}/").content.decode()
    assert '<h1 class="kern-heading-x-large">Start der Befragung</h1>' in german


def test_a_too_long_english_title_is_refused_next_to_its_field(
    process: StrategyProcess, client_for: Callable[[str], Client]
) -> None:
    response = client_for("editor").post(
        reverse("manage:news_create", args=[process.pk]),
        {"title": "Titel", "title_en": "x" * 201, "teaser": "t", "body": "b", "publication": "draft"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_title_en-error"' in html
    assert "höchstens 200 Zeichen" in html
    assert not NewsItem.objects.exists()


def test_the_english_version_of_a_news_item_can_be_emptied_again(
    process: StrategyProcess, client_for: Callable[[str], Client]
) -> None:
    item = NewsItem.objects.create(process=process, title="Titel", title_en="Title", slug="titel", teaser="t", body="b")

    client_for("editor").post(
        reverse("manage:news_edit", args=[process.pk, item.pk]),
        {"title": "Titel", "title_en": "", "teaser": "t", "body": "b", "publication": "draft"},
    )

    item.refresh_from_db()
    assert item.title_en == ""


def test_redaktion_enters_english_versions_of_a_phase(
    process: StrategyProcess, client_for: Callable[[str], Client]
) -> None:
    phase = process.phases.get(name="Analysephase")
    client = client_for("editor")
    form = client.get(reverse("manage:phase_edit", args=[process.pk, phase.pk])).content.decode()
    assert "Name – Englische Fassung (optional)" in form
    assert "Beschreibung – Englische Fassung (optional)" in form

    response = client.post(
        reverse("manage:phase_edit", args=[process.pk, phase.pk]),
        {
            "name": "Analysephase",
            "name_en": "Analysis",
            "description": "Daten und Befragung.",
            "description_en": "Data and survey.",
            "start_date": "2026-09-01",
            "end_date": "2026-11-29",
            "state": "active",
        },
    )

    assert response.status_code == 302
    phase.refresh_from_db()
    assert (phase.name_en, phase.description_en) == ("Analysis", "Data and survey.")
    assert '<h3 class="kern-heading-small">Analysis</h3>' in Client().get("/en/").content.decode()


def test_redaktion_enters_english_versions_of_a_date(
    process: StrategyProcess, client_for: Callable[[str], Client]
) -> None:
    client = client_for("editor")
    form = client.get(reverse("manage:event_create", args=[process.pk])).content.decode()
    assert "Titel – Englische Fassung (optional)" in form

    response = client.post(
        reverse("manage:event_create", args=[process.pk]),
        {
            "title": "Unternehmensworkshop",
            "title_en": "Company workshop",
            "kind": "workshop",
            "start": "2030-10-05T18:00",
            "end": "",
            "location": "Ludwigsburg",
            "online_url": "",
            "description": "Mit Imbiss.",
            "description_en": "With snacks.",
            "phase": "",
            "visibility": "public",
            "registration_url": "",
        },
    )

    assert response.status_code == 302
    event = Event.objects.get()
    assert (event.title_en, event.description_en) == ("Company workshop", "With snacks.")
    assert ">Company workshop</a>" in Client().get("/en/termine/").content.decode()


def test_redaktion_enters_english_versions_of_a_board(
    process: StrategyProcess, client_for: Callable[[str], Client]
) -> None:
    response = client_for("editor").post(
        reverse("manage:board_create", args=[process.pk]),
        {
            "name": "Lenkungskreis",
            "name_en": "Steering committee",
            "kind": "steering_committee",
            "description": "Beschließt.",
            "description_en": "Decides.",
            "is_public": "on",
            "order": "1",
        },
    )

    assert response.status_code == 302
    board = Board.objects.get()
    assert (board.name_en, board.description_en) == ("Steering committee", "Decides.")
    assert f'id="board-{board.pk}">Steering committee</h2>' in Client().get("/en/gremien/").content.decode()


def test_administration_enters_english_versions_of_the_process(
    process: StrategyProcess, client_for: Callable[[str], Client]
) -> None:
    client = client_for("admin")
    form = client.get(reverse("manage:process_edit", args=[process.pk])).content.decode()
    assert "Kurzbeschreibung – Englische Fassung (optional)" in form

    response = client.post(
        reverse("manage:process_edit", args=[process.pk]),
        {
            "title": process.title,
            "title_en": "Future strategy",
            "short_description": process.short_description,
            "short_description_en": "A process for the tests.",
            "description": "",
            "description_en": "",
            "status": "running",
            "is_public": "on",
            "agency_name": process.agency_name,
            "contact_email": "",
            "contact_phone": "",
        },
    )

    assert response.status_code == 302
    process.refresh_from_db()
    assert (process.title_en, process.short_description_en) == ("Future strategy", "A process for the tests.")
    entry = AuditEntry.objects.get(action="process.update")
    assert entry.changes["title_en"] == ["", "Future strategy"]
    assert '<h1 class="kern-heading-x-large">Future strategy</h1>' in Client().get("/en/").content.decode()
