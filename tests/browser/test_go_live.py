"""The legal pages after the demo, and Administration's go-live checklist, in the browser with axe-core."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from go_live import finish_site_texts
from standortkompass.processes.models import SitePage, StrategyProcess
from standortkompass.processes.services.pages import site_pages_ensure_defaults, site_pages_write_demo_texts
from standortkompass.processes.site_texts import placeholders


@pytest.fixture
def demo_texts(transactional_db: None) -> None:
    """The site pages as ``standortkompass demo`` leaves them (its site-page step)."""
    SitePage.objects.all().delete()
    site_pages_write_demo_texts()
    site_pages_ensure_defaults()


@pytest.mark.parametrize(
    ("address", "heading"),
    [
        ("/impressum/", "Impressum"),
        ("/datenschutz/", "Datenschutzerklärung"),
        ("/barrierefreiheit/", "Erklärung zur Barrierefreiheit"),
    ],
)
def test_the_legal_pages_after_the_demo_show_marked_demo_values_and_no_placeholder(
    page, demo_texts, axe_check, screenshot, address, heading
):
    page.goto(address)

    main = page.locator("main")
    expect(main.get_by_role("heading", level=1)).to_have_text(heading)
    expect(main).to_contain_text("Demo:")
    text = main.inner_text()
    assert placeholders(text) == []
    assert "eintragen" not in text
    axe_check(page)
    screenshot(page, f"demo-{address.strip('/')}")


@pytest.mark.parametrize("address", ["/impressum/", "/datenschutz/", "/barrierefreiheit/"])
def test_the_legal_pages_after_the_demo_reflow_at_320_px(page, demo_texts, screenshot, address):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(address)

    screenshot(page, f"demo-320px-{address.strip('/')}")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_the_statement_after_the_demo_lists_the_known_limitations_from_the_maintained_list(page, demo_texts):
    page.goto("/barrierefreiheit/")

    main = page.locator("main")
    expect(main.get_by_role("heading", name="Nicht barrierefreie Inhalte")).to_be_visible()
    expect(main.locator("li strong", has_text="Video in Deutscher Gebärdensprache:")).to_be_visible()
    expect(main).not_to_contain_text("Diagramme und Karten")
    expect(main.get_by_role("heading", name="Schlichtungsverfahren")).to_be_visible()


def test_administration_sees_the_checklist_with_demo_values_and_follows_a_link_to_fix_one(
    logged_in_page, process: StrategyProcess, demo_texts, axe_check, screenshot
):
    page = logged_in_page("admin")
    page.get_by_role("link", name="Checkliste vor dem Start").click()

    main = page.locator("main")
    expect(main.get_by_role("heading", level=1)).to_have_text("Checkliste vor dem Start")
    expect(main.get_by_role("heading", name="Impressum", exact=True)).to_be_visible()
    expect(main).to_contain_text("Demo-Angaben")
    axe_check(page)
    screenshot(page, "go-live-checklist-demo")

    main.get_by_role("link", name="Seite „Impressum“ bearbeiten").click()
    expect(page).to_have_url(re.compile(r"/verwaltung/seiten/impressum/$"))


def test_a_fresh_installation_cannot_publish_and_the_refusal_names_what_is_missing(
    logged_in_page, process: StrategyProcess, axe_check, screenshot
):
    StrategyProcess.objects.filter(pk=process.pk).update(is_public=False)
    site_pages_ensure_defaults()
    page = logged_in_page("admin")

    page.goto("/verwaltung/startklar/")
    main = page.locator("main")
    expect(main).to_contain_text("5 Punkte fehlen oder sind nicht fertig.")
    expect(main).to_contain_text("[Name des Landkreises eintragen]")
    axe_check(page)
    screenshot(page, "go-live-checklist-fresh")

    page.goto(f"/verwaltung/{process.pk}/")
    page.get_by_role("button", name="Auf der Website veröffentlichen").click()
    expect(page.locator("main")).to_contain_text("Der Prozess kann noch nicht veröffentlicht werden.")
    expect(page.locator("main")).to_contain_text("Impressum")
    axe_check(page)
    process.refresh_from_db()
    assert not process.is_public


def test_with_the_texts_finished_the_checklist_is_done_and_the_process_is_published(
    logged_in_page, process: StrategyProcess, settings, axe_check
):
    StrategyProcess.objects.filter(pk=process.pk).update(is_public=False)
    finish_site_texts(settings)
    page = logged_in_page("admin")

    page.goto("/verwaltung/startklar/")
    expect(page.locator("main")).to_contain_text("Alle vorgeschriebenen Texte und Einstellungen sind vorhanden.")
    axe_check(page)

    page.goto(f"/verwaltung/{process.pk}/")
    page.get_by_role("button", name="Auf der Website veröffentlichen").click()
    expect(page.locator("main")).to_contain_text("Der Prozess wird jetzt auf der öffentlichen Website angezeigt.")
    process.refresh_from_db()
    assert process.is_public
