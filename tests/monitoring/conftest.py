"""A published small strategy with project leads and an open reporting round, for the tests of monitoring.

The cast adds to the roles of ``tests/conftest.py``: ``partner`` leads the first project (a contact person of
its lead organisation has the partner's e-mail address), ``other_partner`` (Partner too) leads the second one
(as the project's own contact person) and not the first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest

from conftest import PASSWORD
from standortkompass.accounts.models import Membership, Role, User
from standortkompass.monitoring.models import ReportingRound
from standortkompass.monitoring.services.reports import report_submit
from standortkompass.monitoring.services.rounds import round_open
from standortkompass.processes.models import ContactPerson, Organisation, OrganisationType, StrategyProcess
from standortkompass.regiondata.models import Indicator, Observation, Region
from standortkompass.strategy.models import Element, Milestone, ProjectSheet, StrategyVersion
from standortkompass.strategy.services.indicators import actual_save, indicator_create
from standortkompass.strategy.services.versions import version_decide, version_freeze, version_publish, version_submit
from strategy.conftest import SmallStrategy, build_small_strategy


@dataclass
class Monitored:
    small: SmallStrategy
    version: StrategyVersion
    lead_project: Element  # led by users["partner"]
    other_project: Element  # led by the other partner
    lead_organisation: Organisation
    other_partner: User
    milestone: Milestone
    reporting_round: ReportingRound


def publish(small: SmallStrategy, users: dict[str, User]) -> StrategyVersion:
    version = version_freeze(strategy=small.strategy, actor=users["editor"], label="Entwurf")
    version = version_submit(version=version, actor=users["admin"])
    version = version_decide(
        version=version, actor=users["admin"], approved=True, decided_on=dt.date(2027, 3, 1), summary="Beschlossen"
    )
    return version_publish(version=version, actor=users["admin"])


def build_monitored(process: StrategyProcess, users: dict[str, User]) -> Monitored:
    small = build_small_strategy(process, users["editor"])
    lead_organisation = Organisation.objects.create(
        process=process, name="Agentur für Arbeit Ludwigsburg", type=OrganisationType.LABOUR_MARKET
    )
    ContactPerson.objects.create(organisation=lead_organisation, name="Pat Partner", email="PARTNER@example.org")
    other_organisation = Organisation.objects.create(
        process=process, name="Stadt Asperg", type=OrganisationType.MUNICIPALITY
    )
    other_contact = ContactPerson.objects.create(
        organisation=other_organisation, name="Otto Andere", email="other-partner@example.org"
    )
    other_partner = User.objects.create_user("other-partner@example.org", PASSWORD, full_name="Otto Andere")
    Membership.objects.create(user=other_partner, process=process, role=Role.PARTNER)
    lead_project, other_project = small.projects
    ProjectSheet.objects.filter(element=lead_project).update(
        lead_organisation=lead_organisation, status="planning", progress=10
    )
    ProjectSheet.objects.filter(element=other_project).update(contact=other_contact, status="idea", progress=0)
    milestone = Milestone.objects.create(
        project=ProjectSheet.objects.get(element=lead_project), title="Erste Tour", due_date=dt.date(2027, 5, 1)
    )
    version = publish(small, users)
    reporting_round = round_open(
        process=process,
        actor=users["admin"],
        data={
            "title": "Statusbericht Frühjahr 2027",
            "reporting_date": dt.date(2027, 3, 31),
            "due_date": dt.date(2027, 4, 15),
        },
    )
    return Monitored(
        small=small,
        version=version,
        lead_project=lead_project,
        other_project=other_project,
        lead_organisation=lead_organisation,
        other_partner=other_partner,
        milestone=milestone,
        reporting_round=reporting_round,
    )


@pytest.fixture
def monitored(process: StrategyProcess, users: dict[str, User]) -> Monitored:
    return build_monitored(process, users)


def report_url(monitored: Monitored, project: Element | None = None) -> str:
    project = project or monitored.lead_project
    process_pk = monitored.reporting_round.process_id
    return f"/verwaltung/{process_pk}/umsetzung/runden/{monitored.reporting_round.pk}/projekte/{project.pk}/bericht/"


def build_public_monitoring(
    process: StrategyProcess, users: dict[str, User], regions: dict[str, Region], *, report: bool = True
) -> dict[str, Any]:
    """A published strategy with a bound indicator (official observations), a reported one and an empty one, and
    a report of the first project's lead."""
    small = build_small_strategy(process, users["editor"])
    editor = users["editor"]
    employment = Indicator.objects.create(code="EMP_TEST", name="Beschäftigte", unit="Personen", source="BA")
    for year, value in [(2021, 1000.0), (2022, 1012.5), (2023, 1023.456)]:
        Observation.objects.create(indicator=employment, region=regions["08118"], year=year, value=value)
    bound = indicator_create(
        element=small.goals[0],
        actor=editor,
        data={
            "name": "Sozialversicherungspflichtig Beschäftigte",
            "unit": "Personen",
            "baseline_value": 1000,
            "baseline_year": 2021,
            "target_value": 1100,
            "target_year": 2030,
            "statistic": employment,
            "region": regions["08118"],
        },
    )
    unbound = indicator_create(
        element=small.projects[0],
        actor=editor,
        data={
            "name": "Teilnehmende Betriebe",
            "baseline_value": 0,
            "baseline_year": 2026,
            "target_value": 40,
            "target_year": 2028,
        },
    )
    actual_save(indicator=unbound, actor=editor, data={"year": 2027, "value": 12.345678})
    indicator_create(element=small.fields[1], actor=editor, data={"name": "Freie Gewerbefläche", "unit": "ha"})
    organisation = Organisation.objects.create(process=process, name="Agentur für Arbeit", type="labour_market")
    ContactPerson.objects.create(organisation=organisation, name="Pat", email=users["partner"].email)
    ProjectSheet.objects.filter(element=small.projects[0]).update(lead_organisation=organisation)
    version = publish(small, users)
    reporting_round = round_open(
        process=process,
        actor=users["admin"],
        data={
            "title": "Statusbericht Frühjahr 2027",
            "reporting_date": dt.date(2027, 3, 31),
            "due_date": dt.date(2027, 4, 15),
        },
    )
    if report:
        report_submit(
            reporting_round=reporting_round,
            project=small.projects[0],
            actor=users["partner"],
            data={
                "status": "implementation",
                "progress": 60,
                "achieved": "Erste Tour mit zwölf Betrieben.",
                "next_steps": "Zweite Tour im Herbst.",
                "problems": "Vertraulich: Busunternehmen fehlt.",
            },
        )
    return {"small": small, "version": version, "bound": bound, "unbound": unbound, "round": reporting_round}
