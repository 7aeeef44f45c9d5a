"""The boards' work in a real browser: a meeting's page (as Redaktion and as a board member), the register in the
management area, the public register and an entry's page — no axe-core violation and no sideways scrolling at
320 px; screenshots at 1280 px and 320 px go to test-artifacts/."""

from __future__ import annotations

import datetime as dt

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from browser.test_reflow import OVERFLOW
from governance.helpers import GovernanceWorld, build_governance
from standortkompass.governance.services.meetings import attendance_save, minutes_save
from standortkompass.governance.services.register import action_create


@pytest.fixture
def gov(transactional_db, process, users) -> GovernanceWorld:
    world = build_governance(process, users)
    other = world.sounding.members.exclude(pk=world.seat.pk).get()
    attendance_save(
        meeting=world.meeting,
        actor=users["editor"],
        statuses={world.seat.pk: "present", other.pk: "excused"},
        guests=[{"name": "Prof. Dr. Gast", "organisation": "Hochschule Ludwigsburg", "status": "present"}],
    )
    minutes_save(
        meeting=world.meeting,
        actor=users["editor"],
        minutes="**TOP 1:** Die Wirtschaftsförderung stellt die Ergebnisse vor.\n\n- Fachkräfte\n- Flächen",
    )
    action_create(
        entry=world.entry,
        actor=users["editor"],
        data={
            "text": "Koordinierungsstelle ausschreiben",
            "owner_user": users["board"],
            "due_on": dt.date(2027, 11, 30),
        },
    )
    return world


def _check(page: Page, name: str, screenshot) -> None:
    violations = Axe().run(page).response["violations"]
    assert not violations, [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
    screenshot(page, f"governance-{name}-1280")
    page.set_viewport_size({"width": 320, "height": 640})
    found = page.evaluate(OVERFLOW)
    screenshot(page, f"governance-{name}-320")
    assert found["page"] <= 0, f"{name}: the page is {found['page']} px too wide; " + "; ".join(found["wide"][:15])
    assert not found["wide"], f"{name}: sticks out: " + "; ".join(found["wide"][:15])
    violations = Axe().run(page).response["violations"]
    assert not violations, [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_meeting_page_for_the_editorial_team(logged_in_page, gov, process, screenshot):
    page = logged_in_page("editor")
    page.goto(f"/verwaltung/{process.pk}/gremienarbeit/sitzungen/{gov.meeting.pk}/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Sitzung des Sounding Boards")
    expect(page.locator("h2#tagesordnung")).to_be_visible()
    expect(page.get_by_role("heading", name="2. Personalfragen")).to_be_visible()
    _check(page, "meeting-editor", screenshot)


def test_the_meeting_page_for_a_board_member(logged_in_page, gov, process, screenshot):
    page = logged_in_page("board")
    page.goto(f"/verwaltung/{process.pk}/gremienarbeit/sitzungen/{gov.meeting.pk}/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Sitzung des Sounding Boards")
    expect(page.get_by_text("Personalfragen")).to_have_count(0)
    nav_link = page.locator(f'nav.manage-nav a[href="/verwaltung/{process.pk}/gremienarbeit/"]')
    expect(nav_link).to_have_attribute("aria-current", "page")
    _check(page, "meeting-member", screenshot)


def test_the_register_in_the_management_area(logged_in_page, gov, process, screenshot):
    page = logged_in_page("editor")
    page.goto(f"/verwaltung/{process.pk}/gremienarbeit/register/")

    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    expect(page.get_by_role("link", name="Zeitplan beschlossen")).to_be_visible()
    _check(page, "register", screenshot)


def test_the_public_register_and_an_entry(page, gov, screenshot):
    page.goto("/beschluesse/")

    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    expect(page.get_by_text("Zeitplan beschlossen")).to_have_count(0)
    _check(page, "public-register", screenshot)

    page.get_by_role("link", name="Fachkräfte zuerst").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fachkräfte zuerst")
    _check(page, "public-entry", screenshot)


def test_the_english_public_register(page, gov, screenshot):
    page.goto("/en/beschluesse/")

    expect(page.locator('h2 [lang="de"]')).to_have_text(["Fachkräfte zuerst"])
    _check(page, "public-register-en", screenshot)
