"""Monitoring in a real browser: /umsetzung/ with its charts, a project's reports, and a lead's report form.

Each page passes axe-core and does not scroll sideways at 320 CSS px; a failed submit of the report form
puts the focus on the error summary; a report given changes /umsetzung/. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import re

import pytest
from django.utils.translation import gettext as _
from playwright.sync_api import Page, expect

from monitoring.conftest import build_public_monitoring

NARROW = {"width": 320, "height": 640}
OVERFLOW = """() => {
  const wide = [];
  const insideScroller = (node) => {
    for (let parent = node.parentElement; parent; parent = parent.parentElement) {
      const overflow = getComputedStyle(parent).overflowX;
      if (overflow === 'auto' || overflow === 'scroll') return true;
    }
    return false;
  };
  for (const node of document.querySelectorAll('main *')) {
    const box = node.getBoundingClientRect();
    if (box.width === 0 || insideScroller(node)) continue;
    if (box.right <= window.innerWidth + 1 && box.left >= -1) continue;
    wide.push(node.tagName + '.' + (node.className.baseVal ?? node.className));
  }
  return {page: document.documentElement.scrollWidth - window.innerWidth, wide: wide.slice(0, 10)};
}"""


@pytest.fixture
def monitoring_site(transactional_db, process, users, regions):
    return build_public_monitoring(process, users, regions, report=False)


def _no_sideways_scrolling(page: Page) -> None:
    result = page.evaluate(OVERFLOW)
    assert result["page"] <= 0, result
    assert result["wide"] == [], result


def _charts_drawn(page: Page) -> None:
    for figure in page.locator("[data-vega-spec]").all():
        expect(figure).to_have_class(re.compile(r"\bis-rendered\b"), timeout=15_000)


def test_umsetzung_is_accessible_and_reflows_at_320_px(page, monitoring_site, axe_check, screenshot):
    page.goto("/umsetzung/")
    expect(page.get_by_role("heading", level=1)).to_have_text(_("Implementation of the strategy"))
    _charts_drawn(page)
    axe_check(page)
    screenshot(page, "monitoring-dashboard")

    page.set_viewport_size(NARROW)
    page.reload()
    _charts_drawn(page)
    _no_sideways_scrolling(page)
    axe_check(page)
    screenshot(page, "monitoring-dashboard-320")


def test_a_lead_reports_with_a_failed_submit_first_and_umsetzung_changes(
    logged_in_page, monitoring_site, axe_check, screenshot
):
    small = monitoring_site["small"]
    project = small.projects[0]
    reporting_round = monitoring_site["round"]
    url = (
        f"/verwaltung/{reporting_round.process_id}/umsetzung/runden/{reporting_round.pk}/projekte/{project.pk}/bericht/"
    )
    page = logged_in_page("partner")
    page.set_viewport_size(NARROW)

    page.goto("/verwaltung/")
    page.locator(f'a[href="{url}"]').click()
    page.wait_for_url(f"**{url}")
    _no_sideways_scrolling(page)
    axe_check(page)

    page.locator("#id_progress").fill("150")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("#error-summary")).to_be_visible()
    assert page.evaluate("() => document.activeElement && document.activeElement.id") == "error-summary"
    _no_sideways_scrolling(page)
    axe_check(page)
    screenshot(page, "monitoring-report-errors-320")

    page.locator("#id_status").select_option("implementation")
    page.locator("#id_progress").fill("60")
    page.locator("#id_achieved").fill("Erste Tour mit zwölf Betrieben.")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/verwaltung/")

    page.goto(f"/umsetzung/{project.slug}/")
    expect(page.locator("main")).to_contain_text("Erste Tour mit zwölf Betrieben.")
    expect(page.locator("main")).to_contain_text("60\u00a0%")
    _charts_drawn(page)
    _no_sideways_scrolling(page)
    axe_check(page)
    screenshot(page, "monitoring-project-320")
