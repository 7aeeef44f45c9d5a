"""A visitor reads the Standortanalyse: every page with its charts, the reference switch, a CSV download."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from standortanalyse.test_pages import build_statistics, publish

PAGES = [
    ("/standortanalyse/", "overview"),
    ("/standortanalyse/wirtschaftsstruktur/", "structure"),
    ("/standortanalyse/dynamik/", "dynamics"),
    ("/standortanalyse/arbeitsmarkt/", "labour"),
    ("/standortanalyse/karten/", "maps"),
    ("/standortanalyse/swot/", "swot"),
]


@pytest.fixture
def analysis(transactional_db, process, regions):
    build_statistics(regions)
    publish(process)
    return process


def test_every_analysis_page_renders_its_charts_and_passes_axe(page, analysis, axe_check, screenshot):
    for url, name in PAGES:
        page.goto(url)
        expect(page.get_by_role("heading", level=1)).to_contain_text("Ludwigsburg")
        figures = page.locator(".analysis-figure")
        for index in range(figures.count()):
            expect(figures.nth(index)).to_have_class(re.compile(r"\bis-rendered\b"))
            expect(figures.nth(index).locator("svg").first).to_be_attached()
        axe_check(page)
        screenshot(page, f"standortanalyse-{name}")


def test_the_reference_region_switch_changes_the_analysis(page, analysis):
    page.goto("/standortanalyse/dynamik/")
    switch = page.locator(".analysis-reference")
    expect(switch.locator('[aria-current="true"]')).to_have_text("Baden-Württemberg")
    land_title = page.locator("#shift-share-title").inner_text()

    switch.get_by_role("link", name="Deutschland").click()

    expect(page).to_have_url(re.compile(r"\?bezug=bund$"))
    expect(switch.locator('[aria-current="true"]')).to_have_text("Deutschland")
    expect(page.locator("#shift-share-title")).not_to_have_text(land_title)
    expect(page.locator("#shift-share-title")).to_contain_text("Deutschland")
    expect(page.locator("#shift-share .analysis-figure")).to_have_class(re.compile(r"\bis-rendered\b"))
    # The other pages keep the chosen reference.
    page.locator(".analysis-nav a").nth(1).click()
    expect(page).to_have_url(re.compile(r"/wirtschaftsstruktur/\?bezug=bund$"))


def test_a_chart_downloads_its_data_as_csv(page, analysis):
    page.goto("/standortanalyse/wirtschaftsstruktur/")
    with page.expect_download() as info:
        page.locator("#standortquotienten a[download]").click()
    download = info.value
    assert re.match(r"standortquotienten-ludwigsburg-land.*\.csv$", download.suggested_filename)
    content = Path(download.path()).read_text(encoding="utf-8")
    assert content.startswith("\ufeff")
    assert "Verarbeitendes Gewerbe" in content or "Manufacturing" in content
    assert "Regionaldatenbank" in content


def test_the_data_table_is_there_without_javascript(browser: Browser, live_server, analysis):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/standortanalyse/wirtschaftsstruktur/?bezug=bund")
        table = page.locator("#standortquotienten table")
        expect(table).to_be_attached()
        expect(table.locator("tbody tr")).to_have_count(11)
        expect(page.locator("#standortquotienten .analysis-figure svg")).to_have_count(0)
    finally:
        context.close()


def test_the_map_indicator_can_be_chosen(page, analysis, axe_check):
    page.goto("/standortanalyse/karten/")
    page.locator("#id_indikator").select_option("produktivitaet")
    page.locator(".analysis-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"indikator=produktivitaet"))
    expect(page.locator("#karte-land .analysis-figure")).to_have_class(re.compile(r"\bis-rendered\b"))
    expect(page.locator("#karte-land tbody tr")).to_have_count(4)
    axe_check(page)


def test_redaktion_writes_a_finding_that_appears_on_the_swot_page(logged_in_page, analysis, axe_check, screenshot):
    page = logged_in_page("editor")
    page.goto(f"/verwaltung/{analysis.pk}/standortanalyse/befunde/")
    axe_check(page)
    page.locator("main a.kern-btn--primary").click()
    page.locator('input[name="kind"][value="strength"]').check()
    page.locator("#id_title").fill("Starker Industriestandort")
    page.locator("#id_text").fill("Der **Fahrzeugbau** prägt den Kreis.")
    page.locator('input[name="references"][value="standortquotienten"]').check()
    page.locator("#id_is_public").check()
    axe_check(page)
    screenshot(page, "standortanalyse-finding-form")
    page.locator('main form button[type="submit"]').click()
    expect(page.locator("main table")).to_contain_text("Starker Industriestandort")

    page.goto("/standortanalyse/swot/")
    strengths = page.locator(".swot__quadrant--strength")
    expect(strengths).to_contain_text("Starker Industriestandort")
    expect(strengths.locator("strong")).to_have_text("Fahrzeugbau")
    axe_check(page)
    screenshot(page, "standortanalyse-swot")
    strengths.locator("a").first.click()
    expect(page).to_have_url(re.compile(r"/standortanalyse/wirtschaftsstruktur/#standortquotienten$"))


def test_administration_publishes_the_analysis(logged_in_page, process, regions, axe_check):
    build_statistics(regions)
    page = logged_in_page("admin")
    page.goto(f"/verwaltung/{process.pk}/standortanalyse/veroeffentlichung/")
    axe_check(page)
    page.locator("#id_is_public").check()
    page.locator("#id_peer_codes").fill("08115 08116")
    page.locator('main form button[type="submit"]').click()
    page.goto("/standortanalyse/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ludwigsburg")
    expect(page.locator(".analysis-figure").first).to_have_class(re.compile(r"\bis-rendered\b"))
