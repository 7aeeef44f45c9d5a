"""axe-core finds no serious or critical violation on any public page type."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

PAGES = {
    "home": "/",
    "events": "/termine/",
    "event": "/termine/{event}/",
    "news": "/aktuelles/",
    "news-item": "/aktuelles/{news}/",
    "actors": "/akteure/",
    "boards": "/gremien/",
    "processes": "/prozesse/",
    "process": "/prozesse/{process}/",
    "imprint": "/impressum/",
    "privacy": "/datenschutz/",
    "accessibility-statement": "/barrierefreiheit/",
    "easy-language": "/leichte-sprache/",
    "sign-language": "/gebaerdensprache/",
    "feedback": "/barriere-melden/",
    "login": "/konto/anmelden/",
    "home-english": "/en/",
    "events-english": "/en/termine/",
}


def _address(template: str, site) -> str:
    return template.format(
        event=site.next_event.uid,
        news=f"{site.news.pk}/{site.news.slug}",
        process=site.process.slug,
    )


@pytest.mark.parametrize("name", PAGES)
def test_public_page_has_no_serious_accessibility_violation(page, public_site, axe_check, screenshot, name):
    response = page.goto(_address(PAGES[name], public_site))

    assert response is not None
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    screenshot(page, f"a11y-{name}")
    axe_check(page)


def test_feedback_form_with_a_validation_error_has_no_serious_accessibility_violation(
    page, public_site, axe_check, screenshot
):
    page.goto("/barriere-melden/")
    page.get_by_label("Ihre E-Mail-Adresse für unsere Antwort").fill("keine-adresse")
    page.get_by_role("button", name="Nachricht senden").click()

    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.get_by_label("Was hat für Sie nicht funktioniert?")).to_have_attribute("aria-invalid", "true")
    screenshot(page, "a11y-feedback-error")
    axe_check(page)


def test_error_summary_links_lead_to_the_fields(page, public_site):
    page.goto("/barriere-melden/")
    page.get_by_role("button", name="Nachricht senden").click()

    page.locator("#error-summary").get_by_role("link").first.click()

    expect(page.get_by_label("Was hat für Sie nicht funktioniert?")).to_be_focused()


def test_a_reader_can_send_accessibility_feedback(page, public_site, axe_check):
    page.goto("/termine/")
    page.get_by_role("link", name="Barriere melden").click()

    expect(page.get_by_label("Betroffene Seite")).to_have_value("/termine/")
    message = page.get_by_label("Was hat für Sie nicht funktioniert?")
    message.fill("Der Filter ist mit dem Screenreader schwer zu finden.")
    page.get_by_role("button", name="Nachricht senden").click()

    thanks = "Vielen Dank. Ihre Nachricht ist bei der Administration dieser Website angekommen."
    expect(page.get_by_text(thanks)).to_be_visible()
    axe_check(page)


@pytest.mark.parametrize(("name", "address"), [("not-found", "/gibt-es-nicht/"), ("not-found-english", "/en/nope/")])
def test_an_error_page_is_a_page_of_the_site_without_accessibility_violations(
    page, public_site, axe_check, screenshot, console_errors, name, address
):
    response = page.goto(address)

    assert response is not None
    assert response.status == 404
    console_errors[:] = [error for error in console_errors if "status of 404" not in error]
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    expect(
        page.get_by_role("link", name="Zur Startseite").or_(page.get_by_role("link", name="To the home page"))
    ).to_be_visible()
    screenshot(page, f"a11y-{name}")
    axe_check(page)
