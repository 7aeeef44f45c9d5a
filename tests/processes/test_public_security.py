"""Security and privacy of the public site: headers, no cookies for readers, no third parties."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.utils import timezone

from standortkompass.processes.models import Board, Event, NewsItem, Organisation, OrganisationType, SitePage


@pytest.fixture
def public_site(process):
    """One of everything the public site shows."""
    event = Event.objects.create(process=process, title="Workshop", start=timezone.now() + dt.timedelta(days=3))
    news = NewsItem.objects.create(
        process=process,
        title="Meldung",
        slug="meldung",
        teaser="Kurz",
        body="Lang",
        published_at=timezone.now() - dt.timedelta(days=1),
    )
    Organisation.objects.create(
        process=process, name="IHK", type=OrganisationType.CHAMBER, is_public=True, website="https://ihk.example.org"
    )
    Board.objects.create(process=process, name="Sounding Board")
    for slug in SitePage.SLUGS:
        SitePage.objects.create(slug=slug, title=slug.title(), body="Text")
    return {"event": event, "news": news, "process": process}


def _reading_pages(site: dict) -> list[str]:
    event, news, process = site["event"], site["news"], site["process"]
    pages = [
        "/",
        "/termine/",
        f"/termine/{event.uid}/",
        "/aktuelles/",
        f"/aktuelles/{news.pk}/{news.slug}/",
        "/akteure/",
        "/gremien/",
        "/prozesse/",
        f"/prozesse/{process.slug}/",
        *[f"/{slug}/" for slug in SitePage.SLUGS],
    ]
    return pages + [f"/en{page}" for page in pages]


def _all_responses(client, site: dict) -> list[tuple[str, object]]:
    urls = [
        *_reading_pages(site),
        "/barriere-melden/",
        "/termine.ics",
        f"/termine/{site['event'].uid}.ics",
        "/aktuelles/feed/",
        "/healthz",
        "/gibt-es-nicht/",
    ]
    return [(url, client.get(url)) for url in urls]


def test_every_public_response_carries_a_strict_content_security_policy(client, public_site):
    for url, response in _all_responses(client, public_site):
        policy = response.headers.get("Content-Security-Policy", "")
        assert policy, url
        assert "'unsafe-inline'" not in policy, url
        assert "'unsafe-eval'" not in policy, url
        assert "frame-ancestors 'none'" in policy, url
        assert "default-src 'self'" in policy, url
        assert "script-src 'self'" in policy, url


def test_every_public_response_carries_the_other_security_headers(client, public_site):
    for url, response in _all_responses(client, public_site):
        assert response.headers.get("X-Content-Type-Options") == "nosniff", url
        assert response.headers.get("Referrer-Policy") == "same-origin", url
        assert response.headers.get("X-Frame-Options") == "DENY", url


def test_reading_public_pages_sets_no_cookie(client, public_site):
    for url in [*_reading_pages(public_site), "/termine.ics", "/aktuelles/feed/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, f"{url} set {list(response.cookies)}"


def test_filtering_and_paging_dates_sets_no_cookie(client, public_site):
    assert not client.get("/termine/", {"art": "workshop", "seite": "2"}).cookies


def test_a_form_page_may_set_only_the_csrf_cookie(client, public_site):
    response = client.get("/barriere-melden/")

    assert set(response.cookies) <= {settings.CSRF_COOKIE_NAME}


class _ResourceCollector(HTMLParser):
    """Collects the addresses that a browser loads or follows from link, script and img elements."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"link", "script", "img", "source", "video", "audio", "iframe"}:
            self.urls += [value for name, value in attrs if name in {"src", "href", "srcset"} and value]


def test_no_page_loads_anything_from_a_third_party_host(client, public_site):
    own_host = urlparse(settings.SITE_URL).netloc
    for url in [*_reading_pages(public_site), "/barriere-melden/"]:
        collector = _ResourceCollector()
        collector.feed(client.get(url).content.decode())
        assert collector.urls, url
        for address in collector.urls:
            parsed = urlparse(address)
            assert not parsed.netloc or parsed.netloc == own_host, f"{url} loads {address}"


def test_pages_do_not_contain_inline_scripts_styles_or_event_handlers(client, public_site):
    for url in [*_reading_pages(public_site), "/barriere-melden/"]:
        html = client.get(url).content.decode()
        assert "<script>" not in html, url
        assert "<style" not in html, url
        assert " style=" not in html, url
        assert " onclick=" not in html, url


def test_readers_get_no_script_that_writes_to_browser_storage(client, public_site):
    for url in _reading_pages(public_site):
        assert "htmx" not in client.get(url).content.decode(), url
