"""The public news: only what is published, newest first, paginated, safe formatted text."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from standortkompass.processes.models import NewsItem, StrategyProcess


def _news(process: StrategyProcess, title: str, *, published: dt.datetime | None, **fields: object) -> NewsItem:
    return NewsItem.objects.create(
        process=process,
        title=title,
        slug=fields.pop("slug", title.lower().replace(" ", "-")),
        teaser=fields.pop("teaser", f"Anreißer: {title}"),
        body=fields.pop("body", "Der Text."),
        published_at=published,
        **fields,
    )


def _days_ago(days: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


def test_news_page_lists_published_news_newest_first(client, process):
    _news(process, "Befragung gestartet", published=_days_ago(5))
    _news(process, "Ergebnisse der Analyse", published=_days_ago(1))

    html = client.get("/aktuelles/").content.decode()

    assert html.index("Ergebnisse der Analyse") < html.index("Befragung gestartet")
    assert "Anreißer: Ergebnisse der Analyse" in html


def test_drafts_and_scheduled_news_never_appear(client, process):
    draft = _news(process, "Entwurf einer Meldung", published=None)
    scheduled = _news(process, "Geplante Meldung", published=timezone.now() + dt.timedelta(days=2))

    for url in ["/", "/aktuelles/", "/en/aktuelles/", "/aktuelles/feed/"]:
        content = client.get(url).content.decode()
        assert "Entwurf einer Meldung" not in content, url
        assert "Geplante Meldung" not in content, url
    for item in (draft, scheduled):
        assert client.get(f"/aktuelles/{item.pk}/{item.slug}/").status_code == 404


def test_news_of_a_process_that_is_not_public_never_appear(client, process, regions):
    hidden = StrategyProcess.objects.create(
        slug="intern", title="Intern", region=regions["08118"], short_description="-", agency_name="WF"
    )
    item = _news(hidden, "Interne Meldung", published=_days_ago(1))

    assert "Interne Meldung" not in client.get("/aktuelles/").content.decode()
    assert client.get(f"/aktuelles/{item.pk}/{item.slug}/").status_code == 404


def test_news_page_is_paginated_twenty_per_page(client, process):
    for number in range(23):
        _news(process, f"Meldung {number:02d}", published=_days_ago(number + 1))

    first = client.get("/aktuelles/").content.decode()
    second = client.get("/aktuelles/", {"seite": "2"}).content.decode()

    assert first.count('class="kern-heading-small"') == 20
    assert second.count('class="kern-heading-small"') == 3
    assert "Meldung 00" in first
    assert "Meldung 22" in second
    assert 'href="?seite=2"' in first


def test_news_detail_shows_text_author_and_date(client, process):
    item = _news(
        process,
        "Sounding Board berät",
        slug="sounding-board-beraet",
        published=timezone.make_aware(dt.datetime(2026, 3, 2, 9, 30)),
        body="Das Gremium hat **drei Handlungsfelder** empfohlen.",
        author_name="Redaktion Wirtschaftsförderung",
    )

    html = client.get(f"/aktuelles/{item.pk}/{item.slug}/").content.decode()

    assert "<strong>drei Handlungsfelder</strong>" in html
    assert "Redaktion Wirtschaftsförderung" in html
    assert 'datetime="2026-03-02T09:30:00+01:00"' in html


def test_news_detail_removes_scripts_and_dangerous_links_from_the_text(client, process):
    item = _news(
        process,
        "Gefährlicher Text",
        published=_days_ago(1),
        body='Hallo <script>alert("x")</script> [Klick](javascript:alert(1)) <img src=x onerror=alert(1)>',
    )

    html = client.get(f"/aktuelles/{item.pk}/{item.slug}/").content.decode()

    assert "<script>alert" not in html
    assert "javascript:" not in html
    assert "onerror" not in html


def test_news_detail_with_an_outdated_slug_redirects_to_the_current_address(client, process):
    item = _news(process, "Neuer Titel", published=_days_ago(1), slug="neuer-titel")

    response = client.get(f"/aktuelles/{item.pk}/alter-titel/")

    assert response.status_code == 301
    assert response["Location"] == f"/aktuelles/{item.pk}/neuer-titel/"
