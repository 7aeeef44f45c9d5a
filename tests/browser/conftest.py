"""Browser tests: Debian's chromium driven by Playwright against pytest-django's live server.

Fixtures for every browser test:

- ``browser``: one headless chromium for the whole run. Skipped with a clear reason when
  chromium is not on PATH, except under CI (CI=true), where that is a failure.
- ``page``: a fresh browser context and page whose relative addresses go to the live server.
  It records every request (``requests_made``) and every console error (``console_errors``);
  after the test it fails if any request went to another host (no third parties) or the
  browser reported an error (e.g. a CSP violation), and it saves a screenshot
  (test-artifacts/failed-<test>.png) when the test failed.
- ``public_site``: one of everything the public site shows, built with the ORM.
- ``logged_in_page(role)``: the page, logged in through the real log-in form as the user of
  that role from ``users`` (the second factor is switched off for it).
- ``axe_check`` and ``screenshot``: ``axe_check(page)`` fails on serious or critical axe-core
  violations; ``screenshot(page, name)`` saves test-artifacts/<name>.png.

Playwright's sync API keeps an asyncio event loop running in the test thread, so Django's
guard against ORM calls from async code must be switched off, and the browser tests run
after all other tests (async_to_sync cannot run in a thread with a running loop).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, sync_playwright

from standortkompass.processes.models import (
    Board,
    BoardKind,
    BoardMember,
    Event,
    EventKind,
    NewsItem,
    Organisation,
    OrganisationType,
    SitePage,
    StrategyProcess,
    Visibility,
)

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
BLOCKING_IMPACTS = {"serious", "critical"}
BROWSER_DIR = Path(__file__).resolve().parent
BROWSER_PASSWORD = "Browser-Test-Passwort-2026"
CALL_REPORT = pytest.StashKey[pytest.TestReport]()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the browser tests and run them last (see the module docstring)."""
    browser_items = [item for item in items if BROWSER_DIR in Path(str(item.path)).parents]
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
    items[:] = [item for item in items if item not in browser_items] + browser_items


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = shutil.which("chromium")
    if executable is None:
        reason = "chromium is not on PATH (Debian: apt-get install chromium); the browser tests need it"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason}, and CI=true requires them to run.")
        pytest.skip(reason)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[pytest.TestReport]:
    """Keeps the outcome of the test call on the item, so that ``page`` can save a screenshot on failure."""
    report = yield
    if report.when == "call":
        item.stash[CALL_REPORT] = report
    return report


@pytest.fixture
def requests_made() -> list[str]:
    """Every address the page of this test asked for, in order."""
    return []


@pytest.fixture
def console_errors() -> list[str]:
    """Errors the browser reported (CSP violations, failed loads). A test that provokes one on purpose
    (e.g. opens a page that answers 404) removes it from this list."""
    return []


@pytest.fixture
def page(
    browser: Browser, live_server, requests_made: list[str], console_errors: list[str], request: pytest.FixtureRequest
) -> Iterator[Page]:
    context = browser.new_context(
        base_url=live_server.url, locale="de-DE", timezone_id="Europe/Berlin", viewport={"width": 1280, "height": 900}
    )

    def on_request(browser_request: Request) -> None:
        requests_made.append(browser_request.url)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            console_errors.append(f"{message.text} ({message.location.get('url', '')})")

    context.on("request", on_request)
    context.on("console", on_console)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    report = request.node.stash.get(CALL_REPORT, None)
    if report is not None and report.failed:
        _screenshot(page, f"failed-{request.node.name}")
    context.close()
    foreign = [url for url in requests_made if not is_own_address(url, live_server.url)]
    assert not foreign, "requests to other hosts:\n" + "\n".join(foreign)
    assert not console_errors, "the browser reported errors:\n" + "\n".join(console_errors)


def is_own_address(url: str, server_url: str) -> bool:
    parsed = urlparse(url)
    if parsed.scheme in {"data", "blob", "about"}:
        return True
    return parsed.netloc == urlparse(server_url).netloc


def _axe_check(page: Page) -> None:
    """Fails with a readable list when axe-core finds serious or critical violations."""
    results = Axe().run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]
    if blocking:
        lines = [f"axe-core found {len(blocking)} serious or critical violation(s) on {page.url}:"]
        for violation in blocking:
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
            for node in violation["nodes"]:
                lines.append(f"    at {', '.join(map(str, node['target']))}: {node['html'][:200]}")
                lines.extend(f"      {item['message']}" for item in node.get("any", []) + node.get("all", []))
        pytest.fail("\n".join(lines), pytrace=False)


