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
    page.get_by_label("Your e-mail address for our answer").fill("keine-adresse")
    page.get_by_role("button", name="Send message").click()

    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.get_by_label("What did not work for you?")).to_have_attribute("aria-invalid", "true")
    screenshot(page, "a11y-feedback-error")
    axe_check(page)


def test_error_summary_links_lead_to_the_fields(page, public_site):
    page.goto("/barriere-melden/")
    page.get_by_role("button", name="Send message").click()

    page.locator("#error-summary").get_by_role("link").first.click()

    expect(page.get_by_label("What did not work for you?")).to_be_focused()


def test_a_reader_can_send_accessibility_feedback(page, public_site, axe_check):
    page.goto("/termine/")
    page.get_by_role("link", name="Report an accessibility barrier").click()

    expect(page.get_by_label("Page concerned")).to_have_value("/termine/")
    page.get_by_label("What did not work for you?").fill("Der Filter ist mit dem Screenreader schwer zu finden.")
    page.get_by_role("button", name="Send message").click()

    expect(page.get_by_text("Thank you. Your message has reached the administration of this website.")).to_be_visible()
    axe_check(page)
