"""The facilitator in a real browser: creates a workshop and a Strategiewerkstatt session from the template,
starts it, opens the first phases, types in paper cards, merges two, creates a cluster and moves cards into it,
reveals, and the projector shows the results — also when they arrive live over its WebSocket. axe-core on the
list, the session's setup, the console and the projector; the console reflows at 320 px; screenshots of all of
them go to test-artifacts/ (workshop-console-*.png, workshop-projector-*.png).

The test server speaks HTTP only: the watchers' WebSocket (``/ws/werkstatt/<id>/``) is answered here — it says
hello, and the projector test sends the results fragment as the consumer would.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _
from playwright.sync_api import Page, WebSocketRoute, expect

from browser.test_reflow import assert_reflows
from standortkompass.workshops.models import Item, ItemKind, ItemOrigin, LiveSession, PhaseKind, Workshop
from standortkompass.workshops.services.contributions import item_add
from standortkompass.workshops.services.participation import participant_join
from standortkompass.workshops.services.phases import phase_close
from standortkompass.workshops.views.projector import results_html

PROJECTOR = {"width": 1280, "height": 720}


class WatchSockets:
    """The watchers' WebSocket, answered in the browser context: hello on connect; :meth:`results` sends the
    results fragment of the session as ``consumers.WatchConsumer`` does after a change."""

    def __init__(self, page: Page) -> None:
        self.sockets: list[WebSocketRoute] = []
        page.context.route_web_socket(re.compile(r"/ws/werkstatt/"), self._connect)

    def _connect(self, socket: WebSocketRoute) -> None:
        self.sockets.append(socket)
        socket.on_message(lambda _message: None)  # pings
        # Playwright runs this handler in a greenlet of its own, which Django sees as a context of its own: the
        # connection opened here must be closed here, or it never goes back to the pool (PostgreSQL runs dry).
        try:
            session = LiveSession.objects.order_by("-pk").first()
            seq = session.sequence if session else 0
        finally:
            connection.close()
        socket.send(json.dumps({"type": "hello", "seq": seq, "now": timezone.now().isoformat()}))

    def changed(self, session: LiveSession, event: str) -> None:
        """Tell the console that the session changed, as ``consumers.WatchConsumer`` passes a change on."""
        session.refresh_from_db()
        message = {"type": "changed", "seq": session.sequence, "event": event, "table": None}
        for socket in self.sockets:
            socket.send(json.dumps(message))

    def results(self, session: LiveSession) -> None:
        seq, html = results_html(session)
        for socket in self.sockets:
            socket.send(json.dumps({"type": "results", "seq": seq, "html": html}))


def _button(page: Page, name: str) -> Any:
    return page.get_by_role("button", name=name, exact=True)


@pytest.fixture
def editor_page(logged_in_page, public_site) -> Page:
    page = logged_in_page("editor")
    page.set_default_timeout(15_000)
    return page


def test_a_facilitator_runs_a_strategiewerkstatt_from_the_console_to_the_projector(
    editor_page, public_site, axe_check, screenshot
):
    page = editor_page
    sockets = WatchSockets(page)
    process = public_site.process
    base = f"/verwaltung/{process.pk}/werkstaetten/"

    # The list of workshops, then a new Strategiewerkstatt.
    page.goto(base)
    expect(page.get_by_role("heading", level=1)).to_have_text(_("Live workshops"))
    axe_check(page)
    screenshot(page, "workshop-console-list")
    page.get_by_role("link", name=_("New workshop")).click()
    page.get_by_label(_("Title")).fill("Strategiewerkstatt Ludwigsburg")
    page.get_by_label(str(Workshop._meta.get_field("kind").choices[1][1])).check()  # Strategiewerkstatt
    _button(page, _("Create workshop")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Strategiewerkstatt Ludwigsburg")
    workshop = Workshop.objects.get(title="Strategiewerkstatt Ludwigsburg")
    assert workshop.kind == "strategy"

    # A session from the template (preselected for a Strategiewerkstatt): its phases are listed.
    page.get_by_role("link", name=_("New session")).click()
    _button(page, _("Create session")).click()
    session = LiveSession.objects.get(workshop=workshop)
    phases = list(session.phases.order_by("position"))
    assert len(phases) >= 6
    expect(page.locator(".phase-list__item")).to_have_count(len(phases))
    expect(page.locator(".join-panel__qr svg")).to_be_visible()
    axe_check(page)
    screenshot(page, "workshop-console-session")

    # Start: the console.
    _button(page, _("Start the session")).click()
    expect(page).to_have_url(re.compile(r"/moderation/$"))
    expect(page.locator("[data-results-region]")).to_be_visible()
    axe_check(page)

    # Open the check-in, then the candidates (a collect phase with live results).
    check_in, candidates = phases[0], phases[1]
    assert (check_in.kind, candidates.kind) == (PhaseKind.CHECK_IN, PhaseKind.COLLECT)
    _button(page, _("Open the next phase: %(title)s") % {"title": check_in.title}).click()
    expect(page.locator("#phase")).to_have_text(check_in.title)
    _button(page, _("Open the next phase: %(title)s") % {"title": candidates.title}).click()
    expect(page.locator("#phase")).to_have_text(candidates.title)

    # Paper cards: several lines at once, marked "Paper".
    page.get_by_label(_("Cards from paper")).fill(
        "Fachkräfte fehlen im Handwerk\nZu wenig Fachkräfte <b>Pflege</b>\nGewerbeflächen sind knapp\nBreitband"
    )
    _button(page, _("Enter paper cards")).click()
    expect(page.locator(".console-card").filter(has_text="Gewerbeflächen sind knapp")).to_contain_text(_("Paper"))
    expect(page.get_by_label("Zu wenig Fachkräfte <b>Pflege</b>")).to_be_visible()  # escaped, shown as typed
    paper = {item.text: item for item in candidates.items.filter(origin=ItemOrigin.PAPER)}
    assert len(paper) == 4

    # A card from a phone appears in the list without a reload; what the facilitator ticked stays ticked.
    page.get_by_label("Breitband", exact=True).check()
    phone, _token = participant_join(session=session, display_name="Kim", group="company")
    item_add(phase=candidates, participant=phone, text="Fachkräfte binden")
    sockets.changed(session, "items")
    expect(page.get_by_label("Fachkräfte binden")).to_be_visible()
    expect(page.get_by_label("Breitband", exact=True)).to_be_checked()
    page.get_by_label("Breitband", exact=True).uncheck()

    # Merge two cards (check boxes, then the card to keep).
    page.get_by_label("Fachkräfte fehlen im Handwerk").check()
    page.get_by_label("Zu wenig Fachkräfte <b>Pflege</b>").check()
    page.get_by_label(_("Merge the chosen cards into")).select_option(str(paper["Fachkräfte fehlen im Handwerk"].pk))
    _button(page, _("Merge")).click()
    merged = Item.objects.get(pk=paper["Zu wenig Fachkräfte <b>Pflege</b>"].pk)
    assert merged.cluster_id == paper["Fachkräfte fehlen im Handwerk"].pk

    # A cluster, and cards moved into it.
    page.get_by_label(_("Name of the cluster")).fill("Standort und Infrastruktur")
    _button(page, _("Create cluster")).click()
    cluster = candidates.items.get(kind=ItemKind.CLUSTER)
    page.get_by_label("Gewerbeflächen sind knapp").check()
    page.get_by_label("Breitband", exact=True).check()
    page.get_by_label(_("Move the chosen cards into")).select_option(str(cluster.pk))
    _button(page, _("Move")).click()
    assert set(cluster.members.values_list("text", flat=True)) == {"Gewerbeflächen sind knapp", "Breitband"}
    expect(page.locator(f"#karte-{cluster.pk} .console-cards--members .console-card")).to_have_count(2)

    # Reveal (the phase shows live anyway; the switch is recorded) and check the console.
    _button(page, _("Reveal the results")).click()
    expect(_button(page, _("Hide the results"))).to_be_visible()
    axe_check(page)
    screenshot(page, "workshop-console-1280")
    page.set_viewport_size({"width": 320, "height": 640})
    assert_reflows(page, "workshop-console-320", screenshot)
    axe_check(page)
    page.set_viewport_size({"width": 1280, "height": 900})

    # The projector (logged in): the card wall with the cluster, the paper marks, join code and QR code.
    projector = page.context.new_page()
    projector.set_viewport_size(PROJECTOR)
    projector.goto(f"{base}sitzung/{session.pk}/beamer/")
    expect(projector.locator(".projector-join__code")).to_have_text(session.join_code)
    expect(projector.locator(".projector-join__qr svg")).to_be_visible()
    expect(projector.locator(".projector-card--cluster")).to_contain_text("Standort und Infrastruktur")
    expect(projector.locator(".projector-card--paper").first).to_contain_text(_("Paper"))
    axe_check(projector)
    screenshot(projector, "workshop-projector-cards")
    assert _font_size(projector, ".projector-phase__title") >= 40
    assert _font_size(projector, ".projector-card__text") >= 20

    # The dot vote: paper dots from the pinboard, the phase closes, the projector gets the bars live.
    dot_vote = phases[2]
    page.bring_to_front()
    _button(page, _("Open the next phase: %(title)s") % {"title": dot_vote.title}).click()
    expect(page.locator("#phase")).to_have_text(dot_vote.title)
    pinboard = page.locator("#papier")
    pinboard.get_by_label("Standort und Infrastruktur").fill("7")
    pinboard.get_by_label("Fachkräfte fehlen im Handwerk").fill("4")
    _button(page, _("Enter paper dots")).click()
    expect(page.locator("#papier").get_by_label("Standort und Infrastruktur")).to_have_value("7")
    _button(page, _("Close this phase")).click()
    phase_done = Item.objects.filter(phase=dot_vote).count()
    assert phase_done >= 2
    session.refresh_from_db()
    sockets.results(session)
    projector.bring_to_front()
    expect(projector.locator(".projector-figure.is-rendered svg")).to_be_visible()
    expect(projector.locator(".projector-phase__title")).to_have_text(dot_vote.title)
    axe_check(projector)
    screenshot(projector, "workshop-projector-votes")

    # Split by stakeholder group on demand (only paper dots here: the groups are "no group given").
    page.bring_to_front()
    _button(page, _("Split by stakeholder group")).click()
    expect(_button(page, _("Show all together"))).to_be_visible()
    projector.reload()
    expect(projector.locator(".projector-split")).to_be_visible()
    projector.close()


def _font_size(page: Page, selector: str) -> float:
    return float(page.eval_on_selector(selector, "element => parseFloat(getComputedStyle(element).fontSize)"))


def test_a_closed_phase_s_result_is_on_the_projector_without_javascript(
    browser, live_server, public_site, users, screenshot
):
    """Without JavaScript the projector shows the figures as a table and reloads itself (meta refresh)."""
    from standortkompass.workshops.services.contributions import item_add, paper_points
    from standortkompass.workshops.services.phases import phase_add, phase_open
    from standortkompass.workshops.services.workshops import session_create, session_start

    editor = users["editor"]
    workshop = Workshop.objects.create(process=public_site.process, title="Werkstatt ohne Skript", kind="free")
    session = session_create(workshop=workshop, actor=editor, title="Sitzung")
    session_start(session=session, actor=editor)
    collect = phase_add(session=session, actor=editor, data={"kind": "collect", "title": "Sammeln"})
    dots = phase_add(
        session=session,
        actor=editor,
        data={"kind": "dot_vote", "title": "Punkten", "input_mode": "all", "input_phase": collect},
    )
    phase_open(phase=collect, actor=editor)
    for text in ("Fachkräfte", "Flächen"):
        item_add(phase=collect, actor=editor, text=text)
    phase_open(phase=dots, actor=editor)
    paper_points(phase=dots, actor=editor, counts={item.pk: 3 for item in dots.items.all()})
    phase_close(phase=dots, actor=editor)
    session.refresh_from_db()

    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, viewport=PROJECTOR)
    page = context.new_page()
    response = page.goto(f"/mitmachen/{session.join_code}/beamer/{session.projector_key}/")
    assert response is not None
    assert response.status == 200
    expect(page.locator(".projector-table")).to_contain_text("Fachkräfte")
    expect(page.locator(".projector-join__code")).to_have_text(session.join_code)
    screenshot(page, "workshop-projector-without-javascript")
    assert not context.cookies()
    context.close()
