"""A new visitor finds out where the process stands and when the next date is."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect


def test_new_visitor_finds_the_current_phase_and_the_next_date(page, public_site, screenshot):
    page.goto("/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Zukunftsstrategie Test")
    expect(page.get_by_text("Aktuelle Phase: Analysephase")).to_be_visible()
    upcoming = page.locator("section", has=page.get_by_role("heading", name="Kommende Termine"))
    first_date = upcoming.get_by_role("listitem").first
    expect(first_date).to_contain_text("Unternehmensworkshop Mobilität")
    expect(first_date).to_contain_text("17:30")
    screenshot(page, "visitor-home")

    first_date.get_by_role("link", name="Unternehmensworkshop Mobilität").click()

    expect(page).to_have_url(re.compile(rf"/termine/{public_site.next_event.uid}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Unternehmensworkshop Mobilität")
    expect(page.get_by_text("Forum am Schlosspark, Ludwigsburg")).to_be_visible()
    expect(page.get_by_role("link", name="In den Kalender übernehmen (.ics)")).to_be_visible()
    screenshot(page, "visitor-event")


def test_the_board_only_date_is_not_shown_to_the_visitor(page, public_site):
    page.goto("/termine/")

    expect(page.get_by_text("Unternehmensworkshop Mobilität")).to_be_visible()
    expect(page.get_by_text("Lenkungskreis vertraulich")).to_have_count(0)


def test_the_site_works_without_javascript(browser: Browser, live_server, public_site):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/")
        expect(page.get_by_text("Aktuelle Phase: Analysephase")).to_be_visible()
        page.get_by_role("link", name="Unternehmensworkshop Mobilität").first.click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Unternehmensworkshop Mobilität")

        page.goto("/termine/")
        page.get_by_label("Art", exact=True).select_option("deadline")
        page.get_by_role("button", name="Anzeigen", exact=True).click()
        expect(page).to_have_url(re.compile(r"\?art=deadline$"))
        expect(page.get_by_text("Frist für Projektideen")).to_be_visible()
        expect(page.get_by_text("Unternehmensworkshop Mobilität")).to_have_count(0)
    finally:
        context.close()


def test_the_skip_link_leads_to_the_content(page, public_site):
    page.goto("/termine/")

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Zum Inhalt springen")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"#main$"))


@pytest.mark.parametrize("address", ["/", "/termine/", "/aktuelles/", "/akteure/", "/gremien/", "/barriere-melden/"])
def test_pages_reflow_to_a_narrow_screen_without_sideways_scrolling(page, public_site, screenshot, address):
    # WCAG 2.1 success criterion 1.4.10: content reflows at 320 CSS pixels.
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(address)

    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    screenshot(page, "narrow-" + (address.strip("/").replace("/", "-") or "home"))
    assert overflow <= 0, f"{address} is {overflow}px wider than a 320px screen"
