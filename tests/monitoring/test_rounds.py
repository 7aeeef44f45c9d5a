"""Reporting rounds for Administration: opening, the overview of who has reported, closing; the lead's task."""

from __future__ import annotations

import datetime as dt

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from conftest import verified_client
from monitoring.conftest import report_url
from standortkompass.accounts.models import Role
from standortkompass.audit.models import AuditEntry
from standortkompass.monitoring.models import ReportingRound
from standortkompass.monitoring.selectors.rounds import due_projects, round_overview
from standortkompass.monitoring.selectors.tasks import report_member_tasks
from standortkompass.monitoring.services.reports import report_submit
from standortkompass.strategy.models import ElementKind
from standortkompass.strategy.services.elements import element_create


def _base(process):
    return f"/verwaltung/{process.pk}/umsetzung/"


def test_administration_opens_a_round_audited(process, client_for, users, monitored):
    response = client_for("admin").post(
        _base(process) + "runden/neu/",
        {"title": "Statusbericht Herbst 2027", "reporting_date": "2027-09-30", "due_date": "2027-10-15"},
    )

    created = ReportingRound.objects.get(title="Statusbericht Herbst 2027")
    assert response["Location"] == f"{_base(process)}runden/{created.pk}/"
    assert created.opened_by == users["admin"]
    assert AuditEntry.objects.filter(action="monitoring.round.open", object_id=str(created.pk)).exists()


def test_a_due_date_before_the_reporting_date_is_refused_naming_the_field(process, client_for, monitored):
    response = client_for("admin").post(
        _base(process) + "runden/neu/",
        {"title": "Falsch", "reporting_date": "2027-09-30", "due_date": "2027-09-01"},
    )

    assert response.status_code == 200
    assert f"{capfirst(_('due date'))}: {_('The due date lies before the reporting date.')}" in (
        response.content.decode()
    )
    assert not ReportingRound.objects.filter(title="Falsch").exists()


def test_a_round_asks_about_the_published_projects_not_those_added_to_the_draft_since(monitored, process, users):
    element_create(
        strategy=monitored.small.strategy, actor=users["editor"], kind=ElementKind.PROJECT, data={"title": "Neu"}
    )

    assert [project.title for project in due_projects(process)] == ["Azubi-Tour 2027", "Gewerbeflächenkataster"]


def test_the_overview_says_who_has_reported_and_who_not(monitored, client_for, users):
    report_submit(
        reporting_round=monitored.reporting_round,
        project=monitored.lead_project,
        actor=users["partner"],
        data={"status": "implementation", "progress": 40, "achieved": "Los geht's", "problems": "Personal knapp"},
    )

    overview = round_overview(monitored.reporting_round)
    assert (overview.reported, overview.missing) == (1, 1)
    rows = {row.project.title: row for row in overview.rows}
    assert rows["Azubi-Tour 2027"].report is not None
    assert rows["Gewerbeflächenkataster"].leads == [monitored.other_partner]
    page = client_for("admin").get(f"{_base(monitored.reporting_round.process)}runden/{monitored.reporting_round.pk}/")
    text = page.content.decode()
    assert "Personal knapp" in text  # the problems are for the agency
    assert "other-partner@example.org" in text
    assert _("missing") in text


def test_closing_a_round_is_audited_and_the_lead_can_no_longer_report(monitored, client_for):
    client = client_for("admin")
    url = f"{_base(monitored.reporting_round.process)}runden/{monitored.reporting_round.pk}/schliessen/"

    assert client.post(url).status_code == 302
    monitored.reporting_round.refresh_from_db()
    assert monitored.reporting_round.closed_at is not None
    assert AuditEntry.objects.filter(action="monitoring.round.close").count() == 1
    assert client.post(url).status_code == 302  # a second close says so and changes nothing
    assert AuditEntry.objects.filter(action="monitoring.round.close").count() == 1
    page = client_for("partner").get(report_url(monitored)).content.decode()
    assert _("The reporting round is closed; reports can no longer be given or corrected.") in page
    assert 'name="progress"' not in page


def test_the_lead_finds_the_due_report_in_my_area_with_its_link(monitored, users, client_for):
    tasks = report_member_tasks(users["partner"], monitored.reporting_round.process, Role.PARTNER)

    assert [task.url for task in tasks] == [report_url(monitored)]
    assert not tasks[0].done
    page = client_for("partner").get("/verwaltung/").content.decode()
    assert report_url(monitored) in page


def test_a_report_given_turns_the_task_into_a_done_one_to_correct(monitored, users):
    report_submit(
        reporting_round=monitored.reporting_round,
        project=monitored.lead_project,
        actor=users["partner"],
        data={"status": "planning", "progress": 20, "achieved": "Vorbereitung"},
    )

    tasks = report_member_tasks(users["partner"], monitored.reporting_round.process, Role.PARTNER)
    assert [task.done for task in tasks] == [True]


def test_partners_who_lead_nothing_and_other_roles_get_no_report_task(monitored, users, process):
    other = verified_client(monitored.other_partner)
    assert report_url(monitored) not in other.get("/verwaltung/").content.decode()
    for role in ["admin", "editor", "board", "company"]:
        assert report_member_tasks(users[role], process, Role(role)) == []


def test_a_closed_round_asks_nobody(monitored, users, process):
    from standortkompass.monitoring.services.rounds import round_close

    round_close(reporting_round=monitored.reporting_round, actor=users["admin"])

    assert report_member_tasks(users["partner"], process, Role.PARTNER) == []


def test_the_round_page_lists_the_reminder_dates(monitored, client_for):
    page = (
        client_for("admin")
        .get(f"{_base(monitored.reporting_round.process)}runden/{monitored.reporting_round.pk}/")
        .content.decode()
    )

    assert dt.date(2027, 4, 8).strftime("%d.%m.%Y") in page
    assert dt.date(2027, 4, 15).strftime("%d.%m.%Y") in page
