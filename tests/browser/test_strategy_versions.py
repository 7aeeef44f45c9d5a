"""The comparison of two versions and a consultation round in the browser: axe-core clean, no sideways scrolling at
320 px, insertions and deletions marked by more than colour; a board member comments through the page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone
from django.utils.translation import gettext
from playwright.sync_api import expect

from browser.test_reflow import assert_reflows
from standortkompass.processes.models import Board, BoardKind, BoardMember
from standortkompass.strategy.models import ConsultationComment, ConsultationRound, ProjectStatus, StrategyVersion
from standortkompass.strategy.services.consultation import comment_respond, comment_submit, consultation_open
from standortkompass.strategy.services.elements import element_create, element_update, sheet_update, strategy_update
from standortkompass.strategy.services.evidence import evidence_add
from standortkompass.strategy.services.indicators import indicator_create, indicator_update
from standortkompass.strategy.services.versions import version_freeze
from strategy.conftest import build_small_strategy


@dataclass
class VersionsSite:
    compare: str
    consultation: str
    outcome: str
    round: ConsultationRound
    version: StrategyVersion


@pytest.fixture
def versions_site(transactional_db, process, users) -> VersionsSite:
    editor = users["editor"]
    small = build_small_strategy(process, editor)
    strategy_update(
        strategy=small.strategy,
        actor=editor,
        data={"introduction": "Der Landkreis will Industriestandort bleiben und neue Wertschöpfung gewinnen."},
    )
    element_update(
        element=small.fields[0],
        actor=editor,
        data={
            "text": "Wir halten und gewinnen Fachkräfte für die Betriebe im Landkreis, vom Azubi bis zur Ingenieurin."
        },
    )
    indicator = indicator_create(
        element=small.goals[0],
        actor=editor,
        data={
            "name": "Sozialversicherungspflichtig Beschäftigte",
            "unit": "Personen",
            "target_value": 250000.0,
            "target_year": 2030,
            "baseline_value": 245310.0,
            "baseline_year": 2023,
        },
    )
    evidence_add(
        element=small.measures[0],
        actor=editor,
        kind="external",
        reference={
            "title": "IHK-Fachkräftemonitor Baden-Württemberg",
            "url": "https://www.example.org/monitor",
            "publisher": "IHK",
        },
        note="Zeigt den Engpass bei Ausbildungsberufen.",
    )
    version = version_freeze(strategy=small.strategy, actor=editor, label="Entwurf für den Sounding Board")
    # The draft moves on: a changed text, a changed title, a measure in another field, a new project, a new target,
    # a changed project status.
    element_update(
        element=small.fields[0],
        actor=editor,
        data={
            "text": "Wir halten, binden und gewinnen Fachkräfte für die Betriebe im Landkreis, vom Azubi bis zur "
            "Ingenieurin und zum Meister."
        },
    )
    element_update(element=small.goals[1], actor=editor, data={"title": "Transformation der Zulieferer gestalten"})
    element_update(element=small.measures[1], actor=editor, data={"parent": small.fields[1]})
    element_create(
        strategy=small.strategy,
        actor=editor,
        kind="project",
        data={"title": "Welcome Center Ludwigsburg", "summary": "Eine Anlaufstelle für internationale Fachkräfte."},
        serves=[small.measures[1]],
    )
    indicator_update(indicator=indicator, actor=editor, data={"target_value": 252500.0})
    sheet_update(element=small.projects[0], actor=editor, data={"status": "implementation", "progress": 40})

    sounding = Board.objects.create(process=process, name="Sounding Board", kind=BoardKind.SOUNDING_BOARD)
    BoardMember.objects.create(board=sounding, name="Erika Beispiel", user=users["board"])
    consultation = consultation_open(
        version=version,
        actor=users["admin"],
        title="Konsultation des Sounding Boards",
        introduction="Bitte kommentieren Sie den Entwurf bis zur Sitzung.",
        deadline=timezone.now() + dt.timedelta(days=14),
        boards=[sounding],
    )
    first = comment_submit(
        consultation=consultation,
        actor=users["board"],
        text="Bitte die Kammern als Partner der Ausbildungsbörse nennen.",
        element_id=small.measures[0].pk,
    )
    comment_respond(comment=first, actor=editor, disposition="taken_up", response="Aufgenommen in Version 2.")
    base = f"/verwaltung/{process.pk}/strategie"
    return VersionsSite(
        compare=f"{base}/vergleich/?alt={version.pk}&neu=entwurf",
        consultation=f"{base}/konsultationen/{consultation.pk}/",
        outcome=f"{base}/konsultationen/{consultation.pk}/ergebnis/",
        round=consultation,
        version=version,
    )


def test_the_comparison_shows_the_changes_side_by_side_marked_not_by_colour_alone(
    logged_in_page, versions_site, axe_check, screenshot
):
    page = logged_in_page("editor")

    page.goto(versions_site.compare)

    assert page.locator("h1").count() == 1
    inserted = page.locator("main ins", has_text="binden")
    expect(inserted.first).to_be_visible()
    assert inserted.first.evaluate("node => getComputedStyle(node).textDecorationLine") == "underline"
    deleted = page.locator("main del").first
    assert deleted.evaluate("node => getComputedStyle(node).textDecorationLine") == "line-through"
    expect(page.locator("main h2", has_text="Welcome Center Ludwigsburg")).to_be_visible()
    expect(page.locator("main", has_text=str(ProjectStatus.IMPLEMENTATION.label)).first).to_be_visible()
    axe_check(page)
    screenshot(page, "strategy-version-compare")


def test_the_comparison_reflows_at_320_px(logged_in_page, versions_site, screenshot):
    page = logged_in_page("editor")
    page.set_viewport_size({"width": 320, "height": 640})

    page.goto(versions_site.compare)

    assert_reflows(page, "320px-strategy-version-compare", screenshot)


def test_a_board_member_comments_on_an_element_through_the_round_page(
    logged_in_page, versions_site, axe_check, screenshot
):
    page = logged_in_page("board")

    page.goto(versions_site.consultation)
    axe_check(page)
    screenshot(page, "strategy-consultation")
    element = page.locator("article", has=page.locator("h3", has_text="Fachkräfte sichern")).first
    element.locator("summary").first.click()
    label = gettext("Your comment on “%(title)s”") % {"title": "Fachkräfte sichern"}
    element.get_by_label(label).fill("Die Pendlerströme fehlen noch.")
    element.locator("button[type=submit]").first.click()
    page.wait_for_load_state()

    assert ConsultationComment.objects.filter(text="Die Pendlerströme fehlen noch.").count() == 1
    expect(page.locator("main", has_text="Die Pendlerströme fehlen noch.").first).to_be_visible()
    axe_check(page)


def test_the_round_page_and_its_outcome_reflow_at_320_px(logged_in_page, versions_site, axe_check, screenshot):
    page = logged_in_page("board")
    page.set_viewport_size({"width": 320, "height": 640})

    page.goto(versions_site.consultation)
    for summary in page.locator("main details > summary").all()[:3]:
        summary.click()
    assert_reflows(page, "320px-strategy-consultation", screenshot)
    page.goto(versions_site.outcome)
    axe_check(page)
    assert_reflows(page, "320px-strategy-consultation-outcome", screenshot)


def test_the_other_version_and_consultation_pages_pass_axe_core(logged_in_page, versions_site, axe_check, process):
    page = logged_in_page("admin")
    base = f"/verwaltung/{process.pk}/strategie"
    comment = versions_site.round.comments.get()
    for address in (
        f"{base}/versionen/",
        f"{base}/versionen/{versions_site.version.pk}/",
        f"{base}/versionen/einfrieren/",
        f"{base}/konsultationen/",
        f"{base}/konsultationen/neu/?version={versions_site.version.pk}",
        f"{base}/konsultationen/{versions_site.round.pk}/kommentare/{comment.pk}/",
    ):
        page.goto(address)
        assert page.locator("h1").count() == 1, address
        axe_check(page)
