"""The default texts of the site pages and ``site_pages_ensure_defaults``."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import resolve

from standortkompass.core.templatetags.formatting import render_formatted
from standortkompass.processes.models import SitePage
from standortkompass.processes.services.pages import site_pages_ensure_defaults
from standortkompass.processes.site_texts import DEFAULT_PAGES, LIMITATIONS_MARKER, accessibility_statement

BODIES = {page.slug: page.body for page in DEFAULT_PAGES}
# As the public site shows them: the statement with its status and known limitations put in.
SHOWN = {slug: accessibility_statement(body) if slug == "barrierefreiheit" else body for slug, body in BODIES.items()}


def test_there_is_a_default_text_for_every_site_page() -> None:
    assert [page.slug for page in DEFAULT_PAGES] == list(SitePage.SLUGS)
    assert all(body.strip() for body in BODIES.values())


def test_site_pages_ensure_defaults_creates_every_missing_page(db: None) -> None:
    created = site_pages_ensure_defaults()

    assert sorted(page.slug for page in created) == sorted(SitePage.SLUGS)
    assert SitePage.objects.get(slug="gebaerdensprache").title == "Informationen in Deutscher Gebärdensprache"


def test_site_pages_ensure_defaults_does_not_overwrite_an_edited_page(db: None) -> None:
    site_pages_ensure_defaults()
    SitePage.objects.filter(slug="impressum").update(title="Impressum", body="Von der Administration geschrieben.")
    SitePage.objects.filter(slug="datenschutz").delete()

    created = site_pages_ensure_defaults()

    assert [page.slug for page in created] == ["datenschutz"]
    assert SitePage.objects.get(slug="impressum").body == "Von der Administration geschrieben."
    assert SitePage.objects.count() == len(SitePage.SLUGS)


def test_running_site_pages_ensure_defaults_again_creates_nothing(db: None) -> None:
    site_pages_ensure_defaults()

    assert site_pages_ensure_defaults() == []


@pytest.mark.parametrize("slug", SitePage.SLUGS)
def test_default_texts_start_their_headings_below_the_page_title(slug: str) -> None:
    html = render_formatted(SHOWN[slug])

    assert "<h1" not in html
    levels = [int(level) for level in re.findall(r"<h([2-4])", html)]
    assert all(later - earlier <= 1 for earlier, later in zip([1, *levels], levels, strict=False))


@pytest.mark.parametrize("slug", SitePage.SLUGS)
def test_links_inside_the_default_texts_lead_to_pages_of_the_site_or_https(slug: str) -> None:
    for href in re.findall(r'href="([^"]+)"', render_formatted(SHOWN[slug])):
        if href.startswith("/"):
            resolve(href)
        else:
            assert href.startswith("https://")


def test_the_accessibility_statement_follows_the_model_statement_of_baden_wuerttemberg() -> None:
    assert LIMITATIONS_MARKER in BODIES["barrierefreiheit"]
    body = accessibility_statement(BODIES["barrierefreiheit"])
    for heading in (
        "## Stand der Vereinbarkeit mit den Anforderungen",
        "## Nicht barrierefreie Inhalte",
        "## Erstellung dieser Erklärung zur Barrierefreiheit",
        "## Rückmeldung und Kontaktangaben",
        "## Schlichtungsverfahren",
    ):
        assert heading in body
    assert "**teilweise**" in body
    assert "Gebärdensprache" in body
    assert "axe-core" in body
    assert "(/barriere-melden/)" in body
    assert "§\N{NO-BREAK SPACE}10b L-BGG" in body


def test_the_privacy_statement_covers_cookies_rights_and_the_supervisory_authority() -> None:
    body = BODIES["datenschutz"]

    for name in ("csrftoken", "sessionid", "sk_language"):
        assert f"`{name}`" in body
    for article in range(15, 22):
        assert f"Artikel {article} DSGVO" in body
    assert "Landesbeauftragte für den Datenschutz und die Informationsfreiheit Baden-Württemberg" in body
    assert "Einwilligung" in body


def test_the_imprint_marks_what_administration_must_fill_in() -> None:
    assert "[Anschrift der Wirtschaftsförderung eintragen]" in BODIES["impressum"]


def test_the_easy_language_text_uses_no_abbreviations() -> None:
    text = BODIES["leichte-sprache"]

    for abbreviation in ("z. B.", "z.B.", "bzw.", "usw.", "ca.", "d. h.", "ggf.", "Nr.", "L-BGG", "DSGVO"):
        assert abbreviation not in text


@pytest.mark.parametrize("slug", SitePage.SLUGS)
def test_each_default_page_is_served_on_the_public_site(db: None, slug: str) -> None:
    site_pages_ensure_defaults()

    response = Client().get(f"/{slug}/")

    assert response.status_code == 200
    assert response.cookies == {}


@pytest.mark.parametrize("slug", SitePage.SLUGS)
def test_paragraph_signs_stay_on_one_line_with_their_number(slug: str) -> None:
    assert "§ " not in BODIES[slug]
    assert "§\n" not in BODIES[slug]