def _screenshot(page: Page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def axe_check() -> Callable[[Page], None]:
    """``axe_check(page)`` fails with a readable list when axe-core finds serious or critical violations."""
    return _axe_check


@pytest.fixture
def screenshot() -> Callable[[Page, str], Path]:
    """``screenshot(page, name)`` saves a full-page image under test-artifacts/ (gitignored) for people to look at."""
    return _screenshot


@dataclass
class PublicSite:
    process: StrategyProcess
    next_event: Event
    later_event: Event
    past_event: Event
    board_event: Event
    news: NewsItem
    draft: NewsItem


@pytest.fixture
def public_site(transactional_db: None, process: StrategyProcess) -> PublicSite:
    """The conftest process with dates, news, actors, boards and all five site pages."""
    now = timezone.localtime()
    soon = (now + dt.timedelta(days=9)).replace(hour=17, minute=30, second=0, microsecond=0)
    analysis = process.phases.get(name="Analysephase")
    process.description = "Der Landkreis erarbeitet mit allen Akteuren eine **Zukunftsstrategie**."
    process.save()
    next_event = Event.objects.create(
        process=process,
        title="Unternehmensworkshop Mobilität",
        kind=EventKind.WORKSHOP,
        start=soon,
        end=soon + dt.timedelta(hours=3),
        location="Forum am Schlosspark, Ludwigsburg",
        phase=analysis,
        description="Wir sammeln die Bedarfe der Unternehmen.",
        registration_url="https://anmeldung.example.org/ws",
    )
    later_event = Event.objects.create(
        process=process, title="Frist für Projektideen", kind=EventKind.DEADLINE, start=soon + dt.timedelta(days=30)
    )
    past_event = Event.objects.create(
        process=process,
        title="Auftaktveranstaltung",
        kind=EventKind.INFORMATION,
        start=now - dt.timedelta(days=20),
        online_url="https://video.example.org/auftakt",
    )
    board_event = Event.objects.create(
        process=process,
        title="Lenkungskreis vertraulich",
        kind=EventKind.BOARD_MEETING,
        start=soon - dt.timedelta(days=2),
        visibility=Visibility.BOARD,
    )
    news = NewsItem.objects.create(
        process=process,
        title="Unternehmensbefragung beginnt",
        slug="unternehmensbefragung-beginnt",
        teaser="Ab sofort können Unternehmen im Landkreis an der Befragung teilnehmen.",
        body="## Worum es geht\n\nDie Befragung dauert **15 Minuten**.",
        published_at=now - dt.timedelta(days=2),
        author_name="Wirtschaftsförderung",
    )
    draft = NewsItem.objects.create(
        process=process, title="Unveröffentlichter Entwurf", slug="entwurf", teaser="-", body="-"
    )
    chamber = Organisation.objects.create(
        process=process,
        name="IHK Region Stuttgart",
        type=OrganisationType.CHAMBER,
        is_public=True,
        website="https://www.ihk.example.org/",
        description="Kammer der Industrie- und Handelsunternehmen.",
    )
    Organisation.objects.create(
        process=process,
        name="Stadt Asperg",
        type=OrganisationType.MUNICIPALITY,
        is_public=True,
        municipality=process.region.children.get(code="08118003"),
    )
    Organisation.objects.create(
        process=process, name="Kreissparkasse Ludwigsburg", type=OrganisationType.SPONSOR, is_public=True
    )
    steering = Board.objects.create(
        process=process,
        name="Lenkungskreis",
        kind=BoardKind.STEERING_COMMITTEE,
        order=1,
        description="Steuert den Prozess und beschließt die Strategie.",
    )
    BoardMember.objects.create(board=steering, name="Dr. Erika Beispiel", organisation=chamber, function="Vorsitz")
    crafts = Organisation.objects.create(
        process=process, name="Handwerkskammer Region Stuttgart", type=OrganisationType.CHAMBER
    )
    BoardMember.objects.create(board=steering, name="Max Muster", organisation=crafts, function="stellv. Vorsitz")
    Board.objects.create(process=process, name="Sounding Board", kind=BoardKind.SOUNDING_BOARD, order=0)
    pages = {
        SitePage.IMPRINT: ("Impressum", "## Anbieter\n\nLandratsamt Ludwigsburg\n\nHindenburgstraße 40"),
        SitePage.PRIVACY: ("Datenschutz", "## Verantwortliche Stelle\n\nDiese Seiten setzen beim Lesen keine Cookies."),
        SitePage.ACCESSIBILITY: ("Erklärung zur Barrierefreiheit", "## Stand\n\nDiese Erklärung wurde geprüft."),
        SitePage.EASY_LANGUAGE: ("Leichte Sprache", "Hier erklären wir die Seite in Leichter Sprache."),
        SitePage.SIGN_LANGUAGE: ("Gebärdensprache", "Informationen in Deutscher Gebärdensprache."),
    }
    for slug, (title, body) in pages.items():
        SitePage.objects.create(slug=slug, title=title, body=body)
    return PublicSite(
        process=process,
        next_event=next_event,
        later_event=later_event,
        past_event=past_event,
        board_event=board_event,
        news=news,
        draft=draft,
    )


@pytest.fixture
def logged_in_page(page: Page, users: dict, settings, transactional_db: None) -> Callable[[str], Page]:
    """``logged_in_page("admin")`` logs the role's user in through the log-in form and returns the page."""
    settings.REQUIRE_SECOND_FACTOR = False

    def log_in(role: str) -> Page:
        user = users[role]
        user.set_password(BROWSER_PASSWORD)
        user.save()
        page.goto("/konto/anmelden/")
        page.locator('input[name="username"]').fill(user.email)
        page.locator('input[name="password"]').fill(BROWSER_PASSWORD)
        page.locator('main form button[type="submit"]').click()
        page.wait_for_load_state()
        assert "/konto/anmelden/" not in page.url, f"log-in as {role} failed: {page.url}"
        return page

    return log_in
