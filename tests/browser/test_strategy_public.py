"""A visitor reads the published demo strategy: the overview, a measure, the filtered project list, a project.

Each page has no axe-core violation at all and does not scroll sideways at 320 px; screenshots at 1280 px
and 320 px go to test-artifacts/.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from browser.test_reflow import OVERFLOW
from standortkompass.standortanalyse.services.findings import analysis_demo_load
from standortkompass.strategy.demo import strategy_demo_load
from standortkompass.strategy.models import Element, Strategy
from standortkompass.surveys.demo import survey_demo_load
from strategy.test_demo import organisations, statistics  # noqa: F401 (fixtures)


@pytest.fixture
def demo_strategy(transactional_db, process, users, statistics, organisations) -> Strategy:  # noqa: F811
    analysis_demo_load(process=process)
    survey_demo_load(process=process, responses=40)
    return strategy_demo_load(process=process)


def _slug(strategy: Strategy, title: str) -> str:
    return Element.objects.get(strategy=strategy, title=title).slug


def _check(page: Page, name: str, screenshot) -> None:
    violations = Axe().run(page).response["violations"]
    assert not violations, [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
    screenshot(page, f"strategy-{name}-1280")
    page.set_viewport_size({"width": 320, "height": 640})
    found = page.evaluate(OVERFLOW)
    screenshot(page, f"strategy-{name}-320")
    assert found["page"] <= 0, f"{name}: the page is {found['page']} px too wide; " + "; ".join(found["wide"][:15])
    assert not found["wide"], f"{name}: sticks out: " + "; ".join(found["wide"][:15])
    violations = Axe().run(page).response["violations"]
    assert not violations, [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_strategy_overview(page, demo_strategy, screenshot):
    page.goto("/strategie/")

    expect(page.get_by_role("heading", level=1)).to_contain_text("Zukunftsstrategie")
    expect(page.get_by_role("navigation", name="Hauptnavigation").locator('a[href="/projekte/"]')).to_be_visible()
    expect(page.locator(".demo-banner")).to_be_visible()
    _check(page, "overview", screenshot)


def test_a_measure_with_its_evidence(page, demo_strategy, screenshot):
    page.goto(f"/strategie/{_slug(demo_strategy, 'Ausbildungs- und Karriereportal')}/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Ausbildungs- und Karriereportal")
    expect(page.locator(".strategy-evidence__item")).to_have_count(1)
    _check(page, "measure", screenshot)


def test_a_goal_with_official_figures(page, demo_strategy, screenshot):
    page.goto(f"/strategie/{_slug(demo_strategy, 'Fachkräfte gewinnen und halten')}/")

    expect(page.locator(".strategy-indicator").first).to_contain_text("Arbeitslosenquote")
    _check(page, "goal", screenshot)


def test_the_project_list_filtered_without_javascript_and_a_project(page, demo_strategy, screenshot):
    page.goto("/projekte/")
    expect(page.locator(".strategy-project")).to_have_count(10)

    page.get_by_label("Status").select_option("implementation")
    page.get_by_role("button", name="Anzeigen").click()

    expect(page).to_have_url(re.compile(r"/projekte/\?handlungsfeld=&status=implementation&kommune=&federfuehrung=$"))
    expect(page.locator(".strategy-project")).to_have_count(5)
    _check(page, "projects", screenshot)

    page.get_by_role("link", name="Transformationsnetzwerk Automotive Ludwigsburg").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Transformationsnetzwerk Automotive Ludwigsburg")
    _check(page, "project", screenshot)


def test_the_english_overview_marks_german_text(page, demo_strategy, screenshot):
    page.goto("/en/strategie/")

    expect(page.locator("main [lang=de]").first).to_be_attached()
    _check(page, "overview-en", screenshot)
