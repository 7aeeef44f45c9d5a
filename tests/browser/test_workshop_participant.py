"""A participant of a live workshop on a phone: joins by code at 320 px, adds a card, dot-votes with the keyboard
alone and is refused over the budget (the message focused); every page type passes axe-core and reflows at
320 px and at 200 % zoom.

The facilitator's steps (opening a phase) are done with the ORM here; the console has browser tests of its own.
"""

from __future__ import annotations

import json
import re

import pytest
from django.utils import timezone
from django.utils.translation import gettext as _
from playwright.sync_api import Page, WebSocketRoute, expect

from browser.conftest import is_own_address
from browser.test_focus import assert_every_tab_stop_shows_its_focus
from browser.test_reflow import VIEWPORTS, assert_reflows
from standortkompass.workshops.models import (
    Item,
    LiveSession,
    PhaseKind,
    PhaseState,
    SessionPhase,
    SessionState,
    Workshop,
    WorkshopKind,
)

PHONE = {"width": 320, "height": 640}
CODE = "K7X4PQ"


@pytest.fixture
def live_session(public_site) -> LiveSession:
    workshop = Workshop.objects.create(
        process=public_site.process, title="Strategiewerkstatt Ludwigsburg", kind=WorkshopKind.STRATEGY
    )
    return LiveSession.objects.create(
        workshop=workshop,
        title="Strategiewerkstatt am Vormittag",
        join_code=CODE,
        projector_key="browser-projector-key-0123456789abcdef",
        state=SessionState.LIVE,
        started_at=timezone.now(),
    )


def open_phase(session: LiveSession, kind: str, *, title: str, items: list[str] = (), **settings) -> SessionPhase:  # type: ignore[assignment]
    SessionPhase.objects.filter(session=session, state=PhaseState.OPEN).update(state=PhaseState.CLOSED)
    phase = SessionPhase.objects.create(
        session=session,
        position=session.phases.count(),
        kind=kind,
        title=title,
        prompt="Bitte geben Sie Ihre Einschätzung ab.",
        state=PhaseState.OPEN,
        settings=settings,
        opened_at=timezone.now(),
    )
    for position, text in enumerate(items):
        Item.objects.create(phase=phase, text=text, position=position, origin="carried")
    session.current_phase = phase
    session.save(update_fields=["current_phase"])
    return phase


class Phone:
    """A browser context of its own (a participant's phone), checked like the ``page`` fixture's: no request to
    another host, no error in the console.

    The test server speaks HTTP only, so the phone's WebSocket (``/ws/mitmachen/<code>/``) is answered here: it
    says hello, and :meth:`push` sends what the session's consumer would send after a change."""

    def __init__(self, browser, live_server, viewport=PHONE) -> None:
        self.server = live_server.url
        self.context = browser.new_context(base_url=live_server.url, locale="de-DE", viewport=viewport)
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.sockets: list[WebSocketRoute] = []
        self.seq = 1000
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.context.on(
            "console", lambda message: self.errors.append(message.text) if message.type == "error" else None
        )
        self.context.route_web_socket(re.compile(r"/ws/mitmachen/"), self._socket)
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)

    def _socket(self, socket: WebSocketRoute) -> None:
        self.sockets.append(socket)
        socket.on_message(lambda _message: None)  # pings
        socket.send(json.dumps({"type": "hello", "seq": self.seq, "now": timezone.now().isoformat()}))

    def push(self, event: str) -> None:
        """Tell the phone that the session changed (``event``: phase, items, votes …)."""
        self.seq += 1
        message = {"type": "changed", "seq": self.seq, "event": event, "table": None}
        for socket in self.sockets:
            socket.send(json.dumps(message))

    def close(self) -> None:
        self.context.close()
        assert not [url for url in self.requests if not is_own_address(url, self.server)]
        # A refused form answers 400 on purpose (the page with its error summary); the browser logs that.
        errors = [error for error in self.errors if "status of 400" not in error]
        assert not errors, "the browser reported errors:\n" + "\n".join(errors)


def focused(page: Page) -> str:
    return page.evaluate("() => document.activeElement ? (document.activeElement.id || '') : ''")


def focused_name(page: Page) -> str:
    script = """() => {
      const element = document.activeElement;
      return element && element.matches('a, button, input, select, textarea, summary') ? element.textContent : '';
    }"""
    return str(page.evaluate(script)).strip()


def tab_to(page: Page, name: str, *, limit: int = 80) -> None:
    """Press Tab until the focused element's text contains ``name``."""
    for _step in range(limit):
        page.keyboard.press("Tab")
        if name in " ".join(focused_name(page).split()):
            return
    pytest.fail(f"no Tab stop named {name!r}")


