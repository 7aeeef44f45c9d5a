"""The demo's Partner log-in leads a demo project: after ``standortkompass demo`` it finds the project's report in the
open demo reporting round under "My area"."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from processes.test_demo import official_regions, run_demo  # noqa: F401 -- the fixture and the command
from standortkompass.accounts.models import Role, User
from standortkompass.monitoring.models import ReportingRound
from standortkompass.monitoring.selectors.leads import projects_led_by
from standortkompass.monitoring.selectors.tasks import report_member_tasks
from standortkompass.processes.demo import data
from standortkompass.processes.models import ContactPerson, StrategyProcess
from standortkompass.strategy.demo import partner_contact_ensure
from standortkompass.strategy.demo.data import PARTNER_CONTACT

PARTNER_EMAIL = next(user.email for user in data.USERS if user.role == "partner")


@pytest.mark.usefixtures("official_regions")
def test_after_the_demo_the_demo_partner_leads_a_project_and_has_its_report_task_in_my_area():
    run_demo()

    process = StrategyProcess.objects.get(slug=data.PROCESS_SLUG)
    partner = User.objects.get(email=PARTNER_EMAIL)
    [project] = projects_led_by(partner, process)
    assert project.title == PARTNER_CONTACT.project
    contact = ContactPerson.objects.get(email__iexact=PARTNER_EMAIL)
    assert contact.organisation == project.sheet.lead_organisation
    assert "(fiktiv)" in contact.name
    assert contact.may_be_contacted
    assert contact.consent_scope
    assert contact.consent_method
    open_round = ReportingRound.objects.get(process=process, is_demo=True, closed_at__isnull=True)
    report_url = reverse(
        "monitoring_manage:report",
        kwargs={"process_pk": process.pk, "round_pk": open_round.pk, "project_pk": project.pk},
    )
    [task] = report_member_tasks(partner, process, Role.PARTNER)
    assert task.url == report_url
    client = Client()
    client.force_login(partner)  # a Partner needs no second factor
    my_area = client.get("/verwaltung/")
    assert my_area.status_code == 200
    assert f'href="{report_url}"' in my_area.content.decode()
    assert client.get(report_url).status_code == 200


def test_the_partner_contact_is_only_made_where_the_demo_partner_log_in_takes_part(process, users):
    assert partner_contact_ensure(process=process) is None
    assert not ContactPerson.objects.exists()
