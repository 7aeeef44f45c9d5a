"""The tasks of a project lead on "My area": each open round's report for each project the lead leads."""

from __future__ import annotations

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from standortkompass.accounts.models import Role, User
from standortkompass.monitoring.models import ProjectReport
from standortkompass.monitoring.selectors.leads import projects_led_by
from standortkompass.monitoring.selectors.rounds import due_projects, open_rounds
from standortkompass.processes.member_tasks import MemberTask
from standortkompass.processes.models import StrategyProcess


def report_member_tasks(user: User, process: StrategyProcess, role: Role) -> list[MemberTask]:
    """Partners who lead projects: the reports due in the open rounds (done ones can still be corrected)."""
    if role != Role.PARTNER:
        return []
    rounds = list(open_rounds(process))
    if not rounds:
        return []
    led = {project.pk for project in projects_led_by(user, process)}
    if not led:
        return []
    projects = [project for project in due_projects(process) if project.pk in led]
    reported = set(
        ProjectReport.objects.filter(round__in=rounds, project__in=projects).values_list("round_id", "project_id")
    )
    tasks = []
    for reporting_round in rounds:
        for project in projects:
            done = (reporting_round.pk, project.pk) in reported
            url = reverse(
                "monitoring_manage:report",
                kwargs={"process_pk": process.pk, "round_pk": reporting_round.pk, "project_pk": project.pk},
            )
            values = {
                "project": project.title,
                "round": reporting_round.title,
                "date": date_format(reporting_round.reporting_date, "j. F Y"),
                "due": date_format(reporting_round.due_date, "j. F Y"),
            }
            if done:
                task = MemberTask(
                    title=_("Report given: %(project)s") % values,
                    text=_("%(round)s, as of %(date)s. You can correct it until the round is closed.") % values,
                    url=url,
                    link_text=_("Correct the report"),
                    done=True,
                    order=12,
                )
            else:
                task = MemberTask(
                    title=_("Report on your project: %(project)s") % values,
                    text=_("%(round)s: status and progress as of %(date)s, due by %(due)s.") % values,
                    url=url,
                    link_text=_("Report now"),
                    order=12,
                )
            tasks.append(task)
    return tasks