def join_by_code(page: Page) -> None:
    page.goto("/mitmachen/")
    page.get_by_label(_("Code")).fill("k7x-4pq")
    page.get_by_label(_("Code")).press("Enter")
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Strategiewerkstatt Ludwigsburg")


def test_a_participant_joins_by_code_on_a_phone_adds_a_card_and_dot_votes_with_the_keyboard(
    browser, live_server, live_session, axe_check, screenshot
):
    phone = Phone(browser, live_server)
    page, context = phone.page, phone.context

    # The code page: a wrong code is refused with the field named, the focus on the error summary.
    page.goto("/mitmachen/")
    axe_check(page)
    assert_reflows(page, "workshop-320-code", screenshot)
    page.get_by_label(_("Code")).fill("QQQQQQ")
    page.get_by_role("button", name=_("Continue")).click()
    expect(page.locator("#error-summary")).to_be_focused()
    assert not [c for c in context.cookies() if c["name"].startswith("sk_werkstatt")]

    # The right code (typed in lower case with a dash) leads to the join page; no participant cookie yet.
    join_by_code(page)
    axe_check(page)
    assert_reflows(page, "workshop-320-join", screenshot)
    assert_every_tab_stop_shows_its_focus(page)
    assert not [c for c in context.cookies() if c["name"].startswith("sk_werkstatt")]
    page.get_by_role("button", name=_("Join")).click()
    expect(page.locator("#error-summary")).to_be_focused()
    page.get_by_label(StakeholderLabel.company()).check()
    page.get_by_label(_("Name")).fill("Kim")
    page.get_by_role("button", name=_("Join")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(_("It starts in a moment"))
    cookie = next(c for c in context.cookies() if c["name"] == f"sk_werkstatt_{CODE}")
    assert cookie["httpOnly"]
    assert cookie["sameSite"] == "Lax"
    axe_check(page)
    assert_reflows(page, "workshop-320-waiting", screenshot)

    # Collect: a card is added (and shown escaped).
    open_phase(live_session, PhaseKind.COLLECT, title="Was fehlt am Standort?")
    page.reload()
    page.get_by_role("textbox", name=_("Your card")).fill("Fachkräfte <b>fehlen</b> in der Pflege")
    page.get_by_role("button", name=_("Add card")).click()
    expect(page.locator(".workshop-card__text")).to_have_text("Fachkräfte <b>fehlen</b> in der Pflege")
    axe_check(page)
    assert_reflows(page, "workshop-320-collect", screenshot)

    # An empty card is refused; the focus is on the error summary.
    page.get_by_role("button", name=_("Add card")).click()
    expect(page.locator("#error-summary")).to_be_focused()
    axe_check(page)

    # Dot vote with two dots, by keyboard alone.
    open_phase(live_session, PhaseKind.DOT_VOTE, title="Punkte vergeben", items=["Fachkräfte", "Breitband"], budget=2)
    page.reload()
    axe_check(page)
    assert_reflows(page, "workshop-320-dot-vote", screenshot)
    more = _("One point more for “%(text)s”")
    tab_to(page, more % {"text": "Fachkräfte"})
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.locator("#points-left strong")).to_have_text("1")
    tab_to(page, more % {"text": "Breitband"})
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    expect(page.locator("#points-left strong")).to_have_text("0")
    screenshot(page, "workshop-320-dot-vote-spent")

    # A third dot is over the budget: refused, the message in the focused error summary.
    tab_to(page, more % {"text": "Fachkräfte"})
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text(re.compile("2"))
    expect(page.locator("#points-left strong")).to_have_text("0")
    axe_check(page)
    screenshot(page, "workshop-320-over-budget")
    # The link in the summary leads to the card's buttons.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert focused(page).startswith("points-")
    phone.close()


class StakeholderLabel:
    @staticmethod
    def company() -> str:
        from standortkompass.workshops.models import StakeholderGroup

        return str(StakeholderGroup.COMPANY.label)


