"""The acceptance journey of the live workshops (issue 13, "Acceptance"), through the pages as people use them.

Only the starting world is written with the ORM: the process, a finding of the location analysis (a prefilled
candidate of the Strategiewerkstatt) and Redaktion's account with its second factor. Everything else happens in
the browser, each person in a browser context of their own:

1. The facilitator (Redaktion, logged in with the second factor) creates a Strategiewerkstatt, a session from
   the template "Strategiewerkstatt", starts it and reads the join code in the console.
2. Three participants type the code at /mitmachen/ — one on a phone 320 CSS px wide — and pick their stakeholder
   group; the projector (its address with the key, from the session's page) shows the code.
3. The facilitator opens the check-in and the candidates phase (a collect phase, prefilled with the finding);
   the participants' pages follow by themselves; they write cards.
4. The facilitator clusters the cards in the console: a new cluster, three cards moved into it.
5. The dot vote takes the clusters and the unclustered cards; the participants give their dots, one of them
   tries a dot over the budget and is refused (the message in the focused error summary).
6. The facilitator closes the phase; its result is revealed on the projector (the figures checked) and on the
   phones.
7. The CSV downloaded from the documentation page holds every vote: one row per participant and item, with the
   dots given.
8. On the documentation page the facilitator hands the winning cluster to the strategy as a field of action;
   the element's management page cites the workshop item with a link back, and the documentation says what
   became of the idea — at the dot vote's item and at the cluster it came from.

The test server speaks HTTP only, so every WebSocket is refused at once, as a network that blocks WebSockets
would: after three tries the pages fall back to polling every 3 seconds (``static/workshops/live.js``), and the
participants' phones, the console's preview and the projector follow the session that way. Screenshots of the
key steps go to test-artifacts/workshop-journey-*.png.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Callable, Iterator

import pytest
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Locator, Page, Request, WebSocketRoute, expect

from browser.conftest import BROWSER_PASSWORD
from browser.test_reflow import assert_reflows
from browser.test_strategy_journey import log_in
from standortkompass.standortanalyse.models import AnalysisSettings, Finding, FindingKind
from standortkompass.strategy.models import Element, ElementKind, EvidenceLink
from standortkompass.workshops.models import (
    Item,
    ItemKind,
    ItemOrigin,
    LiveSession,
    PhaseKind,
    PhaseState,
    SessionState,
    StakeholderGroup,
    Workshop,
    WorkshopKind,
)

WIDE = {"width": 1280, "height": 900}
PHONE = {"width": 320, "height": 640}
TABLET = {"width": 768, "height": 1024}
PROJECTOR = {"width": 1280, "height": 720}
# A page without its WebSocket polls after three failed tries (1 + 2 seconds apart), then every 3 seconds.
LIVE = 25_000

WORKSHOP = "Strategiewerkstatt Landkreis 2027"
SESSION = "Vormittag im Kreishaus"
FINDING = "Fachkräfteengpass in Industrie und Handwerk"
CLUSTER = "Fachkräfte sichern"
CRAFT = "Fachkräfte fehlen im Handwerk"
CARE = "Zu wenig Azubis in der Pflege"
SPACE = "Gewerbeflächen sind knapp"
BROADBAND = "Breitband in allen Gewerbegebieten"
FIELD = "Fachkräfte sichern und gewinnen"


@pytest.fixture
def world(transactional_db, process, users) -> TOTPDevice:
    """The process with a published finding (a candidate the template puts on the wall) and Redaktion's second
    factor; returns the device."""
    AnalysisSettings.objects.create(process=process, is_public=True)
    Finding.objects.create(
        process=process,
        kind=FindingKind.WEAKNESS,
        title=FINDING,
        text="Vier von zehn Betrieben finden für offene Ausbildungsstellen keine Bewerberinnen und Bewerber.",
        is_public=True,
    )
    editor = users["editor"]
    editor.set_password(BROWSER_PASSWORD)
    editor.save()
    return TOTPDevice.objects.create(user=editor, name="Telefon", confirmed=True)


def refuse_websockets(context: BrowserContext) -> None:
    """Every WebSocket of the context is closed as soon as it opens (the test server has none)."""

    def refuse(socket: WebSocketRoute) -> None:
        socket.close(code=1011, reason="no WebSocket on the test server")

    context.route_web_socket(re.compile(r"/ws/"), refuse)


@pytest.fixture
def open_browser(
    browser: Browser, live_server, requests_made: list[str], console_errors: list[str], page: Page
) -> Iterator[Callable[[dict[str, int]], Page]]:
    """``open_browser(viewport)``: a page in a browser context of its own (one per person or device), watched like
    ``page``: its requests and console errors go to the lists that ``page`` checks after the test."""
    contexts: list[BrowserContext] = []

    def on_request(browser_request: Request) -> None:
        requests_made.append(browser_request.url)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            console_errors.append(f"{message.text} ({message.location.get('url', '')})")

    def open_page(viewport: dict[str, int]) -> Page:
        context = browser.new_context(
            base_url=live_server.url, locale="de-DE", timezone_id="Europe/Berlin", viewport=viewport
        )
        context.on("request", on_request)
        context.on("console", on_console)
        refuse_websockets(context)
        contexts.append(context)
        opened = context.new_page()
        opened.set_default_timeout(15_000)
        return opened

    yield open_page
    for context in contexts:
        context.close()


def press(page: Page, control: Locator) -> None:
    """Click a control that sends a form or follows a link, and wait for the page that answers."""
    with page.expect_navigation():
        control.click()


def button(page: Page, name: str) -> Locator:
    return page.get_by_role("button", name=name, exact=True)


def heading(page: Page) -> Locator:
    return page.get_by_role("heading", level=1)


def shot(page: Page, screenshot, name: str) -> None:
    screenshot(page, f"workshop-journey-{name}")


def join(person: Page, typed_code: str, group: str, name: str) -> None:
    """Type the code at /mitmachen/, then pick the stakeholder group and give a name."""
    person.goto("/mitmachen/")
    person.get_by_label(_("Code")).fill(typed_code)
    press(person, button(person, _("Continue")))
    expect(heading(person)).to_have_text(_("Take part: %(title)s") % {"title": WORKSHOP})
    person.get_by_label(group, exact=True).check()
    person.get_by_label(_("Name")).fill(name)
    press(person, button(person, _("Join")))
    expect(heading(person)).to_have_text(_("It starts in a moment"))


def add_card(person: Page, text: str) -> None:
    person.get_by_role("textbox", name=_("Your card")).fill(text)
    press(person, button(person, _("Add card")))
    expect(person.locator(".workshop-card__text").filter(has_text=text)).to_have_count(1)


def dot(person: Page, text: str) -> None:
    """One dot more for the item (its "+" button, named for screen readers)."""
    press(person, person.get_by_role("button", name=_("One point more for “%(text)s”") % {"text": text}))


def dots_left(person: Page) -> Locator:
    return person.locator("#points-left strong")


def test_a_strategiewerkstatt_runs_from_the_template_to_a_field_of_action_in_the_strategy(
    world, users, process, page, open_browser, console_errors, screenshot
):
    base = f"/verwaltung/{process.pk}/werkstaetten/"

    # 1. The facilitator creates the workshop and a session from the Strategiewerkstatt template, and starts it.
    facilitator = page
    refuse_websockets(facilitator.context)
    log_in(facilitator, users["editor"], world)
    facilitator.goto(base)
    facilitator.get_by_role("link", name=_("New workshop")).click()
    facilitator.get_by_label(_("Title"), exact=True).fill(WORKSHOP)
    facilitator.get_by_label(str(WorkshopKind.STRATEGY.label), exact=True).check()
    press(facilitator, button(facilitator, _("Create workshop")))
    expect(heading(facilitator)).to_have_text(WORKSHOP)
    facilitator.get_by_role("link", name=_("New session")).click()
    facilitator.get_by_label(_("Title"), exact=True).fill(SESSION)
    template = _("Strategy workshop: candidates, dot vote, table rounds, matrix, pairwise comparison")
    expect(facilitator.get_by_label(template)).to_be_checked()  # preselected for a Strategiewerkstatt
    press(facilitator, button(facilitator, _("Create session")))
    expect(heading(facilitator)).to_have_text(SESSION)

    session = LiveSession.objects.get(workshop__title=WORKSHOP)
    phases = list(session.phases.order_by("position", "id"))
    assert [phase.kind for phase in phases] == [
        PhaseKind.CHECK_IN,
        PhaseKind.COLLECT,
        PhaseKind.DOT_VOTE,
        PhaseKind.COLLECT,
        PhaseKind.MATRIX,
        PhaseKind.PAIRWISE,
        PhaseKind.SUMMARY,
    ]
    check_in, candidates, dot_vote = phases[:3]
    assert (dot_vote.input_phase_id, dot_vote.setting("budget"), dot_vote.setting("cap_per_item")) == (
        candidates.pk,
        5,
        2,
    )
    expect(facilitator.locator(".phase-list__item")).to_have_count(len(phases))
    # The finding is on the candidates' wall before anyone has written a card.
    expect(facilitator.locator(f"#phase-{candidates.pk}")).to_contain_text(
        ngettext("%(count)s item", "%(count)s items", 1) % {"count": 1}
    )
    projector_address = facilitator.locator("code.projector-key-url").inner_text().strip()
    assert projector_address.endswith(f"/mitmachen/{session.join_code}/beamer/{session.projector_key}/")
    shot(facilitator, screenshot, "1-session")

    press(facilitator, button(facilitator, _("Start the session")))
    expect(facilitator).to_have_url(re.compile(r"/moderation/$"))
    console = facilitator.url
    code = facilitator.locator(".console-bar__code .join-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{6}", code), code

    # The projector laptop is not logged in: it opens the address with the key and shows the code.
    projector = open_browser(PROJECTOR)
    projector.goto(projector_address)
    expect(projector.locator(".projector-join__code")).to_have_text(code)
    expect(projector.locator(".projector-phase__title")).to_have_text(_("Welcome! Join now – we start in a moment."))

    # 2. Three participants type the code (as people do: lower case, with a space) and pick their group.
    typed = f"{code[:3].lower()} {code[3:].lower()}"
    kim = open_browser(PHONE)
    join(kim, typed, str(StakeholderGroup.COMPANY.label), "Kim")
    assert_reflows(kim, "workshop-journey-2-phone-joined", screenshot)
    ali = open_browser(TABLET)
    join(ali, typed, str(StakeholderGroup.MUNICIPALITY.label), "Ali")
    jo = open_browser(WIDE)
    join(jo, typed, str(StakeholderGroup.SCIENCE.label), "Jo")
    people = (kim, ali, jo)

    facilitator.goto(console)
    expect(facilitator.locator(".console-total td").first).to_have_text("3")
    expect(facilitator.locator(".console-people")).to_contain_text("Kim")

    # 3. The check-in, then the candidates: every phone follows the facilitator by itself.
    press(facilitator, button(facilitator, _("Open the next phase: %(title)s") % {"title": check_in.title}))
    for person in people:
        expect(heading(person)).to_have_text(check_in.title, timeout=LIVE)
    kim.get_by_role("textbox", name=_("Your answer")).fill("Für Betriebe, die hier ausbilden und bleiben")
    press(kim, button(kim, _("Send answer")))
    expect(kim.locator(".workshop-card__text")).to_have_text("Für Betriebe, die hier ausbilden und bleiben")

    press(facilitator, button(facilitator, _("Open the next phase: %(title)s") % {"title": candidates.title}))
    for person in people:
        expect(heading(person)).to_have_text(candidates.title, timeout=LIVE)
    add_card(kim, CRAFT)
    add_card(ali, CARE)
    add_card(ali, SPACE)
    add_card(jo, BROADBAND)
    shot(kim, screenshot, "3-phone-cards")
    # The candidates are shown live: the projector's card wall has every card, the finding too.
    wall = projector.locator(".projector-wall")
    for text in (FINDING, CRAFT, CARE, SPACE, BROADBAND):
        expect(wall.get_by_text(text, exact=True)).to_be_visible(timeout=LIVE)

    # 4. The facilitator clusters the cards in the console: a cluster, and three cards moved into it.
    facilitator.goto(console)
    expect(facilitator.locator("#phase")).to_have_text(candidates.title)
    cards = facilitator.locator("#karten")
    for text in (FINDING, CRAFT, CARE, SPACE, BROADBAND):
        expect(cards.get_by_label(text, exact=True)).to_be_visible()
    facilitator.get_by_label(_("Name of the cluster")).fill(CLUSTER)
    press(facilitator, button(facilitator, _("Create cluster")))
    cluster = Item.objects.get(phase=candidates, kind=ItemKind.CLUSTER)
    for text in (FINDING, CRAFT, CARE):
        cards.get_by_label(text, exact=True).check()
    facilitator.get_by_label(_("Move the chosen cards into")).select_option(label=CLUSTER)
    press(facilitator, button(facilitator, _("Move")))
    members = facilitator.locator(f"#karte-{cluster.pk} .console-cards--members .console-card")
    expect(members).to_have_count(3)
    for text in (FINDING, CRAFT, CARE):
        expect(members.filter(has_text=text)).to_have_count(1)
    assert set(cluster.members.values_list("text", flat=True)) == {FINDING, CRAFT, CARE}
    shot(facilitator, screenshot, "4-console-cluster")
    projector_cluster = projector.locator(".projector-card--cluster")
    expect(projector_cluster).to_contain_text(CLUSTER, timeout=LIVE)
    expect(projector_cluster).to_contain_text(ngettext("%(count)s card", "%(count)s cards", 3) % {"count": 3})

    # 5. The dot vote takes the cluster and the two cards that are in none.
    press(facilitator, button(facilitator, _("Open the next phase: %(title)s") % {"title": dot_vote.title}))
    expect(facilitator.locator("#phase")).to_have_text(dot_vote.title)
    voted_on = list(dot_vote.items.order_by("position", "id"))
    assert sorted((item.text, item.origin) for item in voted_on) == [
        (BROADBAND, ItemOrigin.CARRIED),
        (CLUSTER, ItemOrigin.CARRIED),
        (SPACE, ItemOrigin.CARRIED),
    ]
    candidates.refresh_from_db()
    assert candidates.state == PhaseState.CLOSED  # closed with its snapshot when the dot vote opened
    for person in people:
        expect(heading(person)).to_have_text(dot_vote.title, timeout=LIVE)
        expect(dots_left(person)).to_have_text("5")
    # The results come when the phase closes: the projector asks to vote and shows no figures yet.
    expect(projector.locator(".projector-phase__title")).to_have_text(dot_vote.title, timeout=LIVE)
    expect(projector.locator(".projector-waiting")).to_have_text(
        _("Please take part on your phone. The results follow.")
    )

    ballots: Counter[tuple[int, str]] = Counter()  # (participant no. in the order they joined, item) → dots

    def give(person: Page, number: int, text: str, left: int) -> None:
        dot(person, text)
        expect(dots_left(person)).to_have_text(str(left))
        ballots[(number, text)] += 1

    # Kim, on the phone: 2 + 2 + 1 dots, all five.
    give(kim, 1, CLUSTER, 4)
    give(kim, 1, CLUSTER, 3)
    give(kim, 1, BROADBAND, 2)
    give(kim, 1, BROADBAND, 1)
    give(kim, 1, SPACE, 0)
    assert_reflows(kim, "workshop-journey-5-phone-dots", screenshot)
    # One dot more is over the budget: refused, the message in the focused error summary, nothing saved.
    dot(kim, SPACE)
    summary = kim.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text(
        ngettext(
            "You have given all your %(budget)s point; take one back from another card first.",
            "You have given all your %(budget)s points; take some back from another card first.",
            5,
        )
        % {"budget": 5}
    )
    expect(dots_left(kim)).to_have_text("0")
    shot(kim, screenshot, "5-phone-refused")
    # The refused form answered 400 on purpose (the page with its error summary); the browser logs that.
    console_errors[:] = [error for error in console_errors if "status of 400" not in error]

    # Ali may not dot his own card ("your card"); Jo neither.
    expect(ali.locator(".workshop-vote").filter(has_text=SPACE)).to_contain_text(_("your card"))
    give(ali, 2, CLUSTER, 4)
    give(ali, 2, CLUSTER, 3)
    give(ali, 2, BROADBAND, 2)
    give(jo, 3, CLUSTER, 4)
    give(jo, 3, CLUSTER, 3)
    give(jo, 3, SPACE, 2)
    totals = Counter()
    for (_number, text), count in ballots.items():
        totals[text] += count
    assert totals == {CLUSTER: 6, BROADBAND: 3, SPACE: 2}
    participation = ngettext("%(count)s took part in this step", "%(count)s took part in this step", 3) % {"count": 3}
    expect(projector.locator(".projector-count")).to_contain_text(participation, timeout=LIVE)
    expect(projector.locator(".projector-table")).to_have_count(0)

    # 6. The facilitator closes the phase: the result is revealed on the projector and on the phones.
    facilitator.goto(console)
    expect(facilitator.locator(".console-total td").nth(2)).to_have_text("3")  # took part in this phase
    press(facilitator, button(facilitator, _("Close this phase")))
    dot_vote.refresh_from_db()
    assert dot_vote.state == PhaseState.CLOSED
    assert dot_vote.snapshot["result"]["total"] == 11

    rows = projector.locator(".projector-table tbody tr")
    expect(rows).to_have_count(3, timeout=LIVE)
    expected_rows = [[CLUSTER, "6"], [BROADBAND, "3"], [SPACE, "2"]]  # no paper counts: no paper column
    for index, cells in enumerate(expected_rows):
        expect(rows.nth(index).locator("th, td")).to_have_text(cells)
    expect(projector.locator(".projector-figures")).to_have_text(
        " · ".join([_("%(count)s points given") % {"count": "11"}, _("%(count)s voters") % {"count": "3"}])
    )
    expect(projector.locator(".projector-phase__kind")).to_contain_text(_("closed"))
    expect(projector.locator(".projector-figure.is-rendered svg")).to_be_visible()
    shot(projector, screenshot, "6-projector-result")
    result = ali.locator(".workshop-result__entry").first
    expect(result).to_contain_text(CLUSTER, timeout=LIVE)
    expect(result).to_contain_text(ngettext("%(counter)s point", "%(counter)s points", 6) % {"counter": 6})

    # 7. The CSV from the documentation page holds every vote: a row per participant and item, with its dots.
    facilitator.get_by_role("link", name=_("Prepare the session (phases, tables)")).click()
    facilitator.get_by_role("link", name=_("Documentation"), exact=True).click()
    expect(heading(facilitator)).to_have_text(f"{WORKSHOP}: {SESSION}")
    with facilitator.expect_download() as download:
        facilitator.get_by_role("link", name=_("All data as CSV")).click()
    data = download.value.path().read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for German Excel
    table = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    votes = [row for row in table if row[_("Row kind")] == _("Points")]
    assert len(votes) == len(ballots) == 7
    assert {row[_("Phase")] for row in votes} == {dot_vote.title}
    assert {(int(row[_("Participant no.")]), row[_("Item")]): int(row[_("Value")]) for row in votes} == dict(ballots)
    assert sum(int(row[_("Value")]) for row in votes) == 11
    groups = {row[_("Participant no.")]: row[_("Stakeholder group")] for row in votes}
    assert groups == {
        "1": str(StakeholderGroup.COMPANY.label),
        "2": str(StakeholderGroup.MUNICIPALITY.label),
        "3": str(StakeholderGroup.SCIENCE.label),
    }

    # 8. The winning cluster goes to the strategy as a field of action, with its evidence link both ways.
    winner = dot_vote.items.get(text=CLUSTER)
    assert winner.source_item_id == cluster.pk
    entry = facilitator.locator(f"#eintrag-{winner.pk}")
    entry.get_by_role("link", name=re.compile(re.escape(_("Hand over to the strategy …")))).click()
    expect(heading(facilitator)).to_have_text(_("Hand over to the strategy"))
    expect(facilitator.locator("blockquote")).to_have_text(CLUSTER)
    facilitator.get_by_label(_("Candidate field of action")).check()
    facilitator.get_by_label(_("Title in the strategy")).fill(FIELD)
    press(facilitator, button(facilitator, _("Hand over")))
    expect(facilitator).to_have_url(re.compile(rf"#eintrag-{winner.pk}$"))
    element = Element.objects.get(title=FIELD)
    assert element.kind == ElementKind.FIELD
    link = EvidenceLink.objects.get(element=element)
    assert (link.kind, link.reference) == ("workshop_item", {"item": winner.pk})
    outcome = facilitator.locator(f"#eintrag-{winner.pk}")
    expect(outcome).to_contain_text(_("What became of this idea?"))
    element_url = f"/verwaltung/{process.pk}/strategie/elemente/{element.pk}/"
    expect(outcome.get_by_role("link", name=FIELD)).to_have_attribute("href", element_url)
    # The cluster the winner came from (in the candidates phase) tells the same, through its later copy.
    origin = facilitator.locator(f"#eintrag-{cluster.pk}")
    expect(origin).to_contain_text(_("What became of this idea?"))
    expect(origin).to_contain_text(_("Also through what it became in a later phase or workshop."))
    expect(origin.get_by_role("link", name=FIELD)).to_have_attribute("href", element_url)
    shot(facilitator, screenshot, "8-documentation")

    # The element's page names the workshop result it rests on, with its standing and a link back.
    outcome.get_by_role("link", name=FIELD).click()
    expect(heading(facilitator)).to_contain_text(FIELD)
    cited = facilitator.locator(".strategy-evidence")
    expect(cited).to_have_count(1)
    expect(cited).to_contain_text(_("Result of a workshop"))
    standing = ", ".join(
        [
            ngettext("%(points)s point", "%(points)s points", 6) % {"points": "6"},
            _("rank %(rank)s of %(count)s") % {"rank": 1, "count": 3},
        ]
    )
    expect(cited).to_contain_text(standing)
    expect(cited).to_contain_text(WORKSHOP)
    back = cited.get_by_role("link", name=CLUSTER, exact=True)
    expect(back).to_have_attribute("href", f"{base}sitzung/{session.pk}/dokumentation/#eintrag-{winner.pk}")
    shot(facilitator, screenshot, "8-element")
    press(facilitator, back)
    expect(facilitator.locator(f"#eintrag-{winner.pk}")).to_contain_text(FIELD)

    # The draft lists the new field of action.
    facilitator.goto(f"/verwaltung/{process.pk}/strategie/")
    expect(facilitator.locator("main").get_by_role("link", name=FIELD, exact=True).first).to_be_visible()


# The label of a button must lie inside the button. KERN styles every ``.kern-btn`` that holds a ``.kern-sr-only``
# as an icon-only button of fixed width (48 px; 32 px when x-small), so a button with a visible label plus
# screen-reader text is squeezed and its label spills out.
LABEL_INSIDE = """(button) => {
  const outer = button.getBoundingClientRect();
  const label = button.querySelector('.kern-label').getBoundingClientRect();
  return {button: Math.round(outer.width), label: Math.round(label.width),
          inside: label.left >= outer.left - 1 && label.right <= outer.right + 1};
}"""


def test_the_hand_over_button_of_the_documentation_holds_its_label(transactional_db, process, users, logged_in_page):
    from workshops.held_session import build_held_session

    workshop = Workshop.objects.create(process=process, title="Strategiewerkstatt (Test)", kind=WorkshopKind.STRATEGY)
    session = LiveSession.objects.create(
        workshop=workshop,
        title="Sitzung 1",
        join_code="JRNY34",
        projector_key="projector-key-journey-0123456789abcdef",
        state=SessionState.LIVE,
    )
    held = build_held_session(session, users["editor"])
    page = logged_in_page("editor")
    page.goto(f"/verwaltung/{process.pk}/werkstaetten/sitzung/{session.pk}/dokumentation/")
    hand_over = page.locator(f"#eintrag-{held.cluster.pk}").get_by_role(
        "link", name=re.compile(re.escape(_("Hand over to the strategy …")))
    )
    measured = hand_over.evaluate(LABEL_INSIDE)
    assert measured["inside"], f"the label ({measured['label']} px) spills out of its button ({measured['button']} px)"
