"""News items (Aktuelles) in the management area: drafts, publishing now or later, slugs, search."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from standortkompass.accounts.models import User
from standortkompass.audit.models import AuditEntry
from standortkompass.processes.models import NewsItem, StrategyProcess
from standortkompass.processes.services.news import news_slug


def news_form(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "title": "Start der Unternehmensbefragung",
        "teaser": "Ab heute können Unternehmen teilnehmen.",
        "body": "## Worum es geht\n\nDie Befragung läuft vier Wochen.",
        "publication": "draft",
        "published_at": "",
        "author": "",
        "author_name": "",
    }
    data.update(overrides)
    return data


def test_a_new_item_is_a_draft_by_the_current_user_with_a_slug_from_its_title(
    process: StrategyProcess, users: dict[str, User], client_for: Callable[[str], Client]
) -> None:
    client = client_for("editor")
    form_page = client.get(reverse("manage:news_create", args=[process.pk])).content.decode()
    assert f'<option value="{users["editor"].pk}" selected>' in form_page
    response = client.post(reverse("manage:news_create", args=[process.pk]), news_form(author=users["editor"].pk))
    assert response.status_code == 302
    item = NewsItem.objects.get()
    assert item.published_at is None
    assert item.author == users["editor"]
    assert item.slug == "start-der-unternehmensbefragung"
    assert AuditEntry.objects.get(action="news.create").changes["slug"] == ["", "start-der-unternehmensbefragung"]
    assert "Start der Unternehmensbefragung" not in Client().get(reverse("public:news")).content.decode()


def test_publish_now_puts_the_item_on_the_public_news_page(
    process: StrategyProcess, client_for: Callable[[str], Client]
) -> None:
    client_for("editor").post(reverse("manage:news_create", args=[process.pk]), news_form(publication="now"))
    item = NewsItem.objects.get()
    assert item.published_at is not None
    assert abs(item.published_at - timezone.now()) < dt.timedelta(minutes=1)
    assert "Start der Unternehmensbefragung" in Client().get(reverse("public:news")).content.decode()


def test_a_scheduled_item_appears_only_from_its_date(
    process: StrategyProcess, client_for: Callable[[str], Client]
) -> None:
    client = client_for("admin")
    client.post(
        reverse("manage:news_create", args=[process.pk]),
        news_form(publication="scheduled", published_at="2099-01-01T08:00"),
    )
    item = NewsItem.objects.get()
    assert item.published_at == dt.datetime(2099, 1, 1, 7, 0, tzinfo=dt.UTC)
    assert "Start der Unternehmensbefragung" not in Client().get(reverse("public:news")).content.decode()
    listing = client.get(reverse("manage:news", args=[process.pk])).content.decode()
    assert "Geplant" in listing


def test_scheduling_without_a_date_is_refused_next_to_the_date_field(
    process: StrategyProcess, client_for: Callable[[str], Client]
) -> None:
    response = client_for("admin").post(
        reverse("manage:news_create", args=[process.pk]), news_form(publication="scheduled")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_published_at-error"' in html
    assert "Geben Sie das Datum ein, ab dem die Meldung veröffentlicht ist." in html
    assert not NewsItem.objects.exists()


def test_missing_title_and_teaser_are_shown_next_to_their_fields(
    process: StrategyProcess, client_for: Callable[[str], Client]
) -> None:
    response = client_for("admin").post(
        reverse("manage:news_create", args=[process.pk]), news_form(title="", teaser="")
    )
    html = response.content.decode()
    assert 'id="id_title-error"' in html
    assert 'id="id_teaser-error"' in html
    assert "error-summary" in html


def test_slugs_are_unique_within_a_process_and_spell_umlauts_out(process: StrategyProcess) -> None:
    NewsItem.objects.create(process=process, title="Über uns", slug="ueber-uns", teaser="t", body="b")
    assert news_slug(process=process, title="Über uns") == "ueber-uns-2"
    assert news_slug(process=process, title="Größe & Straße") == "groesse-strasse"
    assert news_slug(process=process, title="!!!") == "beitrag"


def test_two_items_with_the_same_title_get_numbered_slugs(
    process: StrategyProcess, client_for: Callable[[str], Client]
) -> None:
    client = client_for("editor")
    client.post(reverse("manage:news_create", args=[process.pk]), news_form())
    client.post(reverse("manage:news_create", args=[process.pk]), news_form())
    assert sorted(NewsItem.objects.values_list("slug", flat=True)) == [
        "start-der-unternehmensbefragung",
        "start-der-unternehmensbefragung-2",
    ]


def test_a_draft_follows_its_new_title_but_a_published_item_keeps_its_address(
    process: StrategyProcess, client_for: Callable[[str], Client]
) -> None:
    client = client_for("editor")
    client.post(reverse("manage:news_create", args=[process.pk]), news_form())
    item = NewsItem.objects.get()
    client.post(reverse("manage:news_edit", args=[process.pk, item.pk]), news_form(title="Neuer Titel"))
    item.refresh_from_db()
    assert item.slug == "neuer-titel"
    client.post(
        reverse("manage:news_edit", args=[process.pk, item.pk]), news_form(title="Neuer Titel", publication="now")
    )
    client.post(
        reverse("manage:news_edit", args=[process.pk, item.pk]),
        news_form(title="Ganz anders", publication="scheduled", published_at="2026-01-01T10:00"),
    )
    item.refresh_from_db()
    assert item.title == "Ganz anders"
    assert item.slug == "neuer-titel"
    assert AuditEntry.objects.filter(action="news.update").count() == 3


def test_the_edit_form_of_a_published_item_keeps_its_date_preselected(
    process: StrategyProcess, client_for: Callable[[str], Client]
) -> None:
    item = NewsItem.objects.create(
        process=process,
        title="Alt",
        slug="alt",
        teaser="t",
        body="b",
        published_at=dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC),
    )
    response = client_for("admin").get(reverse("manage:news_edit", args=[process.pk, item.pk]))
    assert 'value="2026-03-02T10:30"' in response.content.decode()
    assert response.context["form"]["publication"].value() == "scheduled"


def test_news_list_searches_and_pages(process: StrategyProcess, client_for: Callable[[str], Client]) -> None:
    for number in range(23):
        NewsItem.objects.create(
            process=process, title=f"Meldung {number}", slug=f"meldung-{number}", teaser="Kurz", body="Lang"
        )
    NewsItem.objects.create(process=process, title="Workshop-Bericht", slug="bericht", teaser="Rückblick", body="x")
    client = client_for("editor")
    url = reverse("manage:news", args=[process.pk])
    assert len(client.get(url).context["page"].object_list) == 20
    assert len(client.get(url, {"seite": 2}).context["page"].object_list) == 4
    found = client.get(url, {"q": "rückblick"}).context["page"].object_list
    assert [item.title for item in found] == ["Workshop-Bericht"]
    assert "q=Meldung&amp;seite=2" in client.get(url, {"q": "Meldung"}).content.decode()


def test_deleting_a_news_item_asks_first(process: StrategyProcess, client_for: Callable[[str], Client]) -> None:
    item = NewsItem.objects.create(process=process, title="Weg", slug="weg", teaser="t", body="b")
    client = client_for("admin")
    url = reverse("manage:news_delete", args=[process.pk, item.pk])
    assert client.get(url).status_code == 200
    assert NewsItem.objects.exists()
    client.post(url)
    assert not NewsItem.objects.exists()
    assert AuditEntry.objects.filter(action="news.delete", object_repr="Weg").exists()
