"""The report of a project lead: who reaches the form, what a report changes, and only one report per round."""

from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections
from django.test import Client
from django.utils.translation import gettext as _

from conftest import verified_client
from monitoring.conftest import build_monitored, report_url
from standortkompass.audit.models import AuditEntry
from standortkompass.monitoring.models import ProjectReport
from standortkompass.monitoring.selectors.leads import is_project_lead, leads_of, projects_led_by
from standortkompass.monitoring.services.reports import report_submit
from standortkompass.monitoring.services.rounds import round_close
from standortkompass.strategy.models import Milestone, ProjectSheet

VALID = {
    "status": "implementation",
    "progress": "60",
    "achieved": "Erste Tour mit zwölf Betrieben.",
    "next_steps": "Zweite Tour im Herbst.",
    "problems": "Busunternehmen fehlt.",
}


REACHED = dt.date.today() - dt.timedelta(days=5)


def _posted(monitored, **changes):
    return {**VALID, f"milestone_{monitored.milestone.pk}": REACHED.isoformat(), **changes}


def test_the_partner_whose_address_is_a_contact_of_the_lead_organisation_leads_the_project(monitored, users):
    assert is_project_lead(users["partner"], monitored.lead_project)
    assert not is_project_lead(users["partner"], monitored.other_project)
    assert list(projects_led_by(users["partner"], monitored.reporting_round.process)) == [monitored.lead_project]


def test_the_project_s_own_contact_person_with_the_partner_role_leads_it(monitored):
    assert is_project_lead(monitored.other_partner, monitored.other_project)
    assert not is_project_lead(monitored.other_partner, monitored.lead_project)


def test_an_account_with_the_lead_s_address_but_another_role_is_no_lead(monitored, users, process):
    users["company"].email = "pat@example.org"
    users["company"].save()
    monitored.lead_organisation.contacts.create(name="Pat Firma", email="pat@example.org")

    assert not is_project_lead(users["company"], monitored.lead_project)
    assert users["company"] not in leads_of(process, [monitored.lead_project.pk])[monitored.lead_project.pk]


def test_the_lead_sees_the_report_form_with_the_project_s_current_status(monitored, client_for):
    response = client_for("partner").get(report_url(monitored))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Azubi-Tour 2027" in page
    assert '<option value="planning" selected>' in page
    assert _("Reached on: %(milestone)s") % {"milestone": "Erste Tour"} in page


@pytest.mark.parametrize("role", ["company", "board", "editor", "outsider"])
def test_other_roles_do_not_learn_that_the_report_form_exists(monitored, client_for, role):
    client = client_for(role)

    assert client.get(report_url(monitored)).status_code == 404
    assert client.post(report_url(monitored), _posted(monitored)).status_code == 404
    assert not ProjectReport.objects.exists()


def test_a_partner_who_does_not_lead_the_project_gets_404_and_changes_nothing(monitored):
    client = verified_client(monitored.other_partner)

    assert client.get(report_url(monitored)).status_code == 404
    assert client.post(report_url(monitored), _posted(monitored)).status_code == 404
    assert not ProjectReport.objects.exists()
    assert ProjectSheet.objects.get(element=monitored.lead_project).status == "planning"
    # ... while the project they lead is theirs to report on.
    assert client.get(report_url(monitored, monitored.other_project)).status_code == 200


def test_anonymous_visitors_are_sent_to_the_log_in(monitored):
    response = Client().get(report_url(monitored))

    assert response.status_code == 302
    assert "/konto/anmelden/" in response["Location"]


def test_administration_may_report_on_behalf_of_the_lead(monitored, client_for):
    response = client_for("admin").post(report_url(monitored), _posted(monitored))

    assert response.status_code == 302
    assert ProjectReport.objects.get().reported_by.email == "admin@example.org"


def test_a_report_updates_the_project_s_status_progress_and_milestones_audited(monitored, client_for, users):
    response = client_for("partner").post(report_url(monitored), _posted(monitored))

    assert response.status_code == 302
    assert response["Location"] == "/verwaltung/"
    report = ProjectReport.objects.get()
    assert (report.status, report.progress, report.reported_by) == ("implementation", 60, users["partner"])
    assert report.milestones_reached == [{"title": "Erste Tour", "reached_on": REACHED.isoformat()}]
    sheet = ProjectSheet.objects.get(element=monitored.lead_project)
    assert (sheet.status, sheet.progress) == ("implementation", 60)
    assert sheet.status_changed_at is not None
    assert Milestone.objects.get(pk=monitored.milestone.pk).reached_on == REACHED
    actions = set(AuditEntry.objects.filter(actor=users["partner"]).values_list("action", flat=True))
    assert {"monitoring.report.submit", "strategy.sheet.update", "strategy.milestone.update"} <= actions


