"""Reflow (WCAG 1.4.10) and zoom (1.4.4): at 320 CSS px and at 1280 px with 200 % zoom nothing scrolls sideways.

200 % zoom of a 1280 × 900 window gives the page 640 × 450 CSS pixels, which is what the browser test sets.
Every page type is checked: public pages, the Standortanalyse with its charts, respondent pages and
management pages. A chart must fit its container; a wide table scrolls inside its focusable wrapper.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from standortanalyse.test_pages import build_statistics, publish

VIEWPORTS = {"320px": {"width": 320, "height": 640}, "zoom-200": {"width": 640, "height": 450}}

# What sticks out: the page's overflow and every chart or element wider than its container.
OVERFLOW = """() => {
  const result = {page: document.documentElement.scrollWidth - window.innerWidth, wide: []};
  const insideScroller = (node) => {
    for (let parent = node.parentElement; parent; parent = parent.parentElement) {
      const overflow = getComputedStyle(parent).overflowX;
      if (overflow === 'auto' || overflow === 'scroll') return true;
    }
    return false;
  };
  const chartName = (figure) => 'chart ' + (figure.dataset.vegaSpec || figure.dataset.vegaSpecUrl || '');
  for (const node of document.querySelectorAll('main *, header *, footer *')) {
    const box = node.getBoundingClientRect();
    if (box.width === 0 || insideScroller(node)) continue;
    if (box.right <= window.innerWidth + 1 && box.left >= -1) continue;
    const figure = node.closest('[data-vega-spec], [data-vega-spec-url]');
    const own = node.tagName.toLowerCase() + '.' + (node.className.baseVal ?? node.className);
    const name = figure ? chartName(figure) : own;
    if (!result.wide.some((entry) => entry.startsWith(name + ' '))) {
      result.wide.push(name + ' ' + Math.round(box.left) + '…' + Math.round(box.right));
    }
  }
  for (const figure of document.querySelectorAll('[data-vega-spec], [data-vega-spec-url]')) {
    const svg = figure.querySelector('svg');
    if (!svg) continue;
    const drawn = svg.getBoundingClientRect().width;
    const room = figure.getBoundingClientRect().width;
    if (drawn > room + 1) result.wide.push(chartName(figure) + ' ' + Math.round(drawn) + ' > ' + Math.round(room));
    const frame = svg.getBoundingClientRect();
    for (const text of svg.querySelectorAll('text')) {  // a label the drawing cuts off ("35,8" of "35,8 %")
      const box = text.getBoundingClientRect();
      if (box.width && (box.right > frame.right + 1 || box.left < frame.left - 1)) {
        result.wide.push(chartName(figure) + ' cuts "' + text.textContent + '"');
        break;
      }
    }
  }
  if (result.page > 0 && !result.wide.length) {  // something escapes its scroller (e.g. positioned outside it)
    for (const node of document.querySelectorAll('body *')) {
      const box = node.getBoundingClientRect();
      if (box.right > window.innerWidth + 1 && result.wide.length < 15) {
        result.wide.push(node.tagName.toLowerCase() + '.' + (node.className.baseVal ?? node.className));
      }
    }
  }
  return result;
}"""


def assert_reflows(page: Page, name: str, screenshot) -> None:
    found = page.evaluate(OVERFLOW)
    screenshot(page, f"reflow-{name}")
    assert found["page"] <= 0, f"{name}: the page is {found['page']} px too wide; " + "; ".join(found["wide"][:15])
    assert not found["wide"], f"{name}: sticks out: " + "; ".join(found["wide"][:15])


PUBLIC = [
    "/",
    "/termine/",
    "/termine/{event}/",
    "/aktuelles/",
    "/akteure/",
    "/gremien/",
    "/datenschutz/",
    "/impressum/",
    "/barrierefreiheit/",
    "/barriere-melden/",
    "/konto/anmelden/",
    "/gibt-es-nicht/",
]


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("address", PUBLIC)
def test_a_public_page_reflows(page, public_site, screenshot, console_errors, viewport, address):
    page.set_viewport_size(VIEWPORTS[viewport])
    page.goto(address.format(event=public_site.next_event.uid))
    console_errors[:] = [error for error in console_errors if "status of 404" not in error]

    assert_reflows(page, f"{viewport}{address.replace('/', '-')}", screenshot)


@pytest.fixture
def analysis(transactional_db, process, regions):
    build_statistics(regions)
    publish(process)
    return process


ANALYSIS = [
    "/standortanalyse/",
    "/standortanalyse/wirtschaftsstruktur/",
    "/standortanalyse/dynamik/",
    "/standortanalyse/arbeitsmarkt/",
    "/standortanalyse/karten/",
    "/standortanalyse/swot/",
]


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("address", ANALYSIS)
def test_a_standortanalyse_page_and_its_charts_reflow(page, analysis, screenshot, viewport, address):
    page.set_viewport_size(VIEWPORTS[viewport])
    page.goto(address)
    for figure in page.locator(".analysis-figure").all():
        expect(figure).to_have_class(re.compile(r"\bis-rendered\b"), timeout=15_000)

    assert_reflows(page, f"{viewport}{address.replace('/', '-')}", screenshot)


MANAGEMENT = [
    "/verwaltung/",
    "/verwaltung/{pk}/",
    "/verwaltung/{pk}/termine/",
    "/verwaltung/{pk}/termine/neu/",
    "/verwaltung/{pk}/akteure/",
    "/verwaltung/{pk}/mitglieder/",
    "/verwaltung/{pk}/protokoll/",
]


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_management_pages_reflow(logged_in_page, public_site, screenshot, viewport):
    page = logged_in_page("admin")
    page.set_viewport_size(VIEWPORTS[viewport])
    for address in MANAGEMENT:
        page.goto(address.format(pk=public_site.process.pk))

        assert_reflows(page, f"{viewport}-manage{address.replace('/', '-').replace('{pk}', 'process')}", screenshot)


SURVEY_MANAGEMENT = [
    "",
    "{survey}/",
    "{survey}/versand/",
    "{survey}/ergebnisse/",
    "{survey}/ergebnisse/frage/groessenklasse/",
    "{survey}/ergebnisse/kreuztabelle/?zeile=fk_stellenbesetzung&spalte=groessenklasse",
    "{survey}/export/",
]


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_survey_pages_for_respondents_and_for_the_agency_reflow(
    browser, logged_in_page, public_site, live_server, screenshot, viewport
):
    from standortkompass.surveys.demo import survey_demo_load

    survey = survey_demo_load(process=public_site.process, responses=60)
    context = browser.new_context(base_url=live_server.url, locale="de-DE", viewport=VIEWPORTS[viewport])
    respondent = context.new_page()
    respondent.goto(f"/befragung/{survey.slug}/")
    assert_reflows(respondent, f"{viewport}-survey-start", screenshot)
    respondent.get_by_label("Ich habe den Datenschutzhinweis gelesen").check()
    respondent.get_by_role("button", name="Befragung starten").click()
    for number in range(1, 5):
        respondent.wait_for_load_state()
        assert_reflows(respondent, f"{viewport}-survey-page-{number}", screenshot)
        respondent.get_by_role("button", name="Weiter").click()
    respondent.goto(f"/befragung/{survey.slug}/fragebogen/")
    assert_reflows(respondent, f"{viewport}-survey-printable", screenshot)
    context.close()

    page = logged_in_page("editor")
    page.set_viewport_size(VIEWPORTS[viewport])
    base = f"/verwaltung/{public_site.process.pk}/befragungen/"
    for address in SURVEY_MANAGEMENT:
        page.goto(base + address.format(survey=survey.pk))
        for figure in page.locator("[data-vega-spec], [data-vega-spec-url]").all():
            expect(figure).to_have_class(re.compile(r"\bis-rendered\b"), timeout=15_000)

        assert_reflows(page, f"{viewport}-survey-manage-{address.split('?')[0].replace('/', '-')}", screenshot)
