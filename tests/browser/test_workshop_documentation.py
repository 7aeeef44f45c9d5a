"""The documentation of a held live session in a real browser: its charts are drawn (no CSP violation), the page
passes axe-core and does not scroll sideways at 320 CSS px, and a cluster is handed to the strategy through the
hand-over form, after which the documentation says what became of it."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _
from playwright.sync_api import Page, expect

from standortkompass.strategy.models import Element, ElementKind
from standortkompass.workshops.models import LiveSession, SessionState, Workshop, WorkshopKind
from workshops.held_session import Held, build_held_session

NARROW = {"width": 320, "height": 640}
OVERFLOW = """() => {
  const insideScroller = (node) => {
    for (let parent = node.parentElement; parent; parent = parent.parentElement) {
      const overflow = getComputedStyle(parent).overflowX;
      if (overflow === 'auto' || overflow === 'scroll') return true;
    }
    return false;
  };
  const wide = [];
  for (const node of document.querySelectorAll('main *')) {
    const box = node.getBoundingClientRect();
    if (box.width === 0 || insideScroller(node)) continue;
    if (box.right <= window.innerWidth + 1 && box.left >= -1) continue;
    wide.push(node.tagName + '.' + (node.className.baseVal ?? node.className));
  }
  return {page: document.documentElement.scrollWidth - window.innerWidth, wide: wide.slice(0, 10)};
}"""


@pytest.fixture
def held(transactional_db, process, users) -> Held:
    workshop = Workshop.objects.create(process=process, title="Strategiewerkstatt (Test)", kind=WorkshopKind.STRATEGY)
    session = LiveSession.objects.create(
        workshop=workshop,
        title="Sitzung 1",
        join_code="DOKU34",
        projector_key="projector-key-documentation-0123456789",
        state=SessionState.LIVE,
    )
    return build_held_session(session, users["editor"])


def _url(held: Held) -> str:
    return reverse(
        "workshops_manage:documentation",
        kwargs={"process_pk": held.session.workshop.process_id, "session_pk": held.session.pk},
    )


def test_the_documentation_draws_its_charts_and_passes_axe(held, logged_in_page, axe_check, screenshot):
    page: Page = logged_in_page("board")
    page.goto(_url(held))

    for figure in page.locator("[data-vega-spec]").all():
        expect(figure).to_have_class(re.compile(r"\bis-rendered\b"), timeout=15_000)
    assert page.locator("[data-vega-spec]").count() == 4  # dots, matrix, pairwise, commitments
    axe_check(page)
    screenshot(page, "workshop-documentation")
    page.set_viewport_size(NARROW)
    result = page.evaluate(OVERFLOW)
    assert result["page"] <= 0, result
    assert result["wide"] == [], result


def test_a_cluster_is_handed_to_the_strategy_as_a_field_of_action(held, logged_in_page, axe_check):
    page: Page = logged_in_page("editor")
    page.goto(_url(held))

    page.locator(f"#eintrag-{held.cluster.pk}").get_by_role(
        "link", name=re.compile(_("Hand over to the strategy …"))
    ).click()
    axe_check(page)
    page.get_by_label(_("Candidate field of action")).check()
    page.get_by_label(_("Title in the strategy")).fill("Fachkräfte sichern")
    page.get_by_role("button", name=_("Hand over"), exact=True).click()

    page.wait_for_url(re.compile(rf"#eintrag-{held.cluster.pk}$"))
    element = Element.objects.get()
    assert element.kind == ElementKind.FIELD
    outcome = page.locator(f"#eintrag-{held.cluster.pk}")
    expect(outcome).to_contain_text(_("What became of this idea?"))
    expect(outcome).to_contain_text("Fachkräfte sichern")
