"""Redaktion builds a small strategy through the editing pages and orders it with the keyboard alone.

Leitbild, two goals with an indicator each, two fields of action, three measures, two projects; the ordering
buttons and the position field are reached with Tab and pressed with Enter. axe-core checks the draft page,
an element page and the fact sheet form; at 320 px nothing scrolls sideways.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from playwright.sync_api import Page, expect

from standortkompass.processes.models import Organisation, OrganisationType
from standortkompass.strategy.models import Element, ElementKind, ProjectSheet, StrategyIndicator

# The page's overflow and the elements of the main content that stick out of the window (not inside a scroller).
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
    if (!box.width || insideScroller(node) || (box.right <= window.innerWidth + 1 && box.left >= -1)) continue;
    if (wide.length < 10) wide.push(node.tagName.toLowerCase() + '.' + node.className + ' ' + Math.round(box.right));
  }
  return {page: document.documentElement.scrollWidth - window.innerWidth, wide};
}"""


def assert_no_sideways_scrolling(page: Page) -> None:
    found = page.evaluate(OVERFLOW)
    assert found["page"] <= 0, f"{page.url} scrolls sideways by {found['page']} px: {found['wide']}"
    assert not found["wide"], f"{page.url}: {found['wide']}"


def submit(page: Page) -> None:
    page.locator("main form button.kern-btn--primary").first.click()
    page.wait_for_load_state()


def add_element(page: Page, draft_url: str, link_name: str, title: str, **fields: str | list[str]) -> None:
    page.goto(draft_url)
    page.get_by_role("link", name=link_name, exact=True).click()
    page.locator('input[name="title"]').fill(title)
    for name, value in fields.items():
        if name == "parent":
            page.locator('select[name="parent"]').select_option(label=str(value))
        elif isinstance(value, list):
            for label in value:
                page.get_by_label(label, exact=True).check()
        else:
            page.locator(f'[name="{name}"]').fill(value)
    submit(page)
    assert Element.objects.filter(title=title).exists(), f"{title} was not created: {page.url}"


def tab_to(page: Page, name: str, limit: int = 400) -> None:
    """Press Tab until the control whose accessible name (aria-label, label or text) is ``name`` has the focus."""
    for _step in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const e = document.activeElement; if (!e) return ''; const name = e.getAttribute('aria-label')"
            " || (e.labels && e.labels.length ? e.labels[0].textContent : e.textContent);"
            " return name.replace(/\\s+/g, ' ').trim(); }"
        )
        if focused == name:
            return
    raise AssertionError(f"no control named {name!r} reached with Tab on {page.url}")