def test_a_bad_progress_is_refused_with_a_german_message_naming_the_field(monitored, client_for):
    response = client_for("partner").post(report_url(monitored), _posted(monitored, progress="120", achieved=""))

    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="error-summary"' in page
    # The summary names the field, and so does the message itself (German once the catalogue has it).
    assert f"{_('Progress in percent')}: {_('The progress cannot be more than 100 percent.')}" in page
    assert _("Write in a few sentences what has happened since the last report.") in page
    assert not ProjectReport.objects.exists()
    assert ProjectSheet.objects.get(element=monitored.lead_project).progress == 10


def test_a_milestone_reached_in_the_future_is_refused_naming_the_milestone(monitored, client_for):
    later = dt.date.today() + dt.timedelta(days=30)
    response = client_for("partner").post(
        report_url(monitored), _posted(monitored, **{f"milestone_{monitored.milestone.pk}": later.isoformat()})
    )

    assert response.status_code == 200
    assert _("“%(milestone)s” cannot have been reached in the future.") % {"milestone": "Erste Tour"} in (
        response.content.decode().replace("&#x27;", "'")
    )
    assert not ProjectReport.objects.exists()


def test_a_second_report_in_the_same_round_corrects_the_first(monitored, client_for):
    client = client_for("partner")
    client.post(report_url(monitored), _posted(monitored))
    client.post(report_url(monitored), _posted(monitored, progress="70"))

    assert ProjectReport.objects.count() == 1
    assert ProjectReport.objects.get().progress == 70
    assert _("Save the corrected report") in client.get(report_url(monitored)).content.decode()


def test_a_closed_round_shows_the_report_but_takes_none(monitored, client_for, users):
    client = client_for("partner")
    client.post(report_url(monitored), _posted(monitored))
    round_close(reporting_round=monitored.reporting_round, actor=users["admin"])

    response = client.post(report_url(monitored), _posted(monitored, progress="90"))

    assert response.status_code == 200
    assert _("The reporting round is closed; reports can no longer be given or corrected.") in response.content.decode()
    assert ProjectReport.objects.get().progress == 60


def test_an_older_round_s_report_leaves_the_live_status_of_a_newer_one(monitored, users, process):
    from standortkompass.monitoring.services.rounds import round_open

    older = round_open(
        process=process,
        actor=users["admin"],
        data={"title": "Herbst 2026", "reporting_date": dt.date(2026, 9, 30), "due_date": dt.date(2026, 10, 15)},
    )
    report_submit(
        reporting_round=monitored.reporting_round,
        project=monitored.lead_project,
        actor=users["partner"],
        data={"status": "implementation", "progress": 60, "achieved": "Neu"},
    )
    report_submit(
        reporting_round=older,
        project=monitored.lead_project,
        actor=users["admin"],
        data={"status": "planning", "progress": 20, "achieved": "Alt"},
    )

    sheet = ProjectSheet.objects.get(element=monitored.lead_project)
    assert (sheet.status, sheet.progress) == ("implementation", 60)


PARALLEL = 6


def _in_parallel(attempt):
    barrier = threading.Barrier(PARALLEL)

    def run():
        try:
            barrier.wait()
            return attempt()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(PARALLEL) as pool:
        return list(pool.map(lambda _: run(), range(PARALLEL)))


@pytest.mark.django_db(transaction=True)
def test_six_submissions_of_the_same_moment_make_one_report(process, users, requests_keep_the_test_transaction):
    monitored = build_monitored(process, users)
    clients = [verified_client(users["partner"]) for _ in range(PARALLEL)]
    url = report_url(monitored)

    statuses = _in_parallel(lambda: clients.pop().post(url, _posted(monitored)).status_code)

    assert statuses == [302] * PARALLEL
    assert ProjectReport.objects.count() == 1
    assert AuditEntry.objects.filter(action="monitoring.report.submit").count() == 1
