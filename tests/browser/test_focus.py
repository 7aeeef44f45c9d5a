"""Focus you can see and errors you hear (WCAG 2.4.7, 1.4.11, 3.3.1).

Every Tab stop of every page type shows a focus indicator of at least 2 px whose colour has 3:1
contrast against what surrounds it; after a failed submit the focus is on the error summary, so a
screen reader announces it and a keyboard user starts from the list of what to correct.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect

from standortanalyse.test_pages import build_statistics, publish

MAX_TAB_STOPS = 200

# The focused element, how its focus shows, and the contrast of the indicator against the background around it.
FOCUS_STYLE = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  // Any CSS colour (KERN uses oklch) to sRGB: paint one pixel and read it back.
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const context = canvas.getContext('2d', {willReadFrequently: true});
  const rgba = (text) => {
    context.clearRect(0, 0, 1, 1);
    context.fillStyle = '#00000000';
    context.fillStyle = text;
    context.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = context.getImageData(0, 0, 1, 1).data;
    return {r, g, b, a: a / 255};
  };
  const luminance = (c) => {
    const channel = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
  };
  const around = () => {
    for (let node = element.parentElement; node; node = node.parentElement) {
      const colour = rgba(getComputedStyle(node).backgroundColor);
      if (colour && colour.a > 0) return colour;
    }
    return {r: 255, g: 255, b: 255, a: 1};
  };
  const style = getComputedStyle(element);
  const outline = rgba(style.outlineColor);
  const background = around();
  let contrast = 0;
  if (outline && outline.a > 0) {
    const [light, dark] = [luminance(outline), luminance(background)].sort((x, y) => y - x);
    contrast = (light + 0.05) / (dark + 0.05);
  }
  const path = [];
  for (let node = element; node && node !== document.documentElement; node = node.parentElement) {
    path.unshift(node.tagName.toLowerCase() + ':' + Array.prototype.indexOf.call(node.parentElement.children, node));
  }
  return {
    path: path.join('/'),
    description: style.outlineColor + ' ' + element.outerHTML.slice(0, 160),
    style: style.outlineStyle,
    width: parseFloat(style.outlineWidth),
    contrast: contrast,
  };
}"""


@dataclass(frozen=True)
class TabStop:
    path: str
    description: str
    style: str
    width: float
    contrast: float

    @property
    def visible(self) -> bool:
        return self.style not in {"none", "hidden"} and self.width >= 2 and self.contrast >= 3


def tab_through(page: Page) -> list[TabStop]:
    """Press Tab from the top of the page until the focus comes round again; the stops in order."""
    page.locator("body").focus()
    stops: list[TabStop] = []
    seen: set[str] = set()
    for _ in range(MAX_TAB_STOPS):
        page.keyboard.press("Tab")
        found = page.evaluate(FOCUS_STYLE)
        if found is None or found["path"] in seen:
            break
        seen.add(found["path"])
        stops.append(TabStop(**found))
    assert stops, "no element took the focus"
    return stops


def assert_every_tab_stop_shows_its_focus(page: Page) -> None:
    invisible = [stop for stop in tab_through(page) if not stop.visible]
    assert not invisible, "Tab stops without a visible focus (style, width, contrast):\n" + "\n".join(
        f"  {stop.style} {stop.width}px {stop.contrast:.1f}:1  {stop.description}" for stop in invisible
    )


@pytest.mark.parametrize(
    "address", ["/", "/termine/", "/barriere-melden/", "/konto/anmelden/", "/en/", "/gibt-es-nicht/"]
)
def test_every_tab_stop_of_a_public_page_shows_its_focus(page, public_site, console_errors, address):
    page.goto(address)
    console_errors[:] = [error for error in console_errors if "status of 404" not in error]

    assert_every_tab_stop_shows_its_focus(page)


@pytest.fixture
def analysis(transactional_db, process, regions):
    build_statistics(regions)
    publish(process)
    return process


@pytest.mark.parametrize("address", ["/standortanalyse/wirtschaftsstruktur/", "/standortanalyse/dynamik/"])
def test_every_tab_stop_of_the_standortanalyse_shows_its_focus_including_tabs_chips_and_table_regions(
    page, analysis, address
):
    page.goto(address)
    expect(page.locator(".analysis-figure").first).to_have_class(re.compile(r"\bis-rendered\b"), timeout=15_000)

    stops = tab_through(page)

    assert any('role="region"' in stop.description for stop in stops), "no scrollable table region was reached"
    invisible = [stop for stop in stops if not stop.visible]
    assert not invisible, "\n".join(
        f"{stop.style} {stop.width}px {stop.contrast:.1f}:1 {stop.description}" for stop in invisible
    )


@pytest.mark.parametrize("address", ["/verwaltung/", "/verwaltung/{process}/termine/neu/"])
def test_every_tab_stop_of_a_management_page_shows_its_focus(logged_in_page, public_site, address):
    page = logged_in_page("admin")
    page.goto(address.format(process=public_site.process.pk))

    assert_every_tab_stop_shows_its_focus(page)


# --- focus on the error summary after a failed submit ----------------------------------------------------


def _focused_id(page: Page) -> str:
    return page.evaluate("() => document.activeElement && document.activeElement.id")


def test_a_failed_feedback_form_puts_the_focus_on_the_error_summary(page, public_site):
    page.goto("/barriere-melden/")
    page.get_by_role("button", name="Nachricht senden").click()

    expect(page.locator("#error-summary")).to_be_visible()
    assert _focused_id(page) == "error-summary"


def test_a_failed_log_in_puts_the_focus_on_the_error_summary(page, public_site):
    page.goto("/konto/anmelden/")
    page.locator('input[name="username"]').fill("niemand@example.org")
    page.locator('input[name="password"]').fill("falsch-falsch-falsch")
    page.locator('main form button[type="submit"]').click()

    expect(page.locator("#error-summary")).to_be_visible()
    assert _focused_id(page) == "error-summary"


def test_a_failed_management_form_puts_the_focus_on_the_error_summary(logged_in_page, public_site):
    page = logged_in_page("admin")
    page.goto(f"/verwaltung/{public_site.process.pk}/termine/neu/")
    page.locator("main form button[type=submit]").last.click()

    expect(page.locator("#error-summary")).to_be_visible()
    assert _focused_id(page) == "error-summary"


def test_a_failed_survey_page_puts_the_focus_on_the_error_summary(browser, public_site, live_server):
    from standortkompass.surveys.demo import survey_demo_load

    survey = survey_demo_load(process=public_site.process, responses=0)
    context = browser.new_context(base_url=live_server.url, locale="de-DE")
    respondent = context.new_page()
    respondent.goto(f"/befragung/{survey.slug}/")
    respondent.get_by_role("button", name="Befragung starten").click()  # without the privacy confirmation

    expect(respondent.locator("#fehler")).to_be_visible()
    assert _focused_id(respondent) == "fehler"

    respondent.get_by_label("Ich habe den Datenschutzhinweis gelesen").check()
    respondent.get_by_role("button", name="Befragung starten").click()
    for _ in range(15):  # on through the pages, leaving everything open, until a required question refuses
        respondent.get_by_role("button", name="Weiter").click()
        respondent.wait_for_load_state()
        if respondent.locator("#fehler").count():
            break

    expect(respondent.locator("#fehler")).to_be_visible()
    assert _focused_id(respondent) == "fehler"
    context.close()