VOTING_PAGES = [
    ("rating", PhaseKind.RATING, {}),
    (
        "matrix",
        PhaseKind.MATRIX,
        {"criteria": [{"key": "impact", "label": "Wirkung"}, {"key": "feasibility", "label": "Umsetzbarkeit"}]},
    ),
    ("pairwise", PhaseKind.PAIRWISE, {}),
    ("ranking", PhaseKind.RANKING, {}),
    ("points", PhaseKind.POINTS, {}),
    ("cluster", PhaseKind.CLUSTER, {}),
    ("canvas", PhaseKind.CANVAS, {}),
    ("commitments", PhaseKind.COMMITMENTS, {}),
    ("information", PhaseKind.INFORMATION, {}),
]
CANDIDATES = [
    "Fachkräfte sichern und ausbilden",
    "Breitband in allen Gewerbegebieten",
    "Flächen für Gewerbe und Handwerk",
    "Innovationsnetzwerk Mittelstand",
]


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_phase_page_passes_axe_and_reflows(browser, live_server, live_session, axe_check, screenshot, viewport):
    phone = Phone(browser, live_server, VIEWPORTS[viewport])
    page = phone.page
    join_by_code(page)
    page.get_by_label(StakeholderLabel.company()).check()
    page.get_by_role("button", name=_("Join")).click()
    for name, kind, settings in VOTING_PAGES:
        phase = open_phase(live_session, kind, title=f"Schritt: {name}", items=CANDIDATES, **settings)
        if kind == PhaseKind.CLUSTER:
            Item.objects.create(phase=phase, text="Fachkräfte", kind="cluster", position=9)
        page.reload()
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Schritt: {name}")
        axe_check(page)
        assert_reflows(page, f"workshop-{viewport}-{name}", screenshot)
        if viewport == "320px":
            assert_every_tab_stop_shows_its_focus(page)
    phone.close()


def test_ratings_pairs_and_a_ranking_are_saved_with_the_keyboard(browser, live_server, live_session, screenshot):
    phone = Phone(browser, live_server)
    page = phone.page
    join_by_code(page)
    page.get_by_label(StakeholderLabel.company()).check()
    page.get_by_role("button", name=_("Join")).click()

    open_phase(live_session, PhaseKind.RATING, title="Bewerten", items=CANDIDATES[:2])
    page.reload()
    page.locator("fieldset").filter(has_text=CANDIDATES[0]).get_by_label("4", exact=True).check()
    page.locator("fieldset").filter(has_text=CANDIDATES[1]).get_by_label(_("cannot judge")).check()
    page.get_by_role("button", name=_("Save ratings")).click()
    expect(page.locator("fieldset").filter(has_text=CANDIDATES[0]).get_by_label("4", exact=True)).to_be_checked()

    open_phase(live_session, PhaseKind.PAIRWISE, title="Vergleichen", items=CANDIDATES[:3])
    page.reload()
    first_pair = page.locator("fieldset.workshop-pair").first
    first_pair.get_by_label(CANDIDATES[1]).check()
    first_pair.locator("select").select_option("3")
    page.get_by_role("button", name=_("Save comparisons")).click()
    expect(page.locator("fieldset.workshop-pair").first.get_by_label(CANDIDATES[1])).to_be_checked()

    open_phase(live_session, PhaseKind.RANKING, title="Rangfolge", items=CANDIDATES[:3])
    page.reload()
    tab_to(page, _("Move “%(text)s” up") % {"text": CANDIDATES[2]})
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    places = page.locator(".workshop-ranking__row .workshop-card__text")
    expect(places.nth(1)).to_contain_text(CANDIDATES[2])
    screenshot(page, "workshop-320-ranking-moved")
    phone.close()


def test_a_new_phase_arrives_without_reloading_and_is_announced_politely(browser, live_server, live_session):
    phone = Phone(browser, live_server)
    page = phone.page
    join_by_code(page)
    page.get_by_label(StakeholderLabel.company()).check()
    page.get_by_role("button", name=_("Join")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(_("It starts in a moment"))
    for _wait in range(50):
        if phone.sockets:
            break
        page.wait_for_timeout(100)
    status = page.locator("#workshop-status")
    expect(status).to_have_attribute("aria-live", "polite")

    open_phase(live_session, PhaseKind.COLLECT, title="Was fehlt am Standort?")
    phone.push("phase")

    expect(page.get_by_role("heading", level=1)).to_have_text("Was fehlt am Standort?")
    expect(status).to_contain_text("Was fehlt am Standort?")

    # What someone is typing survives an update of the region.
    card = page.get_by_role("textbox", name=_("Your card"))
    card.fill("Halb geschrieben")
    phone.push("items")
    page.wait_for_timeout(500)
    expect(card).to_have_value("Halb geschrieben")

    # The focus on a point button survives an update of the region: Enter still gives the point.
    open_phase(live_session, PhaseKind.DOT_VOTE, title="Punkte vergeben", items=["Fachkräfte"], budget=2)
    phone.push("phase")
    expect(page.get_by_role("heading", level=1)).to_have_text("Punkte vergeben")
    more = page.get_by_role("button", name=_("One point more for “%(text)s”") % {"text": "Fachkräfte"})
    more.focus()
    phone.push("items")  # the region is fetched again and swapped in
    page.wait_for_timeout(500)
    expect(more).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#points-left strong")).to_have_text("1")
    phone.close()
