"""The demo's monitoring step, and what monitoring keeps about people (export and erasure)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from processes.test_demo import official_regions, run_demo  # noqa: F401 -- the fixture and the command
from standortkompass.accounts.personal_data import Person
from standortkompass.monitoring.demo import monitoring_demo_load
from standortkompass.monitoring.models import ProjectReport, ReminderSent, ReportingRound
from standortkompass.monitoring.services.personal_data import (
    _reminder_records,
    _reminders_erase,
    _report_records,
    _reports_erase,
)
from standortkompass.monitoring.services.reminders import reminders_send
from standortkompass.monitoring.services.reports import report_submit
from standortkompass.processes.demo import data
from standortkompass.processes.demo.steps import demo_steps
from standortkompass.processes.models import StrategyProcess
from standortkompass.strategy.models import Element, ElementKind, IndicatorActual, ProjectSheet, Strategy
from strategy.conftest import build_small_strategy


def test_the_demo_step_is_registered_after_the_strategy_s():
    names = [step.__name__ for step in demo_steps()]

    assert "monitoring_demo_load" in names


def test_without_a_demo_strategy_the_demo_step_does_nothing(process, users):
    build_small_strategy(process, users["editor"])  # a real strategy, not the demo's

    assert monitoring_demo_load(process=process) == []
    assert not ReportingRound.objects.exists()


def test_the_demo_gets_two_labelled_rounds_with_reports_and_running_it_again_changes_nothing(process, users):
    small = build_small_strategy(process, users["editor"])
    Strategy.objects.filter(pk=small.strategy.pk).update(is_demo=True)
    ProjectSheet.objects.filter(element=small.projects[0]).update(status="implementation", progress=50)

    older, newer = monitoring_demo_load(process=process)
    monitoring_demo_load(process=process)

    assert ReportingRound.objects.count() == 2
    assert all(reporting_round.is_demo for reporting_round in (older, newer))
    assert older.closed_at is not None
    assert newer.closed_at is None
    assert older.reporting_date < newer.reporting_date
    assert ProjectReport.objects.filter(round=older).count() == 2
    assert ProjectReport.objects.filter(round=newer).count() == 1  # one project is left to report
    latest = ProjectReport.objects.get(round=newer, project=small.projects[0])
    assert (latest.status, latest.progress) == ("implementation", 50)  # the live values, unchanged
    earlier = ProjectReport.objects.get(round=older, project=small.projects[0])
    assert earlier.progress == 25
    assert all(report.is_demo and report.achieved.startswith("Demo-Bericht") for report in ProjectReport.objects.all())
    assert not IndicatorActual.objects.exists()  # no invented figures


def test_a_person_s_reports_are_exported_and_kept_without_them_on_erasure(monitored, users):
    report_submit(
        reporting_round=monitored.reporting_round,
        project=monitored.lead_project,
        actor=users["partner"],
        data={"status": "planning", "progress": 20, "achieved": "Vorbereitung"},
    )
    person = Person(email=users["partner"].email, user=users["partner"])

    assert len(_report_records(person)) == 1
    assert _reports_erase(person) == 1
    report = ProjectReport.objects.get()
    assert report.reported_by is None
    assert report.achieved == "Vorbereitung"


def test_a_person_s_reminders_are_exported_and_deleted(monitored, users):
    import datetime as dt

    reminders_send(round_id=monitored.reporting_round.pk, day=dt.date(2027, 4, 8))
    person = Person(email="other-partner@example.org", user=None)

    assert len(_reminder_records(person)) == 1
    assert _reminders_erase(person) == 1
    assert list(ReminderSent.objects.values_list("email", flat=True)) == ["partner@example.org"]


@pytest.mark.usefixtures("official_regions")
def test_the_whole_demo_has_two_reporting_rounds_on_the_demo_strategy_s_projects():
    run_demo()

    process = StrategyProcess.objects.get(slug=data.PROCESS_SLUG)
    rounds = list(ReportingRound.objects.filter(process=process).order_by("reporting_date"))
    assert [reporting_round.is_demo for reporting_round in rounds] == [True, True]
    projects = Element.objects.filter(strategy__process=process, kind=ElementKind.PROJECT).count()
    assert ProjectReport.objects.filter(round=rounds[0]).count() == projects
    assert ProjectReport.objects.filter(round=rounds[1]).count() == projects - 1
    if Strategy.objects.get(process=process).published_version_id is not None:
        page = Client().get("/umsetzung/").content.decode()
        assert (
            _("Latest report as of %(date)s.") % {"date": date_format(rounds[1].reporting_date, "DATE_FORMAT")} in page
        )
