"""The whole way of a strategy, through the pages as people use them (issue 12, "Acceptance").

Only the starting world is written with the ORM and the services: the process with its people, the Sounding
Board with the board member's seat, the Lenkungskreis with a meeting, a published finding, a survey with
completed responses, and an organisation whose contact person has the partner's address (so the partner leads
the project that organisation leads). Everything else happens in the browser, each person in a browser of
their own, the agency's people and the board member logged in with their second factor:

1. Redaktion builds a small strategy (Leitbild, two goals with an indicator each, two fields of action, three
   measures, two projects) and links a measure to the finding and to a survey result.
2. Redaktion freezes a version; Administration opens a consultation round on it for the Sounding Board.
3. The board member comments on the measure; Redaktion marks the comment taken up, with a response.
4. Administration submits the version to the steering committee, records the Lenkungskreis's decision approving
   it in the register and publishes the version.
5. A visitor reads /strategie/, the measure with its evidence, the SWOT page saying what came of the finding, the
   project and /beschluesse/.
6. Administration opens a reporting round; the partner reports progress of the project; /umsetzung/ shows it.

axe-core finds no violation on the pages no other browser test checks (the forms to add an element, an
indicator and a source, the register entry form and page, the monitoring overview, the round form and page,
"My area" of the board member and the partner, the SWOT page with what came of a finding); the public strategy,
project, /umsetzung/ and /beschluesse/ pages do not scroll sideways at 320 px. Screenshots of the key steps go
to test-artifacts/journey-*.png.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Browser, ConsoleMessage, Locator, Page, Request, expect

from browser.conftest import BROWSER_PASSWORD
from browser.test_reflow import assert_reflows
from standortkompass.accounts.models import User
from standortkompass.governance.models import RegisterEntry
from standortkompass.governance.services.meetings import meeting_create
from standortkompass.monitoring.models import ProjectReport
from standortkompass.processes.models import (
    Board,
    BoardKind,
    BoardMember,
    ContactPerson,
    Organisation,
    OrganisationType,
    StrategyProcess,
)
from standortkompass.standortanalyse.models import AnalysisSettings, Finding, FindingKind
from standortkompass.strategy.models import (
    CommentDisposition,
    ConsultationComment,
    Element,
    EvidenceLink,
    ProjectStatus,
    Strategy,
    StrategyIndicator,
    StrategyVersion,
    VersionState,
)
from surveys.results_data import grid, results_survey

WIDE = {"width": 1280, "height": 900}
NARROW = {"width": 320, "height": 640}
FINDING = "Fachkräfteengpass in Industrie und Handwerk"
SURVEY = "Unternehmensbefragung 2026"
MEASURE = "Ausbildungsbörse"
LED_PROJECT = "Azubi-Tour 2027"
LEAD = "Agentur für Arbeit Ludwigsburg"


@dataclass
class World:
    process: StrategyProcess
    sounding: Board
    steering: Board
    meeting_pk: int
    devices: dict[str, TOTPDevice]


@pytest.fixture
def world(transactional_db, process, users) -> World:
    AnalysisSettings.objects.create(process=process, is_public=True)
    Finding.objects.create(
        process=process,
        kind=FindingKind.WEAKNESS,
        title=FINDING,
        text="Vier von zehn Betrieben finden für offene Ausbildungsstellen keine Bewerberinnen und Bewerber.",
        is_public=True,
    )
    results_survey(process, grid({("industrie", "0_9"): 7, ("handel", "10_49"): 5}), title=SURVEY)
    sounding = Board.objects.create(process=process, name="Sounding Board", kind=BoardKind.SOUNDING_BOARD, order=0)
    BoardMember.objects.create(board=sounding, name="Erika Beispiel", user=users["board"], function="Vorsitz")
    steering = Board.objects.create(process=process, name="Lenkungskreis", kind=BoardKind.STEERING_COMMITTEE, order=1)
    BoardMember.objects.create(board=steering, name="Max Muster", function="Vorsitz")
    start = timezone.localtime().replace(hour=15, minute=0, second=0, microsecond=0) - dt.timedelta(days=1)
    meeting = meeting_create(
        process=process,
        actor=users["editor"],
        data={
            "board": steering,
            "confidentiality": "public",
            "title": "Sitzung des Lenkungskreises",
            "start": start,
            "end": start + dt.timedelta(hours=2),
            "location": "Kreishaus",
        },
    )
    agency = Organisation.objects.create(process=process, name=LEAD, type=OrganisationType.LABOUR_MARKET)
    ContactPerson.objects.create(organisation=agency, name="Pat Partner", email=users["partner"].email)
    devices = {
        role: TOTPDevice.objects.create(user=users[role], name="Telefon", confirmed=True)
        for role in ("admin", "editor", "board")
    }
    for user in users.values():
        user.set_password(BROWSER_PASSWORD)
        user.save()
    return World(process=process, sounding=sounding, steering=steering, meeting_pk=meeting.pk, devices=devices)


@pytest.fixture
def new_browser_page(
    browser: Browser, live_server, requests_made: list[str], console_errors: list[str], page: Page
) -> Iterator[Callable[[], Page]]:
    """A page in a browser context of its own (one per person), watched like ``page``: its requests and console
    errors go to the same lists, which ``page`` checks after the test."""
    contexts = []

    def on_request(browser_request: Request) -> None:
        requests_made.append(browser_request.url)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            console_errors.append(f"{message.text} ({message.location.get('url', '')})")

    def open_page() -> Page:
        context = browser.new_context(
            base_url=live_server.url, locale="de-DE", timezone_id="Europe/Berlin", viewport=WIDE
        )
        context.on("request", on_request)
        context.on("console", on_console)
        contexts.append(context)
        opened = context.new_page()
        opened.set_default_timeout(15_000)
        return opened

    yield open_page
    for context in contexts:
        context.close()


def log_in(page: Page, user: User, device: TOTPDevice | None) -> None:
    """Through the log-in form; with a device, the second factor with the code an authenticator app shows."""
    page.goto("/konto/anmelden/")
    page.locator('input[name="username"]').fill(user.email)
    page.locator('input[name="password"]').fill(BROWSER_PASSWORD)
    page.locator("main form button.kern-btn--primary").first.click()
    page.wait_for_load_state()
    if device is not None:
        assert "/konto/zweiter-faktor/" in page.url, f"{user.email} was not asked for the second factor: {page.url}"
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
        page.locator('input[name="code"]').fill(f"{code:06d}")
        page.locator("main form button.kern-btn--primary").first.click()
        page.wait_for_load_state()
    assert "/konto/" not in page.url, f"log-in of {user.email} failed: {page.url}"


def axe_clean(page: Page) -> None:
    """No axe-core violation at all, of any impact."""
    violations = Axe().run(page).response["violations"]
    assert not violations, (
        page.url,
        [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations],
    )


def press(page: Page, control: Locator) -> None:
    """Click a control that sends a form or follows a link, and wait for the page that answers."""
    with page.expect_navigation():
        control.click()


def submit(page: Page) -> None:
    press(page, page.locator("main form button.kern-btn--primary").first)


def shot(page: Page, screenshot, name: str) -> None:
    screenshot(page, f"journey-{name}")


def narrow(page: Page, name: str, screenshot) -> None:
    """At 320 px nothing scrolls sideways; back to 1280 px."""
    page.set_viewport_size(NARROW)
    assert_reflows(page, f"journey-{name}-320", screenshot)
    page.set_viewport_size(WIDE)


def charts_drawn(page: Page) -> None:
    for figure in page.locator("[data-vega-spec]").all():
        expect(figure).to_have_class(re.compile(r"\bis-rendered\b"), timeout=15_000)


def add_element(page: Page, draft: str, link: str, title: str, **fields: str | list[str]) -> Element:
    page.goto(draft)
    page.get_by_role("link", name=link, exact=True).click()
    page.locator('input[name="title"]').fill(title)
    for name, value in fields.items():
        if isinstance(value, list):
            for label in value:
                page.get_by_label(label, exact=True).check()
        else:
            page.locator(f'[name="{name}"]').fill(value)
    submit(page)
    return Element.objects.get(title=title)


def add_indicator(page: Page, draft: str, goal: str, name: str, baseline: str, target: str) -> None:
    page.goto(draft)
    page.get_by_role("link", name=goal, exact=True).click()
    page.get_by_role("link", name=_("Add indicator")).click()
    page.locator('input[name="name"]').fill(name)
    page.locator('input[name="baseline_value"]').fill(baseline)
    page.locator('input[name="baseline_year"]').fill("2024")
    page.locator('input[name="target_value"]').fill(target)
    page.locator('input[name="target_year"]').fill("2030")
    submit(page)


def add_source(page: Page, manage: str, element: Element, kind: str, option: str, note: str, *, check: bool) -> None:
    page.goto(f"{manage}/strategie/elemente/{element.pk}/")
    page.get_by_role("link", name=_("Add source")).click()
    if check:
        axe_clean(page)
    page.get_by_role("link", name=kind, exact=True).click()
    page.get_by_label(option, exact=True).check()
    page.locator('textarea[name="note"]').fill(note)
    if check:
        axe_clean(page)
    submit(page)


def test_a_strategy_goes_from_the_draft_through_consultation_and_decision_to_the_public_and_its_monitoring(
    world, users, page, new_browser_page, screenshot
):
    process = world.process
    manage = f"/verwaltung/{process.pk}"
    draft = f"{manage}/strategie/"

    # 1. Redaktion builds the strategy on the management pages.
    editor = new_browser_page()
    log_in(editor, users["editor"], world.devices["editor"])
    add_element(editor, draft, _("Add vision statement"), "Industrie mit Zukunft", summary="Arbeit, die bleibt.")
    editor.goto(draft)
    editor.get_by_role("link", name=_("Add goal"), exact=True).click()
    axe_clean(editor)  # the form to add an element
    add_element(editor, draft, _("Add goal"), "Fachkräfte sichern")
    add_element(editor, draft, _("Add goal"), "Flächen schaffen")
    add_indicator(editor, draft, "Fachkräfte sichern", "Besetzte Ausbildungsplätze", "1.250", "1.400")
    axe_clean(editor)  # the indicator's page
    editor.goto(draft)
    editor.get_by_role("link", name="Flächen schaffen", exact=True).click()
    editor.get_by_role("link", name=_("Add indicator")).click()
    axe_clean(editor)  # the indicator form
    add_indicator(editor, draft, "Flächen schaffen", "Verfügbare Gewerbefläche", "12,5", "40")
    assert StrategyIndicator.objects.count() == 2
    add_element(editor, draft, _("Add field of action"), "Fachkräfte")
    add_element(editor, draft, _("Add field of action"), "Flächen")
    add_measure = _("Add measure to “%(title)s”")
    measure = add_element(editor, draft, add_measure % {"title": "Fachkräfte"}, MEASURE, serves=["Fachkräfte sichern"])
    add_element(editor, draft, add_measure % {"title": "Fachkräfte"}, "Willkommensservice")
    add_element(editor, draft, add_measure % {"title": "Flächen"}, "Flächenpool", serves=["Flächen schaffen"])
    project = add_element(editor, draft, _("Add project"), LED_PROJECT, serves=[MEASURE])
    add_element(editor, draft, _("Add project"), "Gewerbeflächenkataster", serves=["Flächenpool"])
    # The project's fact sheet names the lead organisation, whose contact person is the partner.
    editor.goto(f"{manage}/strategie/elemente/{project.pk}/steckbrief/")
    editor.locator('select[name="status"]').select_option("planning")
    editor.locator('input[name="progress"]').fill("10")
    editor.locator('select[name="lead_organisation"]').select_option(label=LEAD)
    submit(editor)
    # The measure rests on the finding and on a survey result.
    add_source(
        editor, manage, measure, _("Finding of the location analysis"), FINDING, "Der Engpass ist belegt.", check=True
    )
    add_source(editor, manage, measure, _("Survey result"), "Branche", "Wer geantwortet hat.", check=True)
    assert set(EvidenceLink.objects.filter(element=measure).values_list("kind", flat=True)) == {
        "finding",
        "survey_result",
    }
    expect(editor.locator("#belege")).to_be_visible()
    shot(editor, screenshot, "1-measure-with-evidence")
    editor.goto(draft)
    shot(editor, screenshot, "1-draft")

    # 2. Redaktion freezes a version; Administration opens a consultation round on it for the Sounding Board.
    editor.goto(f"{draft}versionen/")
    editor.get_by_role("link", name=_("Freeze a version")).click()
    editor.locator('input[name="label"]').fill("Entwurf für den Sounding Board")
    submit(editor)
    version = StrategyVersion.objects.get()
    assert editor.url.endswith(f"{draft}versionen/{version.pk}/")

    admin = new_browser_page()
    log_in(admin, users["admin"], world.devices["admin"])
    admin.goto(f"{draft}versionen/{version.pk}/")
    admin.get_by_role("link", name=_("Open a consultation round on this version")).click()
    admin.locator('input[name="title"]').fill("Konsultation des Sounding Boards")
    admin.locator('textarea[name="introduction"]').fill("Bitte kommentieren Sie den Entwurf.")
    admin.get_by_label("Sounding Board", exact=True).check()
    deadline = timezone.localtime() + dt.timedelta(days=14)
    admin.locator('input[name="deadline"]').fill(deadline.strftime("%Y-%m-%dT%H:%M"))
    submit(admin)
    consultation = version.consultations.get()
    assert admin.url.endswith(f"{draft}konsultationen/{consultation.pk}/")

    # 3. The board member (second factor) finds the round in "My area" and comments on the measure.
    board = new_browser_page()
    log_in(board, users["board"], world.devices["board"])
    board.goto("/verwaltung/")
    axe_clean(board)  # "My area" of a board member with a round to comment on
    board.locator(f'main a[href="{draft}konsultationen/{consultation.pk}/"]').first.click()
    about = board.locator("details", has=board.get_by_text(_("Comment on “%(title)s”") % {"title": MEASURE}))
    about.locator("summary").click()
    about.get_by_label(_("Your comment on “%(title)s”") % {"title": MEASURE}).fill(
        "Bitte die Kammern als Partner der Ausbildungsbörse nennen."
    )
    press(board, about.get_by_role("button", name=_("Send comment")))
    comment = ConsultationComment.objects.get()
    assert (comment.element_id, comment.text) == (
        measure.pk,
        "Bitte die Kammern als Partner der Ausbildungsbörse nennen.",
    )
    shot(board, screenshot, "3-comment")

    # Redaktion takes the comment up, with a response.
    editor.goto(f"{draft}konsultationen/")
    editor.get_by_role("link", name=f"1 – {_('Outcome')}: Konsultation des Sounding Boards").click()
    editor.locator(f"#kommentar-{comment.pk} a").click()
    editor.get_by_label(_("Taken up"), exact=True).check()
    editor.locator('textarea[name="response"]').fill("Die Kammern sind jetzt als Partner genannt.")
    submit(editor)
    comment.refresh_from_db()
    assert comment.disposition == CommentDisposition.TAKEN_UP
    expect(editor.locator(f"#kommentar-{comment.pk}")).to_contain_text("Die Kammern sind jetzt als Partner genannt.")
    shot(editor, screenshot, "3-outcome")

    # 4. Administration submits the version; the Lenkungskreis's decision goes into the register; publication.
    admin.goto(f"{draft}versionen/{version.pk}/")
    press(admin, admin.get_by_role("button", name=_("Submit to the steering committee")))
    version.refresh_from_db()
    assert version.state == VersionState.SUBMITTED
    admin.goto(f"{manage}/gremienarbeit/register/")
    admin.get_by_role("link", name=_("Record a recommendation or decision")).click()
    admin.locator('select[name="board"]').select_option(label="Lenkungskreis")
    admin.locator('input[name="kind"][value="decision"]').check()
    admin.locator('input[name="subject"]').fill("Zukunftsstrategie beschlossen")
    admin.locator('textarea[name="text"]').fill("Der Lenkungskreis beschließt die Zukunftsstrategie in Version 1.")
    admin.locator('input[name="decided_on"]').fill(timezone.localdate().isoformat())
    admin.locator('select[name="meeting"]').select_option(str(world.meeting_pk))
    admin.locator('input[name="status"][value="done"]').check()
    admin.locator('input[name="confidentiality"][value="public"]').check()
    admin.locator('input[name="votes_yes"]').fill("11")
    admin.locator('input[name="votes_no"]').fill("0")
    admin.locator('input[name="votes_abstain"]').fill("1")
    admin.locator('select[name="strategy_version"]').select_option(str(version.pk))
    admin.locator('input[name="version_approved"][value="yes"]').check()
    axe_clean(admin)  # the register entry form
    shot(admin, screenshot, "4-decision-form")
    submit(admin)
    entry = RegisterEntry.objects.get()
    assert (entry.strategy_version_id, entry.version_approved) == (version.pk, True)
    axe_clean(admin)  # the register entry's page
    version.refresh_from_db()
    assert version.state == VersionState.APPROVED
    admin.goto(f"{draft}versionen/{version.pk}/")
    press(admin, admin.get_by_role("button", name=_("Publish this version")))
    assert Strategy.objects.get().published_version_id == version.pk
    shot(admin, screenshot, "4-published")

    # 5. The public sees the strategy with its evidence; the SWOT page says what came of the finding.
    page.goto("/strategie/")
    main = page.locator("main")
    for title in ("Industrie mit Zukunft", "Fachkräfte sichern", "Flächen schaffen", "Fachkräfte", "Flächen", MEASURE):
        expect(main.get_by_text(title, exact=True).first).to_be_visible()
    shot(page, screenshot, "5-strategy")
    narrow(page, "strategy", screenshot)
    main.get_by_role("link", name=MEASURE, exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(MEASURE)
    evidence = page.locator(".strategy-evidence")
    expect(evidence).to_contain_text(FINDING)
    expect(evidence).to_contain_text(_("%(n)s companies answered.") % {"n": "12"})
    expect(evidence).to_contain_text(_("Company survey “%(survey)s”") % {"survey": SURVEY})
    shot(page, screenshot, "5-measure")
    narrow(page, "measure", screenshot)
    evidence.get_by_role("link", name=FINDING).click()
    expect(page).to_have_url(re.compile(r"/standortanalyse/swot/#befund-\d+$"))
    finding = page.locator(f"#befund-{Finding.objects.get().pk}")
    expect(finding).to_contain_text(_("What came of it:"))
    expect(finding.get_by_role("link", name=MEASURE)).to_have_attribute("href", f"/strategie/{measure.slug}/")
    axe_clean(page)  # the SWOT page with what came of a finding
    shot(page, screenshot, "5-swot")
    page.goto(f"/projekte/{project.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(LED_PROJECT)
    expect(page.locator("main")).to_contain_text(LEAD)
    narrow(page, "project", screenshot)
    page.goto("/beschluesse/")
    expect(page.get_by_role("link", name="Zukunftsstrategie beschlossen")).to_be_visible()
    shot(page, screenshot, "5-decisions")
    narrow(page, "decisions", screenshot)
    page.get_by_role("link", name="Zukunftsstrategie beschlossen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zukunftsstrategie beschlossen")
    expect(page.locator("main")).to_contain_text(_("Version %(number)s") % {"number": 1} + ": " + _("approved"))

    # 6. Administration opens a reporting round; the partner reports; /umsetzung/ shows the new status.
    admin.goto(f"{manage}/umsetzung/")
    axe_clean(admin)  # the monitoring overview
    admin.get_by_role("link", name=_("Open a reporting round")).click()
    today = timezone.localdate()
    admin.locator('input[name="title"]').fill("Statusbericht Frühjahr")
    admin.locator('input[name="reporting_date"]').fill(today.isoformat())
    admin.locator('input[name="due_date"]').fill((today + dt.timedelta(days=21)).isoformat())
    axe_clean(admin)  # the round form
    submit(admin)
    expect(admin.get_by_role("heading", level=1)).to_contain_text("Statusbericht Frühjahr")
    axe_clean(admin)  # the round's page: who has reported
    shot(admin, screenshot, "6-round")

    partner = new_browser_page()
    log_in(partner, users["partner"], None)
    partner.goto("/verwaltung/")
    axe_clean(partner)  # "My area" of a project lead with a report due
    partner.get_by_role("link", name=re.compile(_("Report now"))).click()
    partner.locator('select[name="status"]').select_option(ProjectStatus.IMPLEMENTATION)
    partner.locator('input[name="progress"]').fill("35")
    partner.locator('textarea[name="achieved"]').fill("Zwölf Betriebe machen bei der ersten Tour mit.")
    submit(partner)
    report = ProjectReport.objects.get()
    assert (report.project_id, report.status, report.progress) == (project.pk, "implementation", 35)
    shot(partner, screenshot, "6-my-area-after-report")

    page.goto("/umsetzung/")
    charts_drawn(page)
    project_line = page.locator("li.monitoring-project", has=page.get_by_role("link", name=LED_PROJECT))
    expect(project_line).to_contain_text(str(ProjectStatus.IMPLEMENTATION.label))
    expect(project_line).to_contain_text("35\u00a0%")
    shot(page, screenshot, "6-umsetzung")
    page.set_viewport_size(NARROW)
    page.reload()
    charts_drawn(page)
    assert_reflows(page, "journey-umsetzung-320", screenshot)
