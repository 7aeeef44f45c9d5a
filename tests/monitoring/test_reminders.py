"""Reminders to the leads whose report is due: one mail per lead, round and day, also under parallel runs."""

from __future__ import annotations

import datetime as dt
import io
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connections

from monitoring.conftest import build_monitored, report_url
from standortkompass.audit.models import AuditEntry
from standortkompass.monitoring.models import ReminderSent
from standortkompass.monitoring.selectors.rounds import reminder_dates
from standortkompass.monitoring.services.reminders import reminders_send
from standortkompass.monitoring.services.reports import report_submit
from standortkompass.monitoring.services.rounds import round_close

DAY = dt.date(2027, 4, 8)


def test_every_lead_without_a_report_gets_one_mail_with_the_link_to_the_form(monitored):
    outcome = reminders_send(round_id=monitored.reporting_round.pk, day=DAY, site_url="https://example.org")

    assert (outcome.sent, outcome.failed, outcome.skipped) == (2, 0, 0)
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"partner@example.org", "other-partner@example.org"}
    body = by_address["partner@example.org"].body
    assert "Azubi-Tour 2027" in body
    assert "https://example.org" + report_url(monitored) in body
    assert "Gewerbeflächenkataster" not in body


def test_a_lead_is_reminded_once_per_round_and_day(monitored):
    reminders_send(round_id=monitored.reporting_round.pk, day=DAY)
    again = reminders_send(round_id=monitored.reporting_round.pk, day=DAY)
    next_week = reminders_send(round_id=monitored.reporting_round.pk, day=DAY + dt.timedelta(days=7))

    assert (again.sent, again.skipped) == (0, 2)
    assert next_week.sent == 2
    assert len(mail.outbox) == 4
    assert ReminderSent.objects.count() == 4


def test_leads_who_have_reported_and_closed_rounds_get_no_reminder(monitored, users):
    report_submit(
        reporting_round=monitored.reporting_round,
        project=monitored.lead_project,
        actor=users["partner"],
        data={"status": "planning", "progress": 20, "achieved": "Vorbereitung"},
    )
    reminders_send(round_id=monitored.reporting_round.pk, day=DAY)
    assert [message.to for message in mail.outbox] == [["other-partner@example.org"]]

    round_close(reporting_round=monitored.reporting_round, actor=users["admin"])
    assert reminders_send(round_id=monitored.reporting_round.pk, day=DAY + dt.timedelta(days=7)).sent == 0


def test_the_reminder_dates_are_a_week_before_the_due_date_the_due_date_and_weekly_after(monitored):
    due = monitored.reporting_round.due_date

    dates = reminder_dates(monitored.reporting_round, until=due + dt.timedelta(days=15))

    assert dates == [due - dt.timedelta(days=7), due, due + dt.timedelta(days=7), due + dt.timedelta(days=14)]


def test_the_daily_command_reminds_on_a_reminder_date_and_not_between(monitored):
    out = io.StringIO()
    call_command("monitoring_reminders", "--date", "2027-04-09", stdout=out)
    assert mail.outbox == []
    assert "no reporting round" in out.getvalue()

    call_command("monitoring_reminders", "--date", "2027-04-15", stdout=out)
    call_command("monitoring_reminders", "--date", "2027-04-15", stdout=out)
    assert len(mail.outbox) == 2
    assert "2 sent" in out.getvalue()
    assert "0 sent, 0 failed, 2 already reminded today" in out.getvalue()


def test_the_button_of_administration_queues_the_reminders_audited(monitored, client_for):
    round_ = monitored.reporting_round
    response = client_for("admin").post(f"/verwaltung/{round_.process_id}/umsetzung/runden/{round_.pk}/erinnern/")

    assert response.status_code == 302
    assert len(mail.outbox) == 2  # the test settings run tasks at once
    assert AuditEntry.objects.filter(action="monitoring.round.remind").count() == 1
    page = client_for("admin").get(response["Location"]).content.decode()
    assert "other-partner@example.org" in page


PARALLEL = 4


@pytest.mark.django_db(transaction=True)
def test_parallel_runs_remind_each_lead_once(process, users):
    monitored = build_monitored(process, users)
    barrier = threading.Barrier(PARALLEL)

    def run() -> int:
        try:
            barrier.wait()
            return reminders_send(round_id=monitored.reporting_round.pk, day=DAY).sent
        finally:
            connections.close_all()

    with ThreadPoolExecutor(PARALLEL) as pool:
        sent = list(pool.map(lambda _: run(), range(PARALLEL)))

    assert sum(sent) == 2
    assert len(mail.outbox) == 2
    assert ReminderSent.objects.count() == 2