def press_enter(page: Page) -> None:
    """Enter on the focused control, and wait for the page the form answers with."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def order_of(kind: str, parent: Element | None = None) -> list[str]:
    return list(
        Element.objects.filter(kind=kind, parent=parent).order_by("order", "id").values_list("title", flat=True)
    )


def test_redaktion_builds_a_small_strategy_and_orders_it_with_the_keyboard(
    logged_in_page, process, axe_check, screenshot
):
    Organisation.objects.create(process=process, name="IHK Region Stuttgart", type=OrganisationType.CHAMBER)
    page = logged_in_page("editor")
    draft_url = f"/verwaltung/{process.pk}/strategie/"

    add_element(
        page, draft_url, _("Add vision statement"), "Innovativ und lebenswert", summary="Industrie mit Zukunft."
    )
    add_element(page, draft_url, _("Add goal"), "Fachkräfte sichern")
    add_element(page, draft_url, _("Add goal"), "Transformation gestalten")
    for goal in ("Fachkräfte sichern", "Transformation gestalten"):
        page.goto(draft_url)
        page.get_by_role("link", name=goal, exact=True).click()
        page.get_by_role("link", name=_("Add indicator")).click()
        page.locator('input[name="name"]').fill(f"Kennzahl zu {goal}")
        page.locator('input[name="baseline_value"]').fill("1.250,5")
        page.locator('input[name="baseline_year"]').fill("2024")
        submit(page)
    assert StrategyIndicator.objects.count() == 2
    assert StrategyIndicator.objects.filter(baseline_value=1250.5).count() == 2

    add_element(page, draft_url, _("Add field of action"), "Fachkräfte")
    add_element(page, draft_url, _("Add field of action"), "Flächen")
    add_measure = _("Add measure to “%(title)s”")
    add_element(
        page, draft_url, add_measure % {"title": "Fachkräfte"}, "Ausbildungsbörse", serves=["Fachkräfte sichern"]
    )
    add_element(page, draft_url, add_measure % {"title": "Fachkräfte"}, "Willkommensservice")
    add_element(page, draft_url, add_measure % {"title": "Flächen"}, "Flächenpool", serves=["Transformation gestalten"])
    add_element(page, draft_url, _("Add project"), "Azubi-Tour 2027", serves=["Ausbildungsbörse"])
    add_element(page, draft_url, _("Add project"), "Gewerbeflächenkataster", serves=["Flächenpool"])
    fields = {field.title: field for field in Element.objects.filter(kind=ElementKind.FIELD)}
    assert order_of(ElementKind.MEASURE, fields["Fachkräfte"]) == ["Ausbildungsbörse", "Willkommensservice"]

    # Ordering with the keyboard alone: Tab to the button, Enter.
    page.goto(draft_url)
    tab_to(page, f"{_('Move up')}: Transformation gestalten")
    press_enter(page)
    assert order_of(ElementKind.GOAL) == ["Transformation gestalten", "Fachkräfte sichern"]
    expect(page.get_by_role("status")).to_be_visible()
    # The page returns to the moved element: the next Tab goes on from there.
    tab_to(page, f"{_('Move down')}: Transformation gestalten", limit=3)
    press_enter(page)
    assert order_of(ElementKind.GOAL) == ["Fachkräfte sichern", "Transformation gestalten"]
    tab_to(page, _("Position") + " " + _("of “%(title)s”") % {"title": "Willkommensservice"})
    page.keyboard.press("Control+A")
    page.keyboard.type("1")
    press_enter(page)
    assert order_of(ElementKind.MEASURE, fields["Fachkräfte"]) == ["Willkommensservice", "Ausbildungsbörse"]
    tab_to(page, f"{_('Move down')}: Azubi-Tour 2027")
    press_enter(page)
    assert order_of(ElementKind.PROJECT) == ["Gewerbeflächenkataster", "Azubi-Tour 2027"]

    page.goto(draft_url)
    axe_check(page)
    assert_no_sideways_scrolling(page)
    screenshot(page, "strategy-draft-1280")
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(draft_url)
    assert_no_sideways_scrolling(page)
    screenshot(page, "strategy-draft-320")
    page.set_viewport_size({"width": 1280, "height": 900})

    # The fact sheet of a project, and its element page.
    project = Element.objects.get(title="Azubi-Tour 2027")
    page.goto(f"/verwaltung/{process.pk}/strategie/elemente/{project.pk}/steckbrief/")
    axe_check(page)
    page.locator('select[name="status"]').select_option("planning")
    page.locator('input[name="progress"]').fill("25")
    page.locator('input[name="budget"]').fill("250.000,50")
    page.locator('select[name="lead_organisation"]').select_option(label="IHK Region Stuttgart")
    page.get_by_label("Asperg, Stadt", exact=True).check()
    page.locator('input[name="start_date"]').fill("2027-03-01")
    page.locator('input[name="end_date"]').fill("2026-12-31")
    submit(page)
    expect(page.locator("#id_end_date-error")).to_be_visible()
    axe_check(page)
    page.locator('input[name="end_date"]').fill("2028-12-31")
    submit(page)
    sheet = ProjectSheet.objects.get(element=project)
    assert (sheet.progress, str(sheet.budget), sheet.lead_organisation.name) == (
        25,
        "250000.50",
        "IHK Region Stuttgart",
    )
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"/verwaltung/{process.pk}/strategie/elemente/{project.pk}/steckbrief/")
    assert_no_sideways_scrolling(page)
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto(f"/verwaltung/{process.pk}/strategie/elemente/{project.pk}/")
    expect(page.get_by_text("250.000,50\u00a0€")).to_be_visible()
    axe_check(page)
    screenshot(page, "strategy-element-1280")
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"/verwaltung/{process.pk}/strategie/elemente/{project.pk}/")
    assert_no_sideways_scrolling(page)
    screenshot(page, "strategy-element-320")
