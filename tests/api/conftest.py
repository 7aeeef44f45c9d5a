"""A process with something of every kind for the API, public and not: what must show and what never may.

Everything that must never reach the API carries a marker from ``SECRETS`` in its text (a board-only date, a
draft news item, a board that is not public, a member who did not agree, a contact person, a draft element of
the strategy, a finding that is not public, a project's risks …); every e-mail address of the world is in
``EMAILS``. The tests search every answer for both.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.cache import cache
from django.utils import timezone

from standortkompass.accounts.models import User
from standortkompass.governance.models import FollowUpAction, RegisterEntry
from standortkompass.monitoring.models import ProjectReport, ReportingRound
from standortkompass.processes.models import (
    Board,
    BoardMember,
    ContactPerson,
    Event,
    NewsItem,
    Organisation,
    OrganisationType,
    StrategyProcess,
    Visibility,
)
from standortkompass.regiondata.models import Indicator, Observation, Region, RegionLevel
from standortkompass.standortanalyse.models import AnalysisSettings, Finding
from standortkompass.strategy.models import ElementKind
from standortkompass.strategy.services.elements import element_create, milestone_create, sheet_update
from standortkompass.strategy.services.evidence import evidence_add
from standortkompass.strategy.services.indicators import actual_save, indicator_create
from standortkompass.strategy.services.versions import version_decide, version_freeze, version_publish, version_submit
from strategy.conftest import SmallStrategy, build_small_strategy

# Names and texts that must never appear in any answer of the API.
SECRETS = (
    "Max Verborgen",  # a board member who did not agree to the publication of the name
    "Interner Arbeitskreis",  # a board that is not public
    "Geheime Vorbesprechung",  # a date for board members only
    "Unveröffentlichte Meldung",  # a news item without publication date
    "Künftige Meldung",  # a news item to be published later
    "Petra Autorin",  # the author of a news item
    "Kim Kontakt",  # a contact person
    "Entwurfsgeheimnis",  # an element added to the draft after publication
    "Interner Befund",  # a finding that is not public
    "Geheimes Risiko",  # the risks of a project
    "Verborgener Prozess",  # a process that is not public
    "Interne Empfehlung",  # a register entry for the board only
    "Olga Zuständig",  # the person responsible for a follow-up action
    "Lieferengpass beim Bus",  # the problems of a project report (the agency reads them)
)
EMAILS = ("kontakt@wfg.example.org", "kim@example.org", "petra@example.org", "lead@example.org")
OFFICIAL_VALUE = 45678.123456789  # unrounded, as stored
ENTERED_VALUE = 12.3456789


@dataclass
class ApiWorld:
    process: StrategyProcess
    small: SmallStrategy
    organisation: Organisation
    event: Event
    news: NewsItem
    board: Board
    indicator_code: str
    hidden_process: StrategyProcess


def _statistics(regions: dict[str, Region]) -> str:
    indicator = Indicator.objects.create(
        code="gdp_per_capita", name="BIP je Einwohner", unit="EUR", source="VGR der Länder"
    )
    other_district = Region.objects.create(
        code="08115", name="Böblingen", level=RegionLevel.DISTRICT, parent=regions["081"]
    )
    for region, year, value, status in [
        (regions["08118"], 2020, OFFICIAL_VALUE, ""),
        (regions["08118"], 2021, None, "."),
        (regions["08"], 2020, 43210.5, ""),
        (regions["DG"], 2020, 40000.25, ""),
        (other_district, 2020, 99999.0, ""),  # neither the district nor one it is compared with
    ]:
        Observation.objects.create(indicator=indicator, region=region, year=year, value=value, status=status)
    return indicator.code


def _register(board: Board, hidden_board: Board, elements: list[Any]) -> None:
    decision = RegisterEntry.objects.create(
        board=board,
        kind="recommendation",
        subject="Fachkräfte zuerst",
        text="Das Sounding Board empfiehlt, mit den Fachkräften zu beginnen.",
        decided_on=dt.date(2027, 2, 1),
        confidentiality="public",
        status="in_progress",
    )
    decision.elements.set(elements)
    FollowUpAction.objects.create(
        entry=decision, text="Nachfassen", owner_name="Olga Zuständig", due_on=dt.date(2027, 4, 1)
    )
    RegisterEntry.objects.create(
        board=board, subject="Interne Empfehlung", text="-", decided_on=dt.date(2027, 2, 2), confidentiality="board"
    )
    RegisterEntry.objects.create(
        board=hidden_board,
        subject="Interne Empfehlung",
        text="-",
        decided_on=dt.date(2027, 2, 3),
        confidentiality="public",
    )


def _monitoring(process: StrategyProcess, project: Any) -> None:
    round_ = ReportingRound.objects.create(
        process=process, title="Frühjahr 2027", reporting_date=dt.date(2027, 3, 31), due_date=dt.date(2027, 4, 15)
    )
    ProjectReport.objects.create(
        round=round_,
        project=project,
        status="implementation",
        progress=55,
        milestones_reached=[{"title": "Erste Tour", "reached_on": "2027-03-20"}],
        achieved="Erste Tour mit 40 Jugendlichen.",
        next_steps="Zweite Tour im Herbst.",
        problems="Lieferengpass beim Bus",
        reported_by=User.objects.create_user(EMAILS[3], "Ein-Langes-Passwort-2026", full_name="Olga Zuständig"),
        submitted_at=timezone.now(),
    )


def build_api_world(process: StrategyProcess, users: dict[str, User], regions: dict[str, Region]) -> ApiWorld:
    editor, admin = users["editor"], users["admin"]
    now = timezone.now()
    process.contact_email = EMAILS[0]
    process.description = "Die **Zukunftsstrategie** des Kreises."
    process.save()
    organisation = Organisation.objects.create(
        process=process, name="Muster GmbH", type=OrganisationType.COMPANY, is_public=True
    )
    contact = ContactPerson.objects.create(organisation=organisation, name="Kim Kontakt", email=EMAILS[1])
    event = Event.objects.create(
        process=process, title="Unternehmensworkshop", kind="workshop", start=now + dt.timedelta(days=7)
    )
    Event.objects.create(
        process=process,
        title="Geheime Vorbesprechung",
        kind="board_meeting",
        start=now + dt.timedelta(days=8),
        visibility=Visibility.BOARD,
    )
    news = NewsItem.objects.create(
        process=process,
        title="Auftakt",
        slug="auftakt",
        teaser="Es geht los.",
        body="Text",
        author=User.objects.create_user(EMAILS[2], "Ein-Langes-Passwort-2026", full_name="Petra Autorin"),
        author_name="Petra Autorin",
        published_at=now - dt.timedelta(days=1),
    )
    NewsItem.objects.create(process=process, title="Unveröffentlichte Meldung", slug="entwurf", teaser="-", body="-")
    NewsItem.objects.create(
        process=process,
        title="Künftige Meldung",
        slug="kuenftig",
        teaser="-",
        body="-",
        published_at=now + dt.timedelta(days=3),
    )
    board = Board.objects.create(process=process, name="Sounding Board", kind="sounding_board", description="Berät.")
    BoardMember.objects.create(
        board=board,
        name="Dr. Erika Offen",
        function="Vorsitz",
        organisation=organisation,
        name_is_public=True,
        name_consent_on=dt.date(2026, 10, 1),
    )
    BoardMember.objects.create(board=board, name="Max Verborgen", organisation=organisation, name_is_public=False)
    hidden_board = Board.objects.create(process=process, name="Interner Arbeitskreis", is_public=False)
    BoardMember.objects.create(board=hidden_board, name="Dr. Erika Offen", name_is_public=True, name_consent_on=now)

    AnalysisSettings.objects.create(process=process, is_public=True)
    code = _statistics(regions)
    public_finding = Finding.objects.create(
        process=process, kind="strength", title="Starke Industrie", text="Viele Beschäftigte.", is_public=True
    )
    hidden_finding = Finding.objects.create(process=process, kind="weakness", title="Interner Befund", text="-")

    small = build_small_strategy(process, editor)
    goal, measure, project = small.goals[0], small.measures[0], small.projects[0]
    evidence_add(element=measure, actor=editor, kind="finding", reference={"finding": public_finding.pk}, note="Trägt.")
    evidence_add(element=measure, actor=editor, kind="finding", reference={"finding": hidden_finding.pk}, note="Auch.")
    evidence_add(
        element=goal,
        actor=editor,
        kind="external",
        reference={"title": "Studie", "url": "https://example.org/studie", "publisher": "Institut"},
    )
    indicator_create(
        element=goal,
        actor=editor,
        data={
            "name": "BIP je Einwohner",
            "unit": "EUR",
            "statistic": Indicator.objects.get(code=code),
            "region": regions["08118"],
            "baseline_value": 40000.5,
            "baseline_year": 2020,
        },
    )
    entered = indicator_create(
        element=project,
        actor=editor,
        data={
            "name": "Teilnehmende",
            "baseline_value": 0.0,
            "baseline_year": 2026,
            "target_value": 250.0,
            "target_year": 2028,
        },
    )
    actual_save(indicator=entered, actor=editor, data={"year": 2027, "value": ENTERED_VALUE})
    sheet = sheet_update(
        element=project,
        actor=editor,
        data={
            "goal": "Jugendliche lernen Betriebe kennen.",
            "lead_organisation": organisation,
            "budget": "1250000.55",
            "funding_source": "land",
            "status": "planning",
            "progress": 10,
            "risks": "Geheimes Risiko",
            "contact": contact,
        },
        municipalities=[regions["08118048"]],
    )
    milestone_create(sheet=sheet, actor=editor, data={"title": "Erste Tour", "due_date": dt.date(2027, 5, 1)})

    version = version_freeze(strategy=small.strategy, actor=editor, label="Entwurf")
    version = version_submit(version=version, actor=admin)
    version = version_decide(
        version=version, actor=admin, approved=True, decided_on=dt.date(2027, 3, 1), summary="Beschlossen"
    )
    version_publish(version=version, actor=admin)

    # After publication: the draft changes (never shown), the project's status is reported (shown live).
    draft_only = element_create(
        strategy=small.strategy, actor=editor, kind=ElementKind.GOAL, data={"title": "Entwurfsgeheimnis"}
    )
    sheet_update(element=project, actor=editor, data={"status": "implementation", "progress": 55})
    _register(board, hidden_board, [goal, draft_only])
    _monitoring(process, project)

    hidden_process = StrategyProcess.objects.create(
        slug="verborgen",
        title="Verborgener Prozess",
        region=regions["08118"],
        short_description="-",
        agency_name="-",
        is_public=False,
    )
    return ApiWorld(process, small, organisation, event, news, board, code, hidden_process)


@pytest.fixture(autouse=True)
def fresh_cache() -> None:
    """The figures kept by data version (``standortanalyse.selectors.common.cached``) and the first-seen dates of
    Last-Modified do not pass to the next test, whose database may reuse the same ids and so the same version."""
    cache.clear()


@pytest.fixture
def api_world(process: StrategyProcess, users: dict[str, User], regions: dict[str, Region]) -> ApiWorld:
    return build_api_world(process, users, regions)


def every_url(world: ApiWorld) -> list[str]:
    """Every address of the API with data in ``world``, each list as JSON and as CSV."""
    base = f"/api/v1/processes/{world.process.slug}/"
    lists = [
        "/api/v1/processes/",
        base + "phases/",
        base + "events/",
        base + "news/",
        base + "boards/",
        base + "strategy/elements/",
        base + "strategy/indicators/",
        base + "strategy/evidence/",
        base + "projects/",
        base + "indicators/",
        base + "decisions/",
        base + "monitoring/reports/",
        base + "monitoring/actuals/",
    ]
    documents = [
        base,
        "/api/v1/processes/current/",
        base + "strategy/",
        base + f"strategy/elements/{world.small.measures[0].slug}/",
        base + f"projects/{world.small.projects[0].slug}/",
        base + "monitoring/",
        "/api/openapi.json",
    ]
    return documents + lists + [url + "?format=csv" for url in lists]


def json_of(response: Any) -> Any:
    assert response.status_code == 200, (response.status_code, response.content[:300])
    return response.json()
