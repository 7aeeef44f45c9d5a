"""The survey results overview in the browser: contents, a chart per question drawn without errors, tables behind
disclosures, whiskers that stand out, no axe-core violation and reflow at 320 px (issue 11 §6)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from browser.test_reflow import assert_reflows
from surveys.colours import PAGE_BACKGROUND, contrast_ratio

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

# The colours as drawn: the first bar of a choice chart, its whisker (a rule of the marks, not of the axes) and the
# background behind the chart, each turned into #rrggbb by painting it on a canvas.
DRAWN_COLOURS = """(spec) => {
  const figure = document.querySelector(`[data-vega-spec="${spec}"]`);
  const bar = figure.querySelector('g.mark-rect.role-mark path');
  const whisker = figure.querySelector('g.mark-rule.role-mark line');
  let node = figure, background = 'rgba(0, 0, 0, 0)';
  while (node && background === 'rgba(0, 0, 0, 0)') {
    background = getComputedStyle(node).backgroundColor;
    node = node.parentElement;
  }
  const context = document.createElement('canvas').getContext('2d', {willReadFrequently: true});
  const hex = (colour) => {
    context.clearRect(0, 0, 1, 1);
    context.fillStyle = colour;
    context.fillRect(0, 0, 1, 1);
    const [red, green, blue] = context.getImageData(0, 0, 1, 1).data;
    return '#' + [red, green, blue].map((value) => value.toString(16).padStart(2, '0')).join('');
  };
  return {bar: hex(getComputedStyle(bar).fill), whisker: hex(getComputedStyle(whisker).stroke),
          width: parseFloat(getComputedStyle(whisker).strokeWidth), background: hex(background)};
}"""


@pytest.fixture
def overview(public_site):
    from standortkompass.surveys.demo import survey_demo_load

    survey = survey_demo_load(process=public_site.process, responses=60)
    return f"/verwaltung/{public_site.process.pk}/befragungen/{survey.pk}/ergebnisse/"


def _open_with_charts_drawn(page: Page, address: str) -> int:
    page.goto(address)
    figures = page.locator("[data-vega-spec]")
    count = figures.count()
    for figure in figures.all():
        expect(figure).to_have_class(re.compile(r"\bis-rendered\b"), timeout=20_000)
    assert page.locator(".is-failed").count() == 0
    return count


def test_the_results_overview_shows_contents_and_a_drawn_chart_per_question(
    logged_in_page, overview, axe_check, screenshot
):
    page = logged_in_page("editor")

    charts = _open_with_charts_drawn(page, overview)

    assert charts >= 10
    assert page.locator("h1").count() == 1
    contents = page.get_by_role("navigation", name="Inhalt")
    targets = page.locator("main :is(h2, h3):is([id^=seite-], [id^=frage-])").count()
    assert contents.locator("a").count() == targets
    # Every chart has its table behind a disclosure, closed until asked for.
    assert page.locator("details.analysis-table").count() == charts
    first = page.locator("details.analysis-table").first
    expect(first.locator("table")).to_be_hidden()
    first.locator("summary").click()
    expect(first.locator("table")).to_be_visible()
    # A link of the contents leads to its question.
    contents.get_by_role("link", name=re.compile("^Wie viele Beschäftigte hat Ihr Unternehmen")).click()
    assert page.url.endswith("#frage-groessenklasse")
    axe_check(page)
    screenshot(page, "survey-results-overview")


def test_the_interval_whiskers_are_drawn_3_to_1_against_their_bars_and_the_page(logged_in_page, overview):
    page = logged_in_page("board")
    _open_with_charts_drawn(page, overview)

    colours = page.evaluate(DRAWN_COLOURS, "frage-groessenklasse-spec")

    bar, whisker, background = colours["bar"], colours["whisker"], colours["background"]
    assert background == PAGE_BACKGROUND
    assert contrast_ratio(whisker, bar) >= 3
    assert contrast_ratio(whisker, background) >= 3
    assert contrast_ratio(bar, background) >= 3
    assert colours["width"] >= 2


def test_the_results_overview_reflows_at_320_px(logged_in_page, overview, screenshot):
    page = logged_in_page("editor")
    page.set_viewport_size({"width": 320, "height": 640})

    _open_with_charts_drawn(page, overview)

    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_reflows(page, "320px-survey-results-overview", screenshot)
    # The whole page is very tall: a chart of each kind on its own, to look at.
    for name in ("groessenklasse", "sf_strasse"):
        section = page.locator(f"#frage-{name}").locator("xpath=..")
        section.screenshot(path=str(ARTIFACTS / f"survey-results-overview-320px-{name}.png"))
